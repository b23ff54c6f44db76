// Generated from chapters/10-live.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 5ca731b7db290605
// The page's half of chapter 10, live: it loads the module, asks it to train,
// and draws what the module's memory holds. No framework, no build step.

const panel = document.getElementById("live-moons");
const canvas = panel.querySelector("canvas");
const status = panel.querySelector(".live-status");
const rates = panel.querySelector("select");
const note = document.querySelector(".live-note");

// The module, compiled from crates/ch10-live for wasm32-unknown-unknown. It
// imports nothing, so it is instantiated with no imports.
async function load() {
  const url = new URL("ch10_live.wasm", import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const bytes = await response.arrayBuffer();
  const { instance } = await WebAssembly.instantiate(bytes, {});
  return instance.exports;
}
let live;
try {
  live = await load();
} catch (error) {
  note.textContent = `(The network could not load here: ${error.message})`;
  throw error;
}


// Numbers the module keeps in its memory, seen from here. The view is made
// anew each time: when the module's memory grows, an older view goes empty.
function numbers(address, count) {
  return new Float64Array(live.memory.buffer, address, count);
}


// The part of the plane drawn, and the grid of cells scored in it.
const view = { left: -1.5, right: 2.5, bottom: -1.0, top: 1.5 };
const grid = { columns: 80, rows: 50 };
const blue = [31, 119, 180]; // label -1, the upper moon
const orange = [255, 127, 14]; // label +1, the lower moon

let seed = 0; // 0: the notebook's points and weights; then seeds 1, 2, …
let count = live.start_original();
let loss = NaN;
let running = false;
let request = 0; // the frame asked for while running, to cancel it

for (const [label, rate] of [
  ["chapter 10's: 1.0 down to 0.109", 0],
  ["1.0", 1.0],
  ["0.3", 0.3],
  ["0.1", 0.1],
  ["0.01", 0.01],
]) {
  rates.add(new Option(label, String(rate)));
}

// The learning rate of the next step; 0 in the list stands for chapter 10's.
function rate() {
  const chosen = Number(rates.value);
  return chosen > 0 ? chosen : live.chapter_rate(live.steps());
}


function draw() {
  const { columns, rows } = grid;
  const scores = numbers(
    live.scores(columns, rows, view.left, view.right, view.bottom, view.top),
    columns * rows,
  );
  const context = canvas.getContext("2d");
  const image = context.createImageData(columns, rows);
  scores.forEach((score, i) => {
    const [r, g, b] = score > 0 ? orange : blue;
    // Pale where the network is unsure, deeper where its score is large.
    const weight = 0.15 + 0.25 * Math.min(Math.abs(score), 1);
    const tint = [r, g, b].map((c) => Math.round(255 + (c - 255) * weight));
    image.data.set([...tint, 255], 4 * i);
  });
  const cells = new OffscreenCanvas(columns, rows);
  cells.getContext("2d").putImageData(image, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(cells, 0, 0, canvas.width, canvas.height);

  const points = numbers(live.points(), 3 * count);
  const x = (v) => ((v - view.left) / (view.right - view.left)) * canvas.width;
  const y = (v) => ((view.top - v) / (view.top - view.bottom)) * canvas.height;
  context.lineWidth = 1;
  context.strokeStyle = "#000000";
  for (let i = 0; i < count; i += 1) {
    const [px, py, label] = points.subarray(3 * i, 3 * i + 3);
    context.fillStyle = `rgb(${label > 0 ? orange : blue})`;
    context.beginPath();
    context.arc(x(px), y(py), 5, 0, 2 * Math.PI);
    context.fill();
    context.stroke();
  }

  const steps = live.steps();
  const start = seed === 0 ? "the notebook's start" : `seed ${seed}`;
  status.textContent =
    steps === 0
      ? `${start}, not trained yet`
      : `${start}, step ${steps}, loss ${loss}, ` +
        `accuracy ${(100 * live.accuracy()).toFixed(1)}%`;
  for (const button of panel.querySelectorAll("button")) {
    const action = button.dataset.action;
    button.disabled = action === (running ? "start" : "pause");
  }
}


// Trains for about a frame's time, then draws: the page stays responsive.
function frame() {
  if (!running) return;
  const started = performance.now();
  do {
    loss = live.train(1, rate());
  } while (performance.now() - started < 12);
  draw();
  request = requestAnimationFrame(frame);
}

function stop() {
  running = false;
  cancelAnimationFrame(request);
}

const actions = {
  start() {
    if (!running) {
      running = true;
      request = requestAnimationFrame(frame);
    }
    draw();
  },
  pause() {
    stop();
    draw();
  },
  step() {
    stop();
    loss = live.train(1, rate());
    draw();
  },
  original() {
    seed = 0;
    count = live.start_original();
    loss = NaN;
    draw();
  },
  reset() {
    seed += 1;
    count = live.start_seeded(seed);
    loss = NaN;
    draw();
  },
};
for (const button of panel.querySelectorAll("button")) {
  button.addEventListener("click", () => actions[button.dataset.action]());
}

note.hidden = true;
panel.hidden = false;
draw();

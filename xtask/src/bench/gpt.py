"""Times a training step of the GPT of chapters 14 and 15, written in plain Python.

`cargo xtask bench` writes this script under target/ and runs it with
python3 (standard library only):

    python gpt.py START_TXT MODE

START_TXT is what `ch15-bench --export` wrote: the names the Rust steps are
timed on, then the model's starting weights, a section per matrix. The script
builds the same model over a scalar `Value` of micrograd's kind (data, grad,
the values it was made from, a closure for its step of backpropagation),
operation for operation as the chapter's `model.rs` builds it on `Value`, so
that it adds in the same order and its loss comes out the same to the bit.
It trains as the chapter's `Trainer::step_on_values` does: one name per step,
the loss, the grads zeroed, backpropagation, and Adam with bias correction at
a rate falling in a straight line over 1,000 steps.

It runs two steps on a model thrown away, to warm up, then one timed step
per name on a fresh model from the same weights, and prints one line,
comma-separated:

    gpt,MODE,<ms per step, averaged over the names>,<nodes over the timed steps>,<first step's loss>,<last step's loss>

Each closure holds the values it reads, never the value it belongs to, so a
graph holds no reference cycle and is freed by reference counting as each
step ends. MODE says what Python's cycle collector does meanwhile: `default`,
it runs as it comes, set off again and again by the many objects a step
makes; `off`, it is switched off for the timed steps, since it would find nothing
to free.
"""

import gc
import math
import sys
import time

# The model's sizes and the training's settings, as the chapter's crate has them.
VOCAB, WIDTH, HEADS, CONTEXT, HIDDEN = 27, 16, 4, 16, 64
HEAD_WIDTH = WIDTH // HEADS
MARKER = 26
STEPS, RATE, BETA1, BETA2, EPSILON = 1000, 0.01, 0.85, 0.99, 1e-8
WARM_UP = 2
MATRICES = {
    "tokens": (VOCAB, WIDTH),
    "positions": (CONTEXT, WIDTH),
    "query": (WIDTH, WIDTH),
    "key": (WIDTH, WIDTH),
    "value": (WIDTH, WIDTH),
    "output": (WIDTH, WIDTH),
    "up": (HIDDEN, WIDTH),
    "down": (WIDTH, HIDDEN),
    "logits": (VOCAB, WIDTH),
}


class Value:
    """A number in a graph: its data, its grad, the values it was made from,
    and how it passes its grad on to them."""

    __slots__ = ("data", "grad", "children", "step")

    def __init__(self, data, children=(), step=None):
        self.data = data
        self.grad = 0.0
        self.children = children
        self.step = step

    def __add__(self, other):
        def step(out):
            self.grad += out.grad
            other.grad += out.grad

        return Value(self.data + other.data, (self, other), step)

    def __mul__(self, other):
        def step(out):
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        return Value(self.data * other.data, (self, other), step)

    def pow(self, k):
        slope = k * self.data ** (k - 1.0)

        def step(out):
            self.grad += slope * out.grad

        return Value(self.data**k, (self,), step)

    def exp(self):
        e = math.exp(self.data)

        def step(out):
            self.grad += e * out.grad

        return Value(e, (self,), step)

    def ln(self):
        def step(out):
            self.grad += out.grad / self.data

        return Value(math.log(self.data), (self,), step)

    def relu(self):
        v = self.data
        slope = v if math.isnan(v) else float(v > 0.0)

        def step(out):
            self.grad += slope * out.grad

        return Value(0.0 if v < 0.0 else v, (self,), step)


def topological(root):
    """Every value under `root`, itself included, each once, the values it
    was made from first: depth-first, children in order."""
    order, seen = [], {root}
    stack = [(root, iter(root.children))]
    while stack:
        node, children = stack[-1]
        for child in children:
            if child not in seen:
                seen.add(child)
                stack.append((child, iter(child.children)))
                break
        else:
            stack.pop()
            order.append(node)
    return order


def backward(root):
    """Fills in every grad under `root`; returns how many values it holds."""
    order = topological(root)
    root.grad = 1.0
    for node in reversed(order):
        if node.step is not None:
            node.step(node)
    return len(order)


# The model, written with the same operations in the same order as the
# chapter's: every sum starts from 0 and adds left to right.


def total(terms):
    result = Value(0.0)
    for term in terms:
        result = result + term
    return result


def dot(w, x):
    result = Value(0.0)
    for wi, xi in zip(w, x):
        result = result + wi * xi
    return result


def scale(a, k):
    return a * Value(k)


def shift(a, k):
    return a + Value(k)


def linear(w, x):
    return [dot(row, x) for row in w]


def add(a, b):
    return [ai + bi for ai, bi in zip(a, b)]


def rms_norm(x):
    mean = shift(scale(dot(x, x), 1.0 / len(x)), 1e-5)
    factor = mean.pow(-0.5)
    return [xi * factor for xi in x]


def softmax(scores):
    largest = max(s.data for s in scores)
    exps = [shift(s, -largest).exp() for s in scores]
    inverse = total(exps).pow(-1.0)
    return [e * inverse for e in exps]


def cross_entropy(logits, target):
    largest = max(l.data for l in logits)
    shifted = [shift(l, -largest) for l in logits]
    log_total = total([s.exp() for s in shifted]).ln()
    return log_total + scale(shifted[target], -1.0)


def attend(q, head, keys, values):
    part = range(head * HEAD_WIDTH, (head + 1) * HEAD_WIDTH)
    factor = 1.0 / math.sqrt(HEAD_WIDTH)
    scores = [scale(dot(q, [k[i] for i in part]), factor) for k in keys]
    weights = softmax(scores)
    return [dot(weights, [v[i] for v in values]) for i in part]


def forward(gpt, token, position, keys, values):
    x = rms_norm(add(gpt["tokens"][token], gpt["positions"][position]))
    normed = rms_norm(x)
    q = linear(gpt["query"], normed)
    keys.append(linear(gpt["key"], normed))
    values.append(linear(gpt["value"], normed))
    heads = []
    for head in range(HEADS):
        part = q[head * HEAD_WIDTH : (head + 1) * HEAD_WIDTH]
        heads.extend(attend(part, head, keys, values))
    x = add(x, linear(gpt["output"], heads))
    normed = rms_norm(x)
    hidden = [h.relu() for h in linear(gpt["up"], normed)]
    x = add(x, linear(gpt["down"], hidden))
    return linear(gpt["logits"], x)


def loss(gpt, tokens):
    n = min(CONTEXT, len(tokens) - 1)
    keys, values = [], []
    losses = [
        cross_entropy(forward(gpt, tokens[p], p, keys, values), tokens[p + 1])
        for p in range(n)
    ]
    return scale(total(losses), 1.0 / n)


def integer_power(a, n):
    """aⁿ by repeated squaring, the way Rust's `powi` computes it, so that
    Adam's bias correction has the same bits as the crate's."""
    result = 1.0
    while True:
        if n & 1:
            result *= a
        n //= 2
        if n == 0:
            return result
        a *= a


class Trainer:
    """The model's weights as `Value`s, Adam's moments, and the step count."""

    def __init__(self, start):
        self.gpt = {
            name: [[Value(w) for w in row] for row in matrix]
            for name, matrix in start.items()
        }
        self.parameters = [
            w for name in MATRICES for row in self.gpt[name] for w in row
        ]
        self.m = [0.0] * len(self.parameters)
        self.v = [0.0] * len(self.parameters)
        self.steps = 0

    def step(self, tokens):
        """One training step on a name; its loss, and its graph's size."""
        result = loss(self.gpt, tokens)
        for p in self.parameters:
            p.grad = 0.0
        nodes = backward(result)
        rate = RATE * (1.0 - self.steps / STEPS)
        self.steps += 1
        correction1 = 1.0 - integer_power(BETA1, self.steps)
        correction2 = 1.0 - integer_power(BETA2, self.steps)
        for i, p in enumerate(self.parameters):
            g = p.grad
            self.m[i] = BETA1 * self.m[i] + (1.0 - BETA1) * g
            self.v[i] = BETA2 * self.v[i] + (1.0 - BETA2) * g * g
            m_hat, v_hat = self.m[i] / correction1, self.v[i] / correction2
            # No weight decay: the crate's p − η·0·p is p itself.
            p.data = p.data - rate * m_hat / (math.sqrt(v_hat) + EPSILON)
        return result.data, nodes


def encode(name):
    return [MARKER] + [ord(c) - ord("a") for c in name] + [MARKER]


def read(path):
    """The names and the starting weights; exits naming the file and line
    of anything it cannot read."""
    sections, section = {}, None
    with open(path) as lines:
        for number, line in enumerate(lines, 1):
            line = line.strip()

            def wrong(message):
                sys.exit(f"{path}:{number}: {message}: {line!r}")

            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                name = line.strip("[]")
                if name != "names" and name not in MATRICES or name in sections:
                    wrong("not a section, or a second one of that name")
                section = sections[name] = []
            elif section is None:
                wrong("a line before the first section")
            elif sections["names"] is section:
                if not (line.isascii() and line.isalpha() and line.islower()):
                    wrong("a name is letters a-z only")
                section.append(line)
            else:
                try:
                    section.append([float(w) for w in line.split()])
                except ValueError:
                    wrong("a row of weights is numbers")
    for name, (rows, columns) in MATRICES.items():
        matrix = sections.get(name, [])
        if len(matrix) != rows or any(len(r) != columns for r in matrix):
            sys.exit(f"{path}: [{name}] should be {rows} rows of {columns}")
    if not sections.get("names"):
        sys.exit(f"{path}: [names] should list at least one name")
    names = sections.pop("names")
    return names, sections


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("default", "off"):
        sys.exit("usage: python gpt.py START_TXT default|off")
    path, mode = sys.argv[1], sys.argv[2]
    names, start = read(path)
    timed = [encode(name) for name in names]
    warming = Trainer(start)
    for tokens in (timed * WARM_UP)[:WARM_UP]:
        warming.step(tokens)
    del warming
    trainer = Trainer(start)
    gc.collect()
    if mode == "off":
        gc.disable()
    started = time.perf_counter()
    steps = [trainer.step(tokens) for tokens in timed]
    ms = (time.perf_counter() - started) * 1000 / len(timed)
    gc.enable()
    nodes = sum(n for _, n in steps)
    print(f"gpt,{mode},{ms:.3f},{nodes},{steps[0][0]!r},{steps[-1][0]!r}")


main()

// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 38059ebef2378166
//! Chapter 15: the GPT of chapter 14 trained, one name per step, with Adam
//! and a falling rate; then names made up by it.

use micrograd::Value;
use micrograd::optim::{Adam, Optimizer};
use micrograd::tape::Tape;
use rand::Rng;

use ch14_gpt::engine::{Graph, Numbers};
use ch14_gpt::model::{CONTEXT, Gpt, Memory, forward, loss, softmax};
use ch14_gpt::names::{MARKER, VOCAB, encode};

/// The training run's settings: its length, and Adam's.
pub const STEPS: usize = 1000;
pub const RATE: f64 = 0.01;
pub const BETAS: (f64, f64) = (0.85, 0.99);
pub const EPSILON: f64 = 1e-8;

/// A trainer: the model's weights as `Value`s, Adam over them, and where
/// it is in a schedule of `total` steps.
pub struct Trainer {
    gpt: Gpt<Value>,
    adam: Adam,
    steps: usize,
    total: usize,
}

impl Trainer {
    /// Adam over the weights of `start`, with this chapter's settings, for a
    /// run of `total` steps.
    pub fn new(start: &Gpt<f64>, total: usize) -> Trainer {
        let gpt = start.map(|&w| Value::new(w));
        let parameters = gpt.parameters().cloned().collect();
        let adam = Adam::new(parameters, RATE)
            .betas(BETAS.0, BETAS.1)
            .epsilon(EPSILON);
        Trainer { gpt, adam, steps: 0, total }
    }

    /// One step on `Value`'s graph: the loss of the name `tokens`, its
    /// grads, and Adam's update. Returns the loss.
    pub fn step_on_values(&mut self, tokens: &[usize]) -> f64 {
        let loss = loss(&mut Graph, &self.gpt, tokens);
        self.adam.zero_grad();
        loss.backward();
        self.update();
        loss.data()
    }

    /// The same step on `tape`: the weights copied onto it, the loss and
    /// its grads computed there, the grads copied back for Adam.
    pub fn step_on_tape(&mut self, tape: &mut Tape, tokens: &[usize]) -> f64 {
        tape.clear();
        let on_tape = self.gpt.map(|w| tape.input(w.data()));
        let loss = loss(tape, &on_tape, tokens);
        tape.backward(loss);
        for (w, &v) in self.gpt.parameters().zip(on_tape.parameters()) {
            w.set_grad(tape.grad(v));
        }
        self.update();
        tape.data(loss)
    }

    /// Adam's update, at a rate that falls in a straight line from `RATE`
    /// towards 0 over the run's steps.
    ///
    /// # Panics
    ///
    /// If the run's steps are all taken.
    fn update(&mut self) {
        let total = self.total;
        assert!(self.steps < total, "the run's {total} steps are all taken");
        let left = 1.0 - self.steps as f64 / total as f64;
        self.adam.set_rate(RATE * left);
        self.adam.step();
        self.steps += 1;
    }

    /// The weights as plain numbers.
    pub fn weights(&self) -> Gpt<f64> {
        self.gpt.map(Value::data)
    }
}

/// The chapter's training run: `STEPS` steps on a tape, on `names` in turn,
/// from the weights `start`. Returns the trained weights and each step's
/// loss.
pub fn run(names: &[&str], start: &Gpt<f64>) -> (Gpt<f64>, Vec<f64>) {
    let mut trainer = Trainer::new(start, STEPS);
    let mut tape = Tape::new();
    let losses = (0..STEPS)
        .map(|step| trainer.step_on_tape(&mut tape, &encode(names[step])))
        .collect();
    (trainer.weights(), losses)
}

/// A model that only counts how often each token comes next.
#[derive(Clone, Copy, Debug)]
pub enum Counting {
    /// Whatever came before.
    Unigram,
    /// After the token before it.
    Bigram,
}

/// The mean loss on `test` of the counting model `model` counted in
/// `train`. Each count starts at 1, so that no probability is 0.
pub fn counting_loss(train: &[&str], test: &[&str], model: Counting) -> f64 {
    // The row of counts for position i: one row for all, or one per token.
    let row = |t: &[usize], i: usize| match model {
        Counting::Unigram => 0,
        Counting::Bigram => t[i],
    };
    let mut counts = vec![[1.0; VOCAB]; VOCAB];
    for name in train {
        let tokens = encode(name);
        for i in 0..tokens.len() - 1 {
            counts[row(&tokens, i)][tokens[i + 1]] += 1.0;
        }
    }
    let name_loss = |name: &&str| {
        let tokens = encode(name);
        let n = tokens.len() - 1;
        let losses = (0..n).map(|i| {
            let seen = &counts[row(&tokens, i)];
            -(seen[tokens[i + 1]] / seen.iter().sum::<f64>()).ln()
        });
        losses.sum::<f64>() / n as f64
    };
    test.iter().map(name_loss).sum::<f64>() / test.len() as f64
}

/// A name made up by `gpt`: from the marker, each next token drawn from the
/// softmax of the logits divided by `temperature`, until the marker comes
/// back or the context is full. Returns its tokens, the markers included,
/// and what attention did.
pub fn sample(
    gpt: &Gpt<f64>,
    temperature: f64,
    rng: &mut impl Rng,
) -> (Vec<usize>, Memory<f64>) {
    let mut memory = Memory::new();
    let mut tokens = vec![MARKER];
    for position in 0..CONTEXT {
        let token = tokens[position];
        let logits = forward(&mut Numbers, gpt, token, &mut memory);
        let cooled: Vec<f64> = logits.iter().map(|l| l / temperature).collect();
        let p = softmax(&mut Numbers, &cooled);
        let next = draw(&p, rng);
        tokens.push(next);
        if next == MARKER {
            break;
        }
    }
    (tokens, memory)
}

/// A token drawn with the probabilities `p`: the first whose running total
/// passes a uniform draw from [0, 1).
fn draw(p: &[f64], rng: &mut impl Rng) -> usize {
    // The top 53 bits as a fraction, as chapter 8's `uniform` makes it: the
    // same draw with any version of `rand`.
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let mut total = 0.0;
    for (token, p) in p.iter().enumerate() {
        total += p;
        if u < total {
            return token;
        }
    }
    // The total fell short of 1 by rounding, and the draw beyond it.
    MARKER
}

// Generated from chapters/14-gpt.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 76c7da2e75ff55ee
//! The model: a GPT of one layer, written once for any [`Engine`].

use ch10_moons::moons::normal_pair;
use rand::Rng;

use crate::engine::Engine;
use crate::names::VOCAB;

/// How many numbers stand for a token at each position.
pub const WIDTH: usize = 16;
/// How many attention heads, and how many of the numbers each one reads.
pub const HEADS: usize = 4;
pub const HEAD_WIDTH: usize = WIDTH / HEADS;
/// The most positions the model reads: the longest name it can learn has
/// one letter fewer.
pub const CONTEXT: usize = 16;
/// The width of the MLP's hidden layer.
pub const HIDDEN: usize = 4 * WIDTH;
/// The standard deviation of the starting weights.
pub const INIT: f64 = 0.08;

/// A matrix, as a vector of rows.
pub type Matrix<N> = Vec<Vec<N>>;

/// Every weight of the model, each held as the engine's number `N`.
#[derive(Clone, Debug)]
pub struct Gpt<N> {
    /// A row of `WIDTH` numbers for each token.
    pub tokens: Matrix<N>,
    /// A row of `WIDTH` numbers for each position.
    pub positions: Matrix<N>,
    /// Attention's query, key, value and output matrices, `WIDTH` square.
    pub query: Matrix<N>,
    pub key: Matrix<N>,
    pub value: Matrix<N>,
    pub output: Matrix<N>,
    /// The MLP: `WIDTH` up to `HIDDEN`, then back down.
    pub up: Matrix<N>,
    pub down: Matrix<N>,
    /// From the last activation to a score (a logit) for each token.
    pub logits: Matrix<N>,
}

/// The name of each matrix, in the order of [`Gpt::matrices`].
pub const FIELDS: [&str; 9] = [
    "tokens",
    "positions",
    "query",
    "key",
    "value",
    "output",
    "up",
    "down",
    "logits",
];

/// The shape of each matrix, rows by columns, in the same order.
pub const SHAPES: [(usize, usize); 9] = [
    (VOCAB, WIDTH),
    (CONTEXT, WIDTH),
    (WIDTH, WIDTH),
    (WIDTH, WIDTH),
    (WIDTH, WIDTH),
    (WIDTH, WIDTH),
    (HIDDEN, WIDTH),
    (WIDTH, HIDDEN),
    (VOCAB, WIDTH),
];

impl Gpt<f64> {
    /// A model whose every weight is drawn from a normal distribution, mean
    /// 0 and standard deviation [`INIT`].
    pub fn random(rng: &mut impl Rng) -> Gpt<f64> {
        let mut normals = std::iter::repeat_with(|| normal_pair(rng))
            .flat_map(|(a, b)| [a, b]);
        Gpt::from_matrices(SHAPES.map(|(rows, columns)| {
            let mut row =
                || normals.by_ref().take(columns).map(|z| INIT * z).collect();
            (0..rows).map(|_| row()).collect()
        }))
    }
}

impl<N> Gpt<N> {
    /// The matrices, in a fixed order: the order of the fields.
    pub fn matrices(&self) -> [&Matrix<N>; 9] {
        [
            &self.tokens,
            &self.positions,
            &self.query,
            &self.key,
            &self.value,
            &self.output,
            &self.up,
            &self.down,
            &self.logits,
        ]
    }

    /// A model of the matrices `m`, given in the order of the fields.
    pub fn from_matrices(m: [Matrix<N>; 9]) -> Gpt<N> {
        let [tokens, positions, query, key, value, output, up, down, logits] =
            m;
        Gpt { tokens, positions, query, key, value, output, up, down, logits }
    }

    // ... `matrices`, an array of references to the nine, and
    // `from_matrices`, which builds a model from nine: hidden
    /// Every weight, matrix by matrix, row by row.
    pub fn parameters(&self) -> impl Iterator<Item = &N> {
        self.matrices().into_iter().flatten().flatten()
    }

    /// The same model with each weight `w` held as `f(w)`: in another engine.
    pub fn map<M>(&self, mut f: impl FnMut(&N) -> M) -> Gpt<M> {
        Gpt::from_matrices(self.matrices().map(|m| {
            m.iter().map(|row| row.iter().map(&mut f).collect()).collect()
        }))
    }
}

/// The matrix `w` times the vector `x`: a dot product per row.
pub fn linear<E: Engine>(e: &mut E, w: &Matrix<E::N>, x: &[E::N]) -> Vec<E::N> {
    w.iter().map(|row| e.dot(row, x)).collect()
}

/// a + b, element by element.
pub fn add<E: Engine>(e: &mut E, a: &[E::N], b: &[E::N]) -> Vec<E::N> {
    a.iter().zip(b).map(|(a, b)| e.add(a, b)).collect()
}

/// RMSNorm without a gain: `x` divided by the root of the mean of its
/// squares, so that the mean square becomes 1. The 10⁻⁵ keeps a vector of
/// zeros from dividing by 0.
pub fn rms_norm<E: Engine>(e: &mut E, x: &[E::N]) -> Vec<E::N> {
    let total = e.dot(x, x);
    let mean = e.scale(&total, 1.0 / x.len() as f64);
    let mean = e.shift(&mean, 1e-5);
    let factor = e.pow(&mean, -0.5);
    x.iter().map(|x| e.mul(x, &factor)).collect()
}

/// The softmax of `scores`: eˢⁱ / Σⱼ eˢʲ, with the largest score subtracted
/// first as a plain number (chapter 13).
pub fn softmax<E: Engine>(e: &mut E, scores: &[E::N]) -> Vec<E::N> {
    let max = largest(e, scores);
    let exps: Vec<E::N> = scores
        .iter()
        .map(|s| {
            let shifted = e.shift(s, -max);
            e.exp(&shifted)
        })
        .collect();
    let total = e.sum(&exps);
    let inverse = e.pow(&total, -1.0);
    exps.iter().map(|x| e.mul(x, &inverse)).collect()
}

/// −ln p of `target` under the softmax of `logits`, computed as chapter 13's
/// `cross_entropy` does: ln Σⱼ eˡʲ⁻ᵐ − (lₜ − m).
pub fn cross_entropy<E: Engine>(
    e: &mut E,
    logits: &[E::N],
    target: usize,
) -> E::N {
    let max = largest(e, logits);
    let shifted: Vec<E::N> = logits.iter().map(|l| e.shift(l, -max)).collect();
    let exps: Vec<E::N> = shifted.iter().map(|s| e.exp(s)).collect();
    let total = e.sum(&exps);
    let log_total = e.ln(&total);
    e.sub(&log_total, &shifted[target])
}

/// The largest of `numbers`, as a plain number.
fn largest<E: Engine>(e: &E, numbers: &[E::N]) -> f64 {
    numbers.iter().map(|n| e.data(n)).fold(f64::NEG_INFINITY, f64::max)
}

/// What attention remembers of the positions read so far: each one's key
/// and value. They are the engine's numbers, so in a graph the grads flow
/// back through them to the positions that made them.
pub struct Memory<N> {
    pub keys: Vec<Vec<N>>,
    pub values: Vec<Vec<N>>,
    /// For each head, for each position, how much it attended to each
    /// position up to its own: the softmax's numbers, kept to be drawn.
    pub weights: [Vec<Vec<f64>>; HEADS],
}

impl<N> Memory<N> {
    /// Nothing read yet.
    pub fn new() -> Memory<N> {
        Memory { keys: vec![], values: vec![], weights: Default::default() }
    }
}

impl<N> Default for Memory<N> {
    fn default() -> Memory<N> {
        Memory::new()
    }
}

/// One head of attention for the newest position: its query `q` (this
/// head's part of it) scored against every key so far, the scores turned
/// into weights by a softmax, and the values added up by those weights.
fn attend<E: Engine>(
    e: &mut E,
    q: &[E::N],
    head: usize,
    memory: &mut Memory<E::N>,
) -> Vec<E::N> {
    let part = head * HEAD_WIDTH..(head + 1) * HEAD_WIDTH;
    let scale = 1.0 / (HEAD_WIDTH as f64).sqrt();
    let scores: Vec<E::N> = memory
        .keys
        .iter()
        .map(|k| {
            let score = e.dot(q, &k[part.clone()]);
            e.scale(&score, scale)
        })
        .collect();
    let weights = softmax(e, &scores);
    let kept = weights.iter().map(|w| e.data(w)).collect();
    memory.weights[head].push(kept);
    part.map(|i| {
        let column: Vec<E::N> =
            memory.values.iter().map(|v| v[i].clone()).collect();
        e.dot(&weights, &column)
    })
    .collect()
}

/// The logits of the token after `token`, read at the next position, with
/// the earlier positions in `memory`; adds this position's key and value to
/// it.
///
/// # Panics
///
/// If `memory` already holds `CONTEXT` positions.
pub fn forward<E: Engine>(
    e: &mut E,
    gpt: &Gpt<E::N>,
    token: usize,
    memory: &mut Memory<E::N>,
) -> Vec<E::N> {
    let position = memory.keys.len();
    assert!(position < CONTEXT, "the context holds {CONTEXT} positions");
    let x = add(e, &gpt.tokens[token], &gpt.positions[position]);
    let x = rms_norm(e, &x);

    // Attention, on the normalised x, added to x.
    let normed = rms_norm(e, &x);
    let q = linear(e, &gpt.query, &normed);
    let k = linear(e, &gpt.key, &normed);
    let v = linear(e, &gpt.value, &normed);
    memory.keys.push(k);
    memory.values.push(v);
    let mut heads = Vec::with_capacity(WIDTH);
    for head in 0..HEADS {
        let part = &q[head * HEAD_WIDTH..(head + 1) * HEAD_WIDTH];
        heads.extend(attend(e, part, head, memory));
    }
    let attended = linear(e, &gpt.output, &heads);
    let x = add(e, &x, &attended);

    // The MLP, on the normalised x, added to x.
    let normed = rms_norm(e, &x);
    let hidden: Vec<E::N> =
        linear(e, &gpt.up, &normed).iter().map(|h| e.relu(h)).collect();
    let out = linear(e, &gpt.down, &hidden);
    let x = add(e, &x, &out);

    linear(e, &gpt.logits, &x)
}

/// The loss on one name's tokens: at each position, −ln p of the token that
/// comes next, averaged over the positions.
pub fn loss<E: Engine>(e: &mut E, gpt: &Gpt<E::N>, tokens: &[usize]) -> E::N {
    let n = CONTEXT.min(tokens.len() - 1);
    let mut memory = Memory::new();
    let losses: Vec<E::N> = (0..n)
        .map(|position| {
            let logits = forward(e, gpt, tokens[position], &mut memory);
            cross_entropy(e, &logits, tokens[position + 1])
        })
        .collect();
    let total = e.sum(&losses);
    e.scale(&total, 1.0 / n as f64)
}

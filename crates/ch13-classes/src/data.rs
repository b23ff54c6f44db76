// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: f3082bebde87263a
//! The data: a three-armed spiral, a seeded shuffle, a split into training
//! and held-out examples, and minibatches.

use std::f64::consts::PI;

use ch10_moons::moons::normal_pair;
use rand::Rng;

/// How many classes the spiral has: one per arm.
pub const CLASSES: usize = 3;

/// One example: a point of the plane and its class, 0, 1 or 2.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Example {
    pub x: [f64; 2],
    pub class: usize,
}

/// `per_class` points on each of three arms. Point i of an arm sits at
/// radius r = i / (per_class − 1), at an angle that turns with r, the arms
/// a third of a turn apart, the angle moved by noise: a normal draw times
/// `noise`.
///
/// # Panics
///
/// If `per_class` is less than 2.
pub fn spiral(
    per_class: usize,
    noise: f64,
    rng: &mut impl Rng,
) -> Vec<Example> {
    assert!(per_class >= 2, "an arm needs at least 2 points, not {per_class}");
    let mut examples = vec![];
    for class in 0..CLASSES {
        for i in 0..per_class {
            let r = i as f64 / (per_class - 1) as f64;
            let (z, _) = normal_pair(rng);
            let angle = 2.0 * PI * class as f64 / 3.0 + 4.0 * r + noise * z;
            examples
                .push(Example { x: [r * angle.cos(), r * angle.sin()], class });
        }
    }
    examples
}

/// A number drawn from 0..n, uniformly to within n/2⁶⁴, from the
/// generator's next 64 bits by this formula alone: the 64 bits as a
/// fraction of 2⁶⁴, times n.
fn below(n: usize, rng: &mut impl Rng) -> usize {
    ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize
}

/// Puts `items` in a random order, every order as near equally likely as
/// `below` allows: the Fisher–Yates shuffle.
pub fn shuffle<T>(items: &mut [T], rng: &mut impl Rng) {
    for i in (1..items.len()).rev() {
        items.swap(i, below(i + 1, rng));
    }
}

/// Examples set apart: some to train on, the rest held out.
#[derive(Clone, Debug)]
pub struct Split {
    pub train: Vec<Example>,
    pub held_out: Vec<Example>,
}

/// Shuffles `examples`, then holds out the first `held_out` of them.
///
/// # Panics
///
/// If there are not more than `held_out` examples.
pub fn split(
    mut examples: Vec<Example>,
    held_out: usize,
    rng: &mut impl Rng,
) -> Split {
    assert!(
        held_out < examples.len(),
        "holding out {held_out} of {} examples leaves none to train on",
        examples.len()
    );
    shuffle(&mut examples, rng);
    let train = examples.split_off(held_out);
    Split { train, held_out: examples }
}

/// Minibatches of indices into a training set: each pass over the set in a
/// new random order, cut into batches of one size; a pass's last few, too
/// few for a batch, are skipped.
#[derive(Debug)]
pub struct Batches {
    order: Vec<usize>,
    size: usize,
    at: usize,
}

impl Batches {
    /// Batches of `size` from `n` examples.
    ///
    /// # Panics
    ///
    /// If `size` is 0 or more than `n`.
    pub fn new(n: usize, size: usize) -> Batches {
        assert!(0 < size && size <= n, "a batch of {size} from {n} examples");
        Batches { order: (0..n).collect(), size, at: n }
    }

    /// The next batch, shuffling the order when a pass is done.
    pub fn next_batch(&mut self, rng: &mut impl Rng) -> &[usize] {
        if self.at + self.size > self.order.len() {
            shuffle(&mut self.order, rng);
            self.at = 0;
        }
        self.at += self.size;
        &self.order[self.at - self.size..self.at]
    }
}

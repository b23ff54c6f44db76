// Generated from chapters/07-cross-check.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 3ae452853017878c
//! A gradient checker: slopes claimed by backpropagation beside slopes
//! measured by central differences. Chapter 7.

use crate::Value;

/// How far apart two numbers are: absolutely, or relative to the larger one
/// when that is above 1 in size.
pub fn difference(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1.0)
}

/// The step of the gradient checker's central differences.
pub const H: f64 = 1e-6;

/// The largest error the gradient checker lets pass.
pub const TOLERANCE: f64 = 1e-7;

/// One input's slope: as backpropagation claims it, and as measured.
#[derive(Clone, Copy, Debug)]
pub struct Slope {
    /// The slope backpropagation computed.
    pub claimed: f64,
    /// The slope central differences measured.
    pub measured: f64,
}

impl Slope {
    /// How far apart the two slopes are.
    pub fn error(&self) -> f64 {
        difference(self.claimed, self.measured)
    }

    /// Within the tolerance. A NaN on either side never is.
    pub fn passed(&self) -> bool {
        self.error() <= TOLERANCE
    }
}

/// What the gradient checker found: one slope per input.
#[derive(Debug)]
pub struct Report {
    /// The slopes, in the inputs' order.
    pub slopes: Vec<Slope>,
}

impl Report {
    /// Whether every slope passed.
    pub fn passed(&self) -> bool {
        self.slopes.iter().all(Slope::passed)
    }

    /// The largest error; NaN if any error is NaN (`f64::max` would drop it).
    pub fn worst(&self) -> f64 {
        let worse = |worst: f64, error: f64| {
            if error > worst || error.is_nan() { error } else { worst }
        };
        self.slopes.iter().map(Slope::error).fold(0.0, worse)
    }
}

/// Compares the `claimed` gradient of `f` at the point `at` with slopes
/// measured by central differences with step `h`, one input at a time.
pub fn compare(
    f: impl Fn(&[f64]) -> f64,
    at: &[f64],
    claimed: &[f64],
    h: f64,
) -> Report {
    assert_eq!(at.len(), claimed.len(), "one claimed slope per input");
    let slopes = (0..at.len())
        .map(|i| {
            let nudged = |by: f64| {
                let mut x = at.to_vec();
                x[i] += by;
                f(&x)
            };
            let measured = (nudged(h) - nudged(-h)) / (2.0 * h);
            Slope { claimed: claimed[i], measured }
        })
        .collect();
    Report { slopes }
}

/// Fresh input values holding `numbers`.
fn inputs(numbers: &[f64]) -> Vec<Value> {
    numbers.iter().map(|&x| Value::new(x)).collect()
}

/// Checks the gradient micrograd computes for `f` at `at`, with step `h`.
pub fn check_grads_with_step(
    f: impl Fn(&[Value]) -> Value,
    at: &[f64],
    h: f64,
) -> Report {
    let x = inputs(at);
    f(&x).backward();
    let claimed: Vec<f64> = x.iter().map(Value::grad).collect();
    compare(|at| f(&inputs(at)).data(), at, &claimed, h)
}

/// Checks the gradient micrograd computes for `f` at `at`.
pub fn check_grads(f: impl Fn(&[Value]) -> Value, at: &[f64]) -> Report {
    check_grads_with_step(f, at, H)
}

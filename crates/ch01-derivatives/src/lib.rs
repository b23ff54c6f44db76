// Generated from chapters/01-derivatives.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 38524694e60ecadb
//! Derivatives measured by nudging the input,
//! and checked against the rules of calculus.

/// The function this chapter studies: f(x) = 3x² − 4x + 5.
pub fn f(x: f64) -> f64 {
    3.0 * x * x - 4.0 * x + 5.0
}

/// The slope of `func` at `x`, measured by nudging `x` up by `h`: rise over
/// run.
pub fn slope(func: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (func(x + h) - func(x)) / h
}

/// The exact slope of `f`, by the rules of calculus: f′(x) = 6x − 4.
pub fn f_prime(x: f64) -> f64 {
    6.0 * x - 4.0
}

// Generated from chapters/10-moons.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 0ab8495d011f3026
//! Two interleaving half circles with noise, like scikit-learn's
//! `make_moons`, drawn from our own seeded generator.

use std::f64::consts::PI;

use rand::Rng;

use crate::Sample;

/// A number drawn uniformly from (0, 1], never 0, made from the generator's
/// next 64 bits by this formula alone.
fn unit(rng: &mut impl Rng) -> f64 {
    ((rng.next_u64() >> 11) + 1) as f64 / (1u64 << 53) as f64
}

/// Two independent draws from the normal distribution, mean 0 and standard
/// deviation 1, made from two uniform draws: the Box–Muller transform.
pub fn normal_pair(rng: &mut impl Rng) -> (f64, f64) {
    let (u, v) = (unit(rng), unit(rng));
    let radius = (-2.0 * u.ln()).sqrt();
    let angle = 2.0 * PI * v;
    (radius * angle.cos(), radius * angle.sin())
}

/// `n` points: the first half on the upper moon, labelled −1, the rest on
/// the lower moon, labelled +1, each moved by noise: a normal draw with
/// standard deviation `noise` along each axis.
///
/// # Panics
///
/// If `n` is less than 4 (each moon needs two points for its ends).
pub fn make_moons(n: usize, noise: f64, rng: &mut impl Rng) -> Vec<Sample> {
    assert!(n >= 4, "two moons need at least 4 points, not {n}");
    let upper = n / 2;
    // The angle of the i-th of `count` points spread evenly over [0, π].
    let angle = |i: usize, count: usize| PI * i as f64 / (count - 1) as f64;
    let upper_moon = (0..upper).map(|i| {
        let t = angle(i, upper);
        ([t.cos(), t.sin()], -1.0)
    });
    let lower_moon = (0..n - upper).map(|i| {
        let t = angle(i, n - upper);
        ([1.0 - t.cos(), 0.5 - t.sin()], 1.0)
    });
    upper_moon
        .chain(lower_moon)
        .map(|([x1, x2], y)| {
            let (dx1, dx2) = normal_pair(rng);
            Sample { x: [x1 + noise * dx1, x2 + noise * dx2], y }
        })
        .collect()
}

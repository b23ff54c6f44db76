// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 87689e686259e1e3
//! The grads the engine should find, measured
//! by nudging each input (chapter 1's way).

/// How much `f` moves per unit of a small nudge of `x`.
fn slope(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    let h = 1e-6;
    (f(x + h) - f(x)) / h
}

fn main() {
    let s = |a: f64| a + a;
    println!("s = a + a at a = 3: ∂s/∂a ≈ {:?}", slope(s, 3.0));

    let f = |a: f64, b: f64| (a * b) * (a + b);
    println!("f at a = -2, b = 3: ∂f/∂a ≈ {:?}", slope(|a| f(a, 3.0), -2.0));
    println!("                    ∂f/∂b ≈ {:?}", slope(|b| f(-2.0, b), 3.0));
}

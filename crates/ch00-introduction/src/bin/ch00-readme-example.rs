// Generated from chapters/00-introduction.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 8f670e0a2027fe7e
//! The example of micrograd's README, on this book's finished engine.

use micrograd::Value;

fn main() {
    let a = Value::new(-4.0);
    let b = Value::new(2.0);
    let c = &a + &b;
    let d = &a * &b + b.pow(3.0);
    let c = &c + (&c + 1.0);
    let c = &c + (1.0 + &c + (-&a));
    let d = &d + (&d * 2.0 + (&b + &a).relu());
    let d = &d + (3.0 * &d + (&b - &a).relu());
    let e = &c - &d;
    let f = e.pow(2.0);
    let g = &f / 2.0;
    let g = &g + 10.0 / &f;
    println!("g = {:?}", g.data());

    g.backward();
    println!("∂g/∂a = {:?}", a.grad());
    println!("∂g/∂b = {:?}", b.grad());
}

// Generated from chapters/06-more-ops.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: d9f4485931ae855f
//! The original micrograd's test `test_more_ops`, on this crate.

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
    g.backward();
    println!("g = {:?}", g.data());
    println!("dg/da = {:?}", a.grad());
    println!("dg/db = {:?}", b.grad());
}

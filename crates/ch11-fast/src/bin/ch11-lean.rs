// Generated from chapters/11-lean.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b81ac2634f03510b
//! Chapter 5's graph, f = (a·b)·(a + b), on the lean node: its value and
//! its grads, which chapter 5 found to be −3 and −8.

use ch11_fast::lean::Value;

fn main() {
    let (a, b) = (Value::new(-2.0), Value::new(3.0));
    let f = &(&a * &b) * &(&a + &b);
    f.backward();
    println!("f = {}, df/da = {}, df/db = {}", f.data(), a.grad(), b.grad());
}

// Generated from chapters/06-more-ops.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 676502bd2b2c3baf
//! The new operations at a = 2, b = −3: the grads `backward` finds, and the
//! slopes measured by nudging each input, as in chapter 1.

use ch06_more_ops::{A, B, show};

fn main() {
    println!("a = {A:?}, b = {B:?}");
    show("a.exp()", |a, _| a.exp());
    show("a.pow(3.0)", |a, _| a.pow(3.0));
    show("-a", |a, _| -a);
    show("a - b", |a, b| a - b);
    show("a / b", |a, b| a / b);
    show("10.0 / a", |a, _| 10.0 / a);
}

// Generated from chapters/06-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 32f3e2c641d7605e
//! Graphs built at a = 1, differentiated after `set_data` made a = 2.

use micrograd::Value;

fn main() {
    let a = Value::new(1.0).named("a");
    let square = &a * &a;
    let exp = a.exp();
    a.set_data(2.0);
    square.backward();
    println!("a * a = {:?}, a.grad = {:?}", square.data(), a.grad());
    a.zero_grad();
    exp.backward();
    println!("a.exp() = {:?}, a.grad = {:?}", exp.data(), a.grad());
}

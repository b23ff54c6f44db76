// Generated from chapters/02-value.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 5cac3300205bccfc
//! A first `Value`: it can add and multiply, but it forgets how it was made.

use std::ops::{Add, Mul};

#[derive(Clone, Copy, Debug)]
struct Value {
    data: f64,
}

impl Add for Value {
    type Output = Value;

    fn add(self, other: Value) -> Value {
        Value { data: self.data + other.data }
    }
}

impl Mul for Value {
    type Output = Value;

    fn mul(self, other: Value) -> Value {
        Value { data: self.data * other.data }
    }
}

fn main() {
    let a = Value { data: 2.0 };
    let b = Value { data: -3.0 };
    let c = Value { data: 10.0 };
    println!("a + b = {:?}", a + b);
    println!("a * b + c = {:?}", a * b + c);
}

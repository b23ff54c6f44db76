// Generated from chapters/02-value.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 2070cd7498ac4e4e
//! The expressions this chapter draws.

use crate::Value;

/// d = a·b + c, with a = 2, b = −3, c = 10.
pub fn d() -> Value {
    let a = Value::new(2.0).named("a");
    let b = Value::new(-3.0).named("b");
    let c = Value::new(10.0).named("c");
    let e = (&a * &b).named("e");
    (&e + &c).named("d")
}

/// L = (a·b + c)·f, with f = −2: the expression of the next chapters.
pub fn l() -> Value {
    let d = d();
    let f = Value::new(-2.0).named("f");
    (&d * &f).named("L")
}

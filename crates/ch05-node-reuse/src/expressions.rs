// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 89dbb8dbe64560e7
//! The two expressions of this chapter, built once with each engine.

/// Built with the engine of chapter 4, which assigns grads.
pub mod buggy {
    use ch04_autograd::Value;

    /// s = a + a, with a = 3.
    pub fn a_plus_a() -> Value {
        let a = Value::new(3.0).named("a");
        (&a + &a).named("s")
    }

    /// f = d·e, with d = a·b and e = a + b, at a = −2, b = 3.
    pub fn f() -> Value {
        let a = Value::new(-2.0).named("a");
        let b = Value::new(3.0).named("b");
        let d = (&a * &b).named("d");
        let e = (&a + &b).named("e");
        (&d * &e).named("f")
    }
}

/// The same expressions, built with this chapter's engine, which accumulates grads.
pub mod fixed {
    use crate::Value;

    /// s = a + a, with a = 3.
    pub fn a_plus_a() -> Value {
        let a = Value::new(3.0).named("a");
        (&a + &a).named("s")
    }

    /// f = d·e, with d = a·b and e = a + b, at a = −2, b = 3.
    pub fn f() -> Value {
        let a = Value::new(-2.0).named("a");
        let b = Value::new(3.0).named("b");
        let d = (&a * &b).named("d");
        let e = (&a + &b).named("e");
        (&d * &e).named("f")
    }
}

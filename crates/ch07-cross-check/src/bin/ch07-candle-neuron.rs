// Generated from chapters/07-cross-check.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 6d9d518797719caf
//! The neuron of chapter 3, in candle.

use candle_core::{Device, Var};

fn main() -> candle_core::Result<()> {
    let cpu = Device::Cpu;
    let x1 = Var::new(2.0, &cpu)?;
    let w1 = Var::new(-3.0, &cpu)?;
    let x2 = Var::new(0.0, &cpu)?;
    let w2 = Var::new(1.0, &cpu)?;
    let b = Var::new(6.881373587019543, &cpu)?;

    let n = x1.mul(&w1)?.add(&x2.mul(&w2)?)?.add(&b)?;
    let o = n.tanh()?;
    println!("{o}");
    let value = o.to_scalar::<f64>()?;
    println!("o = {value:?}, dtype {:?}, shape {:?}", o.dtype(), o.shape());

    let grads = o.backward()?;
    let inputs = [("x1", x1), ("w1", w1), ("x2", x2), ("w2", w2), ("b", b)];
    for (name, var) in &inputs {
        let grad = grads.get(var).expect("every input reaches o");
        println!("{name:<2} grad {:?}", grad.to_scalar::<f64>()?);
    }
    println!("n  grad {:?}", grads.get(&n).map(|grad| grad.shape()));
    Ok(())
}

// Generated from chapters/07-cross-check.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 8a248d5b287eee7a
//! The neuron's weighted sum as a dot product of two vectors.

use candle_core::{Device, Tensor, Var};

fn main() -> candle_core::Result<()> {
    let cpu = Device::Cpu;
    let x = Tensor::new(&[2.0, 0.0], &cpu)?;
    let w = Var::new(&[-3.0, 1.0], &cpu)?;
    let b = Var::new(6.881373587019543, &cpu)?;
    let o = x.dot(&w)?.add(&b)?.tanh()?;
    println!("shapes: x {:?}, w {:?}, o {:?}", x.shape(), w.shape(), o.shape());
    println!("o = {:?}", o.to_scalar::<f64>()?);

    let grads = o.backward()?;
    let (grad_w, grad_b) = (grads.get(&w), grads.get(&b));
    let grad_w = grad_w.expect("w reaches o").to_vec1::<f64>()?;
    let grad_b = grad_b.expect("b reaches o").to_scalar::<f64>()?;
    println!("grad of w = {grad_w:?}");
    println!("grad of b = {grad_b:?}");
    Ok(())
}

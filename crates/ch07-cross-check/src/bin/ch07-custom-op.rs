// Generated from chapters/07-cross-check.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 7965b8d266e6d4a5
//! The sigmoid added from outside each engine: with candle's `CustomOp1`, and
//! with micrograd's `Value::custom` (chapter 6); their values and grads.

use candle_core::{
    CpuStorage, CustomOp1, Device, Layout, Shape, Tensor, Var, bail,
};
use ch07_cross_check::difference;
use micrograd::Value;

/// σ(x) = 1/(1 + e⁻ˣ), element by element, as a candle operation.
struct Sigmoid;

impl CustomOp1 for Sigmoid {
    fn name(&self) -> &'static str {
        "sigmoid"
    }

    fn cpu_fwd(
        &self,
        storage: &CpuStorage,
        layout: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let CpuStorage::F64(xs) = storage else { bail!("sigmoid: f64 only") };
        let Some((start, end)) = layout.contiguous_offsets() else {
            bail!("sigmoid: contiguous tensors only")
        };
        let ys = xs[start..end].iter().map(|x| 1.0 / (1.0 + (-x).exp()));
        Ok((CpuStorage::F64(ys.collect()), layout.shape().clone()))
    }

    fn bwd(
        &self,
        _x: &Tensor,
        result: &Tensor,
        grad: &Tensor,
    ) -> candle_core::Result<Option<Tensor>> {
        let slope = (result * (1.0 - result)?)?;
        Ok(Some(grad.mul(&slope)?))
    }
}

/// The same operation, as chapter 6 made it.
fn sigmoid(x: &Value) -> Value {
    let s = 1.0 / (1.0 + (-x.data()).exp());
    Value::custom("sigmoid", [x], s, move |_| [s * (1.0 - s)])
}

fn main() -> candle_core::Result<()> {
    let points = [-3.0, 0.0, 2.0];
    let x = Var::new(&points, &Device::Cpu)?;
    let sigma = x.as_tensor().apply_op1(Sigmoid)?;
    let grads = sigma.sum_all()?.backward()?;
    let theirs = sigma.to_vec1::<f64>()?;
    let theirs_grad = grads.get(&x).expect("x reaches σ").to_vec1::<f64>()?;

    println!("      {:<23} {:<23} difference", "micrograd", "candle");
    for (i, &point) in points.iter().enumerate() {
        let input = Value::new(point);
        let ours = sigmoid(&input);
        ours.backward();
        let rows = [
            ("σ", ours.data(), theirs[i]),
            ("σ′", input.grad(), theirs_grad[i]),
        ];
        println!("x = {point:?}");
        for (name, a, b) in rows {
            println!("{name:<5} {a:<23?} {b:<23?} {:.1e}", difference(a, b));
        }
    }
    Ok(())
}

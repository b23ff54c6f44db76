// Generated from chapters/07-cross-check.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: d8863f1cf051ebf2
//! The sigmoid added from outside each engine: with candle's `CustomOp1`, and
//! with micrograd's `Value::custom` (chapter 6); their values and grads.

use candle_core::{
    CpuStorage, CustomOp1, Device, Layout, Shape, Tensor, Var, bail,
};
use micrograd::Value;
use micrograd::check::difference;

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
    Value::custom(s, [x], "sigmoid", move |_| [s * (1.0 - s)])
}

/// σ and σ′ at each point of `x`, from candle's `sigma`: the values, then
/// the grads of their sum.
fn values_and_slopes(
    x: &Var,
    sigma: &Tensor,
) -> candle_core::Result<[Vec<f64>; 2]> {
    let grads = sigma.sum_all()?.backward()?;
    let slopes = grads.get(x).expect("x reaches σ").to_vec1()?;
    Ok([sigma.to_vec1()?, slopes])
}

fn main() -> candle_core::Result<()> {
    let points = [-3.0, 0.0, 2.0];
    let x = Var::new(&points, &Device::Cpu)?;
    let custom = x.as_tensor().apply_op1(Sigmoid)?;
    let composed = (x.neg()?.exp()? + 1.0)?.recip()?;
    let custom = values_and_slopes(&x, &custom)?;
    let composed = values_and_slopes(&x, &composed)?;

    println!(
        "{:6}{:<21}{:<21}{:<21}largest",
        "", "micrograd", "CustomOp1", "composed"
    );
    for (i, &point) in points.iter().enumerate() {
        let input = Value::new(point);
        let ours = sigmoid(&input);
        ours.backward();
        println!("x = {point:?}");
        let rows = [("σ", ours.data()), ("σ′", input.grad())];
        for (row, (name, a)) in rows.into_iter().enumerate() {
            let (b, c) = (custom[row][i], composed[row][i]);
            let largest = difference(a, b).max(difference(a, c));
            println!("{name:<5} {a:<20?} {b:<20?} {c:<20?} {largest:.1e}");
        }
    }
    Ok(())
}

// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 3848254f3ac99d9f
//! The same mean cross-entropy in candle, built from its core operations.

use candle_core::{Device, Result, Tensor, Var};

/// The mean cross-entropy of `logits` (one row per example) for the classes
/// `targets`, and its grad with respect to each logit, by candle.
pub fn mean_cross_entropy(
    logits: &[Vec<f64>],
    targets: &[usize],
) -> Result<(f64, Vec<Vec<f64>>)> {
    let (rows, classes) = (logits.len(), logits[0].len());
    let x = Var::from_vec(logits.concat(), (rows, classes), &Device::Cpu)?;
    let one_hot: Vec<f64> = targets
        .iter()
        .flat_map(|&t| {
            (0..classes).map(move |c| if c == t { 1.0 } else { 0.0 })
        })
        .collect();
    let one_hot = Tensor::from_vec(one_hot, (rows, classes), &Device::Cpu)?;
    // ln p = (x − max) − ln Σ e^(x − max), the max held as a constant.
    let shifted = x.broadcast_sub(&x.max_keepdim(1)?.detach())?;
    let log_total = shifted.exp()?.sum_keepdim(1)?.log()?;
    let log_p = shifted.broadcast_sub(&log_total)?;
    // −ln p of each right class, by a one-hot mask, then the mean.
    let loss = (log_p * one_hot)?.sum_all()?.affine(-1.0 / rows as f64, 0.0)?;
    let grads = loss.backward()?;
    let grad = grads.get(&x).expect("the logits reach the loss");
    Ok((loss.to_scalar()?, grad.to_vec2()?))
}

// Generated from chapters/14-gpt.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: cdaad36317c39d94
//! The same model in candle: each matrix a tensor, a whole name at once.

use candle_core::{D, Device, Result, Tensor, Var};

use crate::model::{CONTEXT, Gpt, HEAD_WIDTH, HEADS, Matrix};

/// `x` divided by the root of its mean square plus 10⁻⁵, row by row.
fn rms_norm(x: &Tensor) -> Result<Tensor> {
    let mean = x.sqr()?.mean_keepdim(D::Minus1)?;
    x.broadcast_mul(&(mean + 1e-5)?.powf(-0.5)?)
}

/// ln of the softmax of each row, the row's largest entry subtracted first
/// as a constant.
fn log_softmax(x: &Tensor) -> Result<Tensor> {
    let shifted = x.broadcast_sub(&x.max_keepdim(D::Minus1)?.detach())?;
    let log_total = shifted.exp()?.sum_keepdim(D::Minus1)?.log()?;
    shifted.broadcast_sub(&log_total)
}

// ... `rms_norm` and `log_softmax` of each row, from candle's operations
/// The loss of `gpt` on the tokens of a `name`, as `model::loss` defines it,
/// and its grad with respect to every weight, by candle.
pub fn loss_and_grads(
    gpt: &Gpt<f64>,
    name: &[usize],
) -> Result<(f64, Gpt<f64>)> {
    let device = Device::Cpu;
    let var = |m: &&Matrix<f64>| {
        Var::from_vec(m.concat(), (m.len(), m[0].len()), &device)
    };
    let vars: Vec<Var> =
        gpt.matrices().iter().map(var).collect::<Result<_>>()?;
    let [tokens, positions, query, key, value, output, up, down, logits] =
        &vars[..]
    else {
        unreachable!("a model has nine matrices")
    };
    let n = CONTEXT.min(name.len() - 1);
    let ids = |from: usize| {
        let ids = name[from..from + n].iter().map(|&t| t as u32).collect();
        Tensor::from_vec(ids, n, &device)
    };
    // x W for each row x: a product with the transposed matrix.
    let linear = |x: &Tensor, m: &Var| x.matmul(&m.t()?);

    // ... each matrix a `Var`; `ids(0)`, the tokens read, and `ids(1)`,
    // the tokens to guess; `linear`, each row times a matrix: hidden
    let x = tokens.index_select(&ids(0)?, 0)?;
    let x = rms_norm(&(x + positions.narrow(0, 0, n)?)?)?;

    let normed = rms_norm(&x)?;
    let q = linear(&normed, query)?;
    let k = linear(&normed, key)?;
    let v = linear(&normed, value)?;
    // Position i may read positions 0 to i: −∞ on the scores above the
    // diagonal, so that their weights come out 0.
    let future: Vec<f64> = (0..n * n)
        .map(|i| if i % n > i / n { f64::NEG_INFINITY } else { 0.0 })
        .collect();
    let future = Tensor::from_vec(future, (n, n), &device)?;
    let scale = 1.0 / (HEAD_WIDTH as f64).sqrt();
    let mut heads = vec![];
    for head in 0..HEADS {
        let part = |t: &Tensor| t.narrow(1, head * HEAD_WIDTH, HEAD_WIDTH);
        let scores = part(&q)?.matmul(&part(&k)?.t()?)?.affine(scale, 0.0)?;
        let weights = log_softmax(&(scores + &future)?)?.exp()?;
        heads.push(weights.matmul(&part(&v)?)?);
    }
    let x = (&x + linear(&Tensor::cat(&heads, 1)?, output)?)?;

    let hidden = linear(&rms_norm(&x)?, up)?.relu()?;
    let x = (&x + linear(&hidden, down)?)?;

    let log_p = log_softmax(&linear(&x, logits)?)?;
    let picked = log_p.gather(&ids(1)?.unsqueeze(1)?, 1)?;
    let loss = picked.mean_all()?.neg()?;

    let grads = loss.backward()?;
    let grad = |m: &Var| -> Result<Matrix<f64>> {
        match grads.get(m) {
            Some(g) => g.to_vec2(),
            None => Ok(vec![vec![0.0; m.dim(1)?]; m.dim(0)?]),
        }
    };
    let grads: Vec<Matrix<f64>> =
        vars.iter().map(grad).collect::<Result<_>>()?;
    let grads = grads.try_into().expect("a grad for each matrix");
    Ok((loss.to_scalar()?, Gpt::from_matrices(grads)))
    // ... `loss.backward()`, and each matrix's grad: hidden
}

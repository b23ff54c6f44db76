// Generated from chapters/12-floor.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 16c1bd0fd8311f51
//! Chapter 10's step in a tensor library, candle: the points as one matrix,
//! each layer one matrix product, the grads from candle's backward.

use candle_core::{DType, Device, Result, Tensor, Var};
use ch10_moons::{ALPHA, Sample, Step};

/// Chapter 10's network as weight matrices and bias rows, one pair a layer.
pub struct Moons {
    layers: Vec<(Var, Var)>,
    /// The tensors of a step's graph that its backward walks, counted at
    /// the first step.
    tensors: usize,
}

impl Moons {
    /// The network with `parameters` in micrograd's order: neuron after
    /// neuron, each one's weights, then its bias.
    pub fn new(parameters: &[f64]) -> Result<Moons> {
        let mut next = parameters.iter().copied();
        let mut layers = vec![];
        for (nin, nout) in [(2, 16), (16, 16), (16, 1)] {
            let (mut w, mut b) = (vec![0.0; nin * nout], vec![]);
            for n in 0..nout {
                for i in 0..nin {
                    w[i * nout + n] = next.next().expect("a weight");
                }
                b.push(next.next().expect("a bias"));
            }
            let w = Var::from_vec(w, (nin, nout), &Device::Cpu)?;
            layers.push((w, Var::from_vec(b, (1, nout), &Device::Cpu)?));
        }
        Ok(Moons { layers, tensors: 0 })
    }

    /// One step of chapter 10's training, with candle's errors passed on.
    fn try_step(&mut self, data: &[Sample], rate: f64) -> Result<Step> {
        let n = data.len();
        let xs: Vec<f64> = data.iter().flat_map(|s| s.x).collect();
        let ys: Vec<f64> = data.iter().map(|s| s.y).collect();
        let mut h = Tensor::from_vec(xs, (n, 2), &Device::Cpu)?;
        for (i, (w, b)) in self.layers.iter().enumerate() {
            h = h.matmul(w)?.broadcast_add(b)?;
            if i + 1 < self.layers.len() {
                h = h.relu()?;
            }
        }
        let scores = h.flatten_all()?;
        let y = Tensor::from_vec(ys, n, &Device::Cpu)?;
        // mean(relu(1 − y·score)) + α·Σ p².
        // `affine(a, b)` is a·x + b, element by element.
        let hinge = (&y * &scores)?.affine(-1.0, 1.0)?.relu()?.mean_all()?;
        let mut squares = Tensor::zeros((), DType::F64, &Device::Cpu)?;
        for (w, b) in &self.layers {
            // `Tensor + Tensor` is a `Result<Tensor>`, to which candle can
            // add a `Tensor` again: one `?` at the end.
            squares = (squares + w.sqr()?.sum_all()? + b.sqr()?.sum_all()?)?;
        }
        let total = (hinge + squares.affine(ALPHA, 0.0)?)?;
        if self.tensors == 0 {
            // Candle's own topological sort, the one `backward` walks.
            self.tensors = total.sorted_nodes().len();
        }
        let grads = total.backward()?;
        for (w, b) in &self.layers {
            for p in [w, b] {
                let grad = grads.get(p).expect("every parameter has a grad");
                p.set(&(p.as_tensor() - grad.affine(rate, 0.0)?)?)?;
            }
        }
        let accuracy = ch11_fast::accuracy(data, &scores.to_vec1::<f64>()?);
        Ok(Step { loss: total.to_scalar()?, accuracy })
    }

    /// The tensors of a step's graph that its backward walks; 0 before the
    /// first step.
    pub fn tensors(&self) -> usize {
        self.tensors
    }
}

impl ch11_fast::Engine for Moons {
    fn step(&mut self, data: &[Sample], rate: f64) -> Step {
        self.try_step(data, rate).expect("candle computes the step")
    }

    fn nodes(&self) -> usize {
        0
    }
}

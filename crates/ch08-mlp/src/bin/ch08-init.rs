// Generated from chapters/08-network.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 9365cf56e97add17
//! How large a neuron's weighted sum gets when its weights are drawn from
//! [−1, 1), as in the lecture, and when they are scaled by the fan-in, as in
//! LeCun et al. (tanh) and He et al. (relu).

use ch08_mlp::rng;
use micrograd::nn::uniform;
use rand::Rng;

#[derive(Clone, Copy)]
enum Init {
    /// Weights and biases from [−1, 1).
    Lecture,
    /// Weights from [−1, 1) times √(3v / n), so that their variance is
    /// v / n; biases 0.
    Scaled { v: f64 },
}

/// The weighted sum of one fresh random neuron on `inputs`.
fn weighted_sum(inputs: &[f64], init: Init, rng: &mut impl Rng) -> f64 {
    let n = inputs.len() as f64;
    let (scale, bias) = match init {
        Init::Lecture => (1.0, uniform(rng)),
        Init::Scaled { v } => ((3.0 * v / n).sqrt(), 0.0),
    };
    inputs.iter().fold(bias, |s, x| s + scale * uniform(rng) * x)
}

/// Root mean square: the typical size of the numbers, whatever their sign.
fn rms(xs: &[f64]) -> f64 {
    (xs.iter().map(|x| x * x).sum::<f64>() / xs.len() as f64).sqrt()
}

/// The tanh table's columns for a set of weighted sums: their size, the share
/// of neurons saturated (in %), and the average slope of tanh at the sums.
fn tanh_columns(sums: &[f64]) -> (f64, f64, f64) {
    let count = sums.len() as f64;
    // |tanh| > 0.99: the flat ends of the curve.
    let flat = sums.iter().filter(|s| s.tanh().abs() > 0.99).count();
    // 1 − tanh²: the factor a gradient is scaled by on its way back.
    let slope = sums.iter().map(|s| 1.0 - s.tanh().powi(2)).sum::<f64>();
    (rms(sums), 100.0 * flat as f64 / count, slope / count)
}

/// One relu layer of `n` fresh neurons on `x`.
fn relu_layer(x: &[f64], n: usize, init: Init, rng: &mut impl Rng) -> Vec<f64> {
    (0..n).map(|_| weighted_sum(x, init, rng).max(0.0)).collect()
}

fn main() {
    let mut rng = rng();
    let lecun = Init::Scaled { v: 1.0 };
    println!("tanh neurons, 2000 of each fan-in n, inputs from [-1, 1)");
    println!("     weights from [-1, 1)         weights × √(3/n)");
    println!("   n   size  saturated  slope     size  saturated  slope");
    for n in [2, 4, 16, 64, 256, 1024] {
        let mut row = format!("{n:>4}");
        for init in [Init::Lecture, lecun] {
            let sums: Vec<f64> = (0..2000)
                .map(|_| {
                    let x: Vec<f64> =
                        (0..n).map(|_| uniform(&mut rng)).collect();
                    weighted_sum(&x, init, &mut rng)
                })
                .collect();
            let (size, share, slope) = tanh_columns(&sums);
            row += &format!("  {size:>5.2}  {share:>8.1}%  {slope:>5.3}  ");
        }
        println!("{}", row.trim_end());
    }

    let he = Init::Scaled { v: 2.0 };
    println!("relu layers, n neurons each, on n inputs from [-1, 1)");
    println!("the size (rms) of each layer's outputs, over 200 networks");
    println!("            n = 16                n = 64");
    println!("layer    [-1, 1)   × √(6/n)    [-1, 1)   × √(6/n)");
    let depth = 6;
    let mut sizes = vec![vec![]; depth];
    for n in [16, 64] {
        for init in [Init::Lecture, he] {
            let mut outputs = vec![vec![]; depth];
            for _ in 0..200 {
                let mut x: Vec<f64> =
                    (0..n).map(|_| uniform(&mut rng)).collect();
                for layer in outputs.iter_mut() {
                    x = relu_layer(&x, n, init, &mut rng);
                    layer.extend_from_slice(&x);
                }
            }
            for (size, layer) in sizes.iter_mut().zip(&outputs) {
                size.push(rms(layer));
            }
        }
    }
    for (i, row) in sizes.iter().enumerate() {
        let cells: Vec<String> =
            row.iter().map(|size| format!("{size:>9.3}")).collect();
        println!("{:>5}  {}", i + 1, cells.join("  "));
    }
    // The geometric mean of the five layer-to-layer ratios.
    let growth: Vec<String> = (0..4)
        .map(|j| (sizes[depth - 1][j] / sizes[0][j]).powf(1.0 / 5.0))
        .map(|g| format!("{g:>9.2}"))
        .collect();
    println!("{:>5}  {}", "×", growth.join("  "));

    // The lecture's four inputs (chapter 9), each through 2000 neurons.
    let lecture =
        [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]];
    let mut sums = vec![];
    for x in &lecture {
        for _ in 0..2000 {
            sums.push(weighted_sum(x, Init::Lecture, &mut rng));
        }
    }
    let (size, share, slope) = tanh_columns(&sums);
    println!("tanh neurons on the lecture's four inputs, weights from [-1, 1)");
    println!("   n   size  saturated  slope");
    println!("   3  {size:>5.2}  {share:>8.1}%  {slope:>5.3}");
}

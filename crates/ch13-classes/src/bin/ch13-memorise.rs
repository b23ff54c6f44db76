// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 64ca5ced9f287e2e
//! A network trained on few examples, without and with weight decay.

use ch13_classes::data::CLASSES;
use ch13_classes::{DECAY, FEW, HIDDEN, Record, logits, memorise, start};
use micrograd::nn::Mlp;

fn main() {
    let [a, b] = HIDDEN;
    println!("MLP(2, [{a}, {b}, 3]), Adam, trained on {FEW} examples");
    let (data, _, _) = start(&HIDDEN);
    let few = &data.train[..FEW];
    let per_class: Vec<usize> = (0..CLASSES)
        .map(|c| few.iter().filter(|e| e.class == c).count())
        .collect();
    println!("the {FEW} examples, per class: {per_class:?}");
    let ((plain_model, plain), (decayed_model, decayed)) =
        (memorise(0.0), memorise(DECAY));
    // ... prints both runs' records side by side, and each one's best
    println!("      no weight decay            weight decay {DECAY:?}");
    println!("step  training    held-out       training    held-out");
    let show = |r: &Record| {
        let (train, held) = (r.train, r.held_out);
        let (a, b) = (100.0 * train.accuracy, 100.0 * held.accuracy);
        format!("{:.4} {a:>3.0}%  {:.4} {b:>2.0}%", train.loss, held.loss)
    };
    for (a, b) in plain.iter().zip(&decayed) {
        println!("{:>4}  {}   {}", a.step, show(a), show(b));
    }
    for (name, records) in [("no decay", &plain), ("decay", &decayed)] {
        let best = records
            .iter()
            .min_by(|a, b| a.held_out.loss.total_cmp(&b.held_out.loss))
            .expect("records");
        let (step, loss) = (best.step, best.held_out.loss);
        println!("{name}: lowest held-out loss {loss:.4}, at step {step}");
    }
    // How large the logits grew: their mean size over the held-out set.
    let mean_size = |model: &Mlp| {
        let n = (CLASSES * data.held_out.len()) as f64;
        let sizes = data.held_out.iter().flat_map(|e| logits(model, e.x));
        sizes.map(f64::abs).sum::<f64>() / n
    };
    for (name, model) in [("no decay", plain_model), ("decay", decayed_model)] {
        let size = mean_size(&model);
        println!("{name}: mean |logit| on the held-out set {size:.2}");
    }
    // An accuracy p measured on n examples varies by about √(p(1 − p)/n).
    let p = plain.last().expect("records").held_out.accuracy;
    let error = (p * (1.0 - p) / data.held_out.len() as f64).sqrt();
    let (p, error) = (100.0 * p, 100.0 * error);
    println!(
        "standard error of a held-out accuracy of {p:.0}%: {error:.1} points"
    );
}

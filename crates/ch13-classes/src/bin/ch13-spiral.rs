// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 727f320270e7868d
//! The spiral, split; then one network trained three ways.

use ch13_classes::data::{CLASSES, Example};
use ch13_classes::{HIDDEN, PLAN, compare_optimizers, logits, start};
use micrograd::nn::Module;

fn main() {
    let (data, model, _) = start(&HIDDEN);
    let per_class = |set: &[Example]| -> Vec<usize> {
        (0..CLASSES)
            .map(|c| set.iter().filter(|e| e.class == c).count())
            .collect()
    };
    println!("training set {:?} per class", per_class(&data.train));
    println!("held-out set {:?} per class", per_class(&data.held_out));
    println!("MLP(2, [16, 16, 3]): {} parameters", model.parameters().len());
    let first = logits(&model, data.train[0].x);
    println!("untrained, first training example's logits {first:.2?}");
    let plan = PLAN;
    println!("{} steps, minibatches of {}", plan.steps, plan.batch);

    let runs = compare_optimizers();
    // ... prints the training loss every 60 steps, then each run's scores
    println!("training loss    SGD  momentum      Adam");
    for k in (0..runs[0].records.len()).step_by(3) {
        let losses: Vec<String> = runs
            .iter()
            .map(|run| format!("{:>10.4}", run.records[k].train.loss))
            .collect();
        println!("step {:>3} {}", runs[0].records[k].step, losses.concat());
    }
    for run in &runs {
        let (step, rise) = run
            .records
            .windows(2)
            .map(|w| (w[1].step, w[1].train.loss - w[0].train.loss))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("records");
        println!("{}: largest rise {rise:.4}, to step {step}", run.name);
    }
    println!("after {} steps:   training      held-out", plan.steps);
    for run in &runs {
        let last = run.records.last().expect("a record after the last step");
        let (train, held) = (last.train, last.held_out);
        println!(
            "{:<9} {:.4} {:>5.1}%  {:.4} {:>5.1}%",
            run.name,
            train.loss,
            100.0 * train.accuracy,
            held.loss,
            100.0 * held.accuracy
        );
    }
}

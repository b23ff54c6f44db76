// Generated from chapters/10-moons.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 241e3dc15d14567c
//! micrograd's demo with the original's data and starting weights.

use ch10_moons::{
    NOTEBOOK, Step, loss, network_with, original, positive_scores,
    print_grains, print_parts, print_steps, train, ulps,
};
use micrograd::nn::Module;

fn main() {
    let original = original::load();
    let data = &original.points;
    let count = original.parameters.len();
    println!("{} points, {count} starting parameters", data.len());
    let model = network_with(&original.parameters);
    println!("MLP(2, [16, 16, 1]): {} parameters", model.parameters().len());
    let (total, _) = loss(&model, data);
    println!("one step's graph: {} nodes", total.topo().len());
    let positive = positive_scores(&model, data);
    println!("points with a positive score before training: {positive}");
    print_parts("before training", &model, data);

    let steps = train(&model, data);
    print_steps(&steps);
    print_parts("after the last update", &model, data);
    for (k, printed) in NOTEBOOK {
        let same = steps[k].loss == printed;
        println!("the notebook printed {printed:?} at step {k}: same? {same}");
    }
    // … then how many steps equal each original's, and how far apart, in
    // ulps (the f64s between two numbers; the next section defines them)
    let equal =
        |run: &[Step]| steps.iter().zip(run).filter(|(a, b)| a == b).count();
    let ordered = equal(&original.steps);
    let recorded = original.steps.len();
    println!(
        "equal to the operand-order original: {ordered} of {recorded} steps"
    );
    let unmodified = &original.unmodified;
    let same = equal(unmodified);
    println!("equal to the unmodified original: {same} of {recorded} steps");
    let apart = steps.iter().zip(unmodified).map(|(a, b)| ulps(a.loss, b.loss));
    let (k, most) =
        apart.enumerate().max_by_key(|&(_, u)| u).expect("100 steps");
    println!("  furthest apart at step {k}, in ulps: {most}");
    let last = unmodified[99].loss;
    let (_, notebook) = NOTEBOOK[1];
    let off = ulps(last, notebook);
    println!("  its step 99: {last:?}; ulps from the notebook's: {off}");
    let last_ten =
        (90..100).map(|k| ulps(original.steps[k].loss, unmodified[k].loss));
    let last_ten: Vec<String> = last_ten.map(|u| u.to_string()).collect();
    println!(
        "  ulps between the two originals, steps 90 to 99: {}",
        last_ten.join(" ")
    );
    print_grains(&model);
}

// Generated from chapters/10-moons.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 9c555839a23f3881
//! micrograd's demo with the original's data and starting weights.

use ch10_moons::{
    NOTEBOOK, loss, network_with, original, print_after, print_steps, train,
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

    let steps = train(&model, data);
    print_steps(&steps);
    print_after(&model, data);
    for (k, printed) in NOTEBOOK {
        let same = steps[k].loss == printed;
        println!("the notebook printed {printed:?} at step {k}: same? {same}");
    }
    let same = steps.iter().zip(&original.steps).filter(|(a, b)| a == b);
    println!(
        "steps equal to the original's, in order, to the bit: {} of {}",
        same.count(),
        original.steps.len()
    );
}

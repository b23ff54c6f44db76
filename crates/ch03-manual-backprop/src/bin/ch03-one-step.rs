// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 4d979d6d789806c2
use ch03_manual_backprop::by_hand::L_STEPS;
use ch03_manual_backprop::expressions::LGraph;

fn main() {
    let graph = LGraph::build();
    for step in L_STEPS {
        step(&graph);
    }
    println!("L before the step: {:?}", graph.l.data());

    // How far to move each input, as a multiple of its grad.
    let step = 0.01;
    let inputs = [&graph.a, &graph.b, &graph.c, &graph.f];
    let predicted: f64 =
        inputs.iter().map(|v| step * v.grad() * v.grad()).sum();
    println!("predicted rise: {predicted:?}");
    println!("predicted by the grads: {:?}", graph.l.data() + predicted);

    for input in inputs {
        input.set_data(input.data() + step * input.grad());
    }
    // The graph holds the old results: compute e, d and L again from the moved
    // inputs.
    let e = &graph.a * &graph.b;
    let d = &e + &graph.c;
    let l = &d * &graph.f;
    println!("L after the step:  {:?}", l.data());
}

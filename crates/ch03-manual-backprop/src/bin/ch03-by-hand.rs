// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 6e7aba5e663797df
use ch03_manual_backprop::by_hand::L_STEPS;
use ch03_manual_backprop::expressions::LGraph;

fn main() {
    let graph = LGraph::build();
    let row = |name: &str| {
        let grads: Vec<String> = graph
            .values()
            .iter()
            .map(|v| format!("{:>6?}", v.grad()))
            .collect();
        println!("{name:<8}{}", grads.join(""));
    };
    let labels: Vec<String> =
        graph.values().iter().map(|v| format!("{:>6}", v.label())).collect();
    println!("{:<8}{}", "grads", labels.join(""));
    row("start");
    for (i, step) in L_STEPS.iter().enumerate() {
        step(&graph);
        row(&format!("step {}", i + 1));
    }
}

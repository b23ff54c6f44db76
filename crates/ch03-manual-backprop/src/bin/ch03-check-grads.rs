// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: af660a0015d29a24
use ch03_manual_backprop::by_hand::L_STEPS;
use ch03_manual_backprop::expressions::{LGraph, slope};

fn main() {
    let graph = LGraph::build();
    for step in L_STEPS {
        step(&graph);
    }
    let h = 0.001;
    let measured = format!("measured slope (h = {h:?})");
    println!("{:<7}{:<9}{measured:<28}difference", "value", "by hand");
    // Captures nothing, so it is `Copy`: passed anew on each pass of the loop.
    let output = |nudge| LGraph::build_nudged(nudge).l.data();
    for value in graph.values() {
        let measured = slope(output, value.label(), h);
        let difference = measured - value.grad();
        println!(
            "{:<7}{:<9?}{measured:<28?}{difference:.1e}",
            value.label(),
            value.grad()
        );
    }
}

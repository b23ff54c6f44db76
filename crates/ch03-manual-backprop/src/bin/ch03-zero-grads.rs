// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 25ff7e8148340b42
use ch03_manual_backprop::expressions::LGraph;

fn main() {
    let graph = LGraph::build();
    for value in graph.values() {
        println!("{} = {value}", value.label());
    }
}

// Generated from chapters/04-autograd.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 113dd9a8da7542b3
use ch04_autograd::Value;
use ch04_autograd::expressions::{LGraph, Neuron};

fn show(output: &Value) {
    output.backward();
    for value in output.topo().iter().rev() {
        println!("  {:<12} grad {:?}", value.label(), value.grad());
    }
}

fn main() {
    println!("L.backward():");
    show(&LGraph::build().l);
    println!("o.backward():");
    show(&Neuron::build().o);
}

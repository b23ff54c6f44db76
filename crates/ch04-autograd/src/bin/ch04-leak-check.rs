// Generated from chapters/04-autograd.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 3fed9d78b76aced8
use ch04_autograd::Value;
use ch04_autograd::expressions::Neuron;

fn main() {
    let watches: Vec<_> = {
        let neuron = Neuron::build();
        neuron.o.backward();
        neuron.o.topo().iter().map(Value::watch).collect()
        // `neuron`, and with it every handle to the graph, is dropped here.
    };
    let dropped = watches.iter().filter(|watch| watch.is_dropped()).count();
    println!("our engine, after o.backward():");
    println!("  nodes dropped: {dropped} of {}", watches.len());
}

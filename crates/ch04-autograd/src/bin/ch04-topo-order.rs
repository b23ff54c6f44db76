// Generated from chapters/04-autograd.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 7ee79d3ab669b32f
use ch04_autograd::Value;
use ch04_autograd::expressions::Neuron;

fn main() {
    let neuron = Neuron::build();
    let order = neuron.o.topo();
    for (i, value) in order.iter().enumerate() {
        println!(
            "{i:>2}  {:<12} {:<5} {:?}",
            value.label(),
            value.op(),
            value.data()
        );
    }
    let backwards: Vec<&str> =
        order.iter().rev().map(|value| value.label()).collect();
    println!("backward runs: {}", backwards.join(", "));
    let labels = |order: Vec<Value>| -> Vec<&str> {
        order.iter().map(|value| value.label()).collect()
    };
    let same = labels(neuron.o.topo_recursive()) == labels(order);
    println!("the recursive walk gives the same order: {same}");
}

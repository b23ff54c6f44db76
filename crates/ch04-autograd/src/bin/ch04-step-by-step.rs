// Generated from chapters/04-autograd.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 8c4ea66c77a22d37
use ch04_autograd::expressions::Neuron;

fn main() {
    let neuron = Neuron::build();
    neuron.o.set_grad(1.0);
    println!("o.grad = {:?}", neuron.o.grad());
    let Neuron { o, n, b, x1w1x2w2, x1w1, x2w2, .. } = &neuron;
    for node in [o, n, b, x1w1x2w2, x1w1, x2w2] {
        node.backward_step();
        if node.children().is_empty() {
            println!("{}: an input, nothing to pass back", node.label());
            continue;
        }
        let written: Vec<String> = node
            .children()
            .iter()
            .map(|child| format!("{} ← {:?}", child.label(), child.grad()))
            .collect();
        println!("{} ({}): {}", node.label(), node.op(), written.join(", "));
    }
}

// Generated from chapters/04-autograd.md by `cargo xtask tangle`: edit the chapter, not this file.
use ch04_autograd::expressions::Neuron;

fn main() {
    let g = Neuron::build();
    g.o.set_grad(1.0);
    println!("o.grad = {:?}", g.o.grad());
    for node in [&g.o, &g.n, &g.b, &g.x1w1x2w2, &g.x1w1, &g.x2w2] {
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

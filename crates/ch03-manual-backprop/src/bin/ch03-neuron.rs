// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: cd2987eda742d818
use ch03_manual_backprop::expressions::Neuron;

fn main() {
    let neuron = Neuron::build();
    println!("x1·w1 + x2·w2 = {:?}", neuron.x1w1x2w2.data());
    println!("n = {:?}", neuron.n.data());
    println!("o = tanh(n) = {:?}", neuron.o.data());
    println!("1/√2 = {:?}", 0.5_f64.sqrt());
}

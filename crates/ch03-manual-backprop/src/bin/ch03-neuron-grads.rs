// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file.
use ch03_manual_backprop::by_hand;
use ch03_manual_backprop::expressions::{Neuron, slope};

fn main() {
    let g = Neuron::build(None);
    by_hand::neuron(&g);
    let h = 1e-6;
    println!("value        by hand              measured slope (h = {h:?})");
    for value in g.values() {
        let measured =
            slope(|nudge| Neuron::build(nudge).o.data(), value.label(), h);
        println!("{:<13}{:<21?}{measured:?}", value.label(), value.grad());
    }
}

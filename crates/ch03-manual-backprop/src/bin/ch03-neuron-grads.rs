// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 542aa0cb728de8a3
use ch03_manual_backprop::by_hand;
use ch03_manual_backprop::expressions::{Neuron, slope};

fn main() {
    let neuron = Neuron::build();
    by_hand::neuron(&neuron);
    let h = 1e-6;
    let measured = format!("measured slope (h = {h:?})");
    println!("{:<13}{:<21}{measured:<28}difference", "value", "by hand");
    let output = |nudge| Neuron::build_nudged(nudge).o.data();
    for value in neuron.values() {
        let measured = slope(output, value.label(), h);
        let difference = measured - value.grad();
        println!(
            "{:<13}{:<21?}{measured:<28?}{difference:.1e}",
            value.label(),
            value.grad()
        );
    }
}

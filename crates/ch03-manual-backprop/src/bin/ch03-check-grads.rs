// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file.
use ch03_manual_backprop::by_hand::L_STEPS;
use ch03_manual_backprop::expressions::{L, slope};

fn main() {
    let g = L::build(None);
    for step in L_STEPS {
        step(&g);
    }
    let h = 0.001;
    println!("value  by hand  measured slope (h = {h:?})");
    for value in g.values() {
        let measured =
            slope(|nudge| L::build(nudge).l.data(), value.label(), h);
        println!("{:<7}{:<9?}{measured:?}", value.label(), value.grad());
    }
}

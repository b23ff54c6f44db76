// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file.
use ch03_manual_backprop::expressions::L;

fn main() {
    let g = L::build(None);
    for value in g.values() {
        println!("{} = {value}", value.label());
    }
}

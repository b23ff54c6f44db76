// Generated from chapters/10-moons.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 319eff30d966f06d
//! The same sums in two orders, and the same mean in two ways.

fn main() {
    println!("(0.1 + 0.2) + 0.3 = {:?}", (0.1 + 0.2) + 0.3);
    println!("0.1 + (0.2 + 0.3) = {:?}", 0.1 + (0.2 + 0.3));
    println!("35.0 * (1.0 / 100.0) = {:?}", 35.0 * (1.0 / 100.0));
    println!("35.0 / 100.0 = {:?}", 35.0 / 100.0);
}

// Generated from chapters/01-derivatives.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: dea651a3a250501a
use ch01_derivatives::{f, f_prime, slope};

fn main() {
    println!("f(3) = {:?}", f(3.0));

    let h = 0.00001;
    for x in [3.0, -3.0, 2.0 / 3.0] {
        let measured = slope(f, x, h);
        println!(
            "x = {x:?}: measured slope {measured:?}, exact {:?}",
            f_prime(x)
        );
    }
}

// Generated from chapters/01-derivatives.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: dac49fbd1af03d9c
use ch01_derivatives::{f, f_prime, slope};

fn main() {
    let x = 3.0;
    let hs = [
        1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11,
        1e-12, 1e-13, 1e-14, 1e-15, 1e-16,
    ];
    for h in hs {
        let measured = slope(f, x, h);
        let error = (measured - f_prime(x)).abs();
        println!("h = {h:<5e}  slope = {measured:<20?}  error = {error:.1e}");
    }
    for y in [x, f(x)] {
        let gap = y.next_up() - y;
        println!("the next f64 above {y:?} is {gap:.1e} higher");
    }
}

// Generated from chapters/07-cross-check.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 0bd070b0d3075d8e
//! The gradient checker's largest error on each expression, step by step.

use ch07_cross_check::CASES;
use micrograd::check::check_grads_with_step;

fn main() {
    print!("{:<6}", "h");
    for case in &CASES {
        print!("{:>10}", case.short);
    }
    println!();
    for k in 1..=10 {
        let h = 10f64.powi(-k);
        print!("{h:<6e}");
        for case in &CASES {
            let report = check_grads_with_step(case.ours, &case.at(), h);
            print!("{:>10.1e}", report.worst());
        }
        println!();
    }
}

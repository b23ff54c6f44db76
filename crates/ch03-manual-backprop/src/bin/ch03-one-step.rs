// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file.
use ch03_manual_backprop::by_hand::L_STEPS;
use ch03_manual_backprop::expressions::L;

fn main() {
    let g = L::build(None);
    for step in L_STEPS {
        step(&g);
    }
    println!("L before the step: {:?}", g.l.data());

    let inputs = [&g.a, &g.b, &g.c, &g.f];
    let predicted: f64 =
        inputs.iter().map(|v| 0.01 * v.grad() * v.grad()).sum();
    println!("predicted by the grads: {:?}", g.l.data() + predicted);

    for input in inputs {
        input.set_data(input.data() + 0.01 * input.grad());
    }
    // The graph holds the old results: compute
    // e, d and L again from the moved inputs.
    let e = &g.a * &g.b;
    let d = &e + &g.c;
    let l = &d * &g.f;
    println!("L after the step:  {:?}", l.data());
}

// Generated from chapters/06-more-ops.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 061b60aaa52fed4a
//! The neuron with tanh as one operation, and
//! with tanh taken apart: the same grads?

use ch06_more_ops::{neuron, tanh_taken_apart};
use micrograd::Value;

fn main() {
    let one_op = neuron(Value::tanh);
    let apart = neuron(tanh_taken_apart);
    for (name, built) in
        [("tanh as one op", &one_op), ("tanh taken apart", &apart)]
    {
        built.o.backward();
        let nodes = built.o.topo().len();
        println!("{name}: o = {:?}, {nodes} nodes", built.o.data());
    }
    println!();
    println!("grad  one op                  taken apart");
    let mut largest = 0.0_f64;
    for (x, y) in one_op.leaves.iter().zip(&apart.leaves) {
        println!("{:<5} {:<23?} {:?}", x.label(), x.grad(), y.grad());
        largest = largest.max((x.grad() - y.grad()).abs());
    }
    println!("largest difference: {largest:?}");

    // e²ⁿ is more than the largest f64 once 2n > ln(f64::MAX).
    println!();
    println!("e²ⁿ overflows above n = {:?}", f64::MAX.ln() / 2.0);
    // And near 0, e²ⁿ − 1 subtracts two nearly equal numbers.
    for n in [400.0, 1e-10] {
        let n = Value::new(n);
        let (one_op, apart) = (n.tanh(), tanh_taken_apart(&n));
        println!("at n = {:?}: one op {:?}", n.data(), one_op.data());
        println!("at n = {:?}: taken apart {:?}", n.data(), apart.data());
    }
}

// Generated from chapters/06-more-ops.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 01551b288ec56b75
//! The neuron with tanh as one operation, and
//! with tanh taken apart: the same grads?

use ch06_more_ops::{neuron, tanh_taken_apart};
use micrograd::Value;

fn main() {
    let one_op = neuron(Value::tanh);
    let apart = neuron(tanh_taken_apart);
    for (name, neuron) in
        [("tanh as one op", &one_op), ("tanh taken apart", &apart)]
    {
        neuron.o.backward();
        let nodes = neuron.o.topo().len();
        println!("{name}: o = {:?}, {nodes} nodes", neuron.o.data());
    }
    println!();
    println!("grad  one op                  taken apart");
    let mut largest = 0.0_f64;
    for (x, y) in one_op.leaves.iter().zip(&apart.leaves) {
        println!("{:<5} {:<23?} {:?}", x.label(), x.grad(), y.grad());
        largest = largest.max((x.grad() - y.grad()).abs());
    }
    println!("largest difference: {largest:?}");
}

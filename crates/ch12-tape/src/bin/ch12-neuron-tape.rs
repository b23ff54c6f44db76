// Generated from chapters/12-tape.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 1ddc368e30da6be6
//! Chapter 3's neuron on a tape, its sum one fused `dot` node.

use micrograd::tape::Tape;

fn main() {
    let mut tape = Tape::new();
    let x1 = tape.input(2.0);
    let x2 = tape.input(0.0);
    let w1 = tape.input(-3.0);
    let w2 = tape.input(1.0);
    let b = tape.input(6.881373587019543);
    let n = tape.dot(b, &[w1, w2], &[x1, x2]);
    let o = tape.tanh(n);
    tape.backward(o);
    print!("{tape}");
}

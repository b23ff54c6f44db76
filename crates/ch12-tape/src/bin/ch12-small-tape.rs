// Generated from chapters/12-tape.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 8d4f3de175c9b564
//! Chapter 3's expression, L = (a·b + c)·f, on a tape, after backward.

use micrograd::tape::Tape;

fn main() {
    let mut tape = Tape::new();
    let a = tape.input(2.0);
    let b = tape.input(-3.0);
    let c = tape.input(10.0);
    let e = tape.mul(a, b);
    let d = tape.add(e, c);
    let f = tape.input(-2.0);
    let l = tape.mul(d, f);
    tape.backward(l);
    print!("{tape}");
}

// Generated from chapters/12-tape.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 6fa2ad306c9480ec
//! Trains chapter 10's demo with every engine, and compares each one's 100
//! steps with the original's, bit for bit.

fn main() {
    ch11_fast::compare(ch12_tape::engines);
}

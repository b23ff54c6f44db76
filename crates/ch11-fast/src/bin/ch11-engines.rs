// Generated from chapters/11-walk.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 7c067f84b47ee18c
//! Trains chapter 10's demo with each of chapter 11's engines, and compares
//! each one's 100 steps with the original's, bit for bit.

fn main() {
    ch11_fast::compare(ch11_fast::engines);
}

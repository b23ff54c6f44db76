// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 3a75a3cedd3d1164
//! Trains chapter 10's demo with each of this chapter's engines, and compares
//! each one's 100 steps with the original's, bit for bit.

fn main() {
    ch11_fast::compare(ch11_fast::engines);
}

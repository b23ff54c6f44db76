// Generated from chapters/12-tape.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 6ba8061fc94de271
//! Checks every engine's backward on 10,000 random graphs.

fn main() {
    let (checked, mismatches) = ch12_tape::stress::stress(11, 10_000);
    println!("{checked} grads checked, {} mismatches", mismatches.len());
    for m in mismatches.iter().take(10) {
        println!("{m}");
    }
}

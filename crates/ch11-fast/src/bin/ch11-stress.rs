// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 13813b2785e3c7ee
//! Checks every engine's backward on 10,000 random graphs.

fn main() {
    let (checked, mismatches) = ch11_fast::stress::stress(11, 10_000);
    println!("{checked} grads checked, {} mismatches", mismatches.len());
    for m in mismatches.iter().take(10) {
        println!("{m}");
    }
}

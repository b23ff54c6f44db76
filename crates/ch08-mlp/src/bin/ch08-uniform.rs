// Generated from chapters/08-mlp.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b558681c666c0258
//! Two generators with the same seed: one gives raw bits, the other uniform
//! numbers made of the same bits.

use ch08_mlp::{SEED, rng};
use micrograd::nn::uniform;
use rand::Rng;

fn main() {
    let (mut bits, mut numbers) = (rng(), rng());
    println!("Xoshiro256PlusPlus, seed {SEED}");
    println!("draw  next_u64            uniform");
    for draw in 1..=5 {
        let (b, u) = (bits.next_u64(), uniform(&mut numbers));
        println!("{draw:<5} {b:#018x}  {u:?}");
    }
}

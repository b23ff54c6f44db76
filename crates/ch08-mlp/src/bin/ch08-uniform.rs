// Generated from chapters/08-mlp.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 10d9cd0575f8ab8b
//! The first five numbers `uniform` draws from the chapter's generator.

use ch08_mlp::{SEED, rng};
use micrograd::nn::uniform;

fn main() {
    let mut rng = rng();
    println!("Xoshiro256PlusPlus, seed {SEED}");
    for draw in 1..=5 {
        println!("draw {draw}: {:?}", uniform(&mut rng));
    }
}

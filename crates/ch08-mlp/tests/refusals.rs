// Generated from chapters/08-mlp.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 6976dc95a1dfe645
//! A wrong input size is refused, with a message naming both sizes.

use ch08_mlp::rng;
use micrograd::nn::Mlp;

#[test]
#[should_panic(expected = "the network takes 3 inputs but was given 2")]
fn a_network_refuses_too_few_inputs() {
    Mlp::new(3, &[4, 4, 1], &mut rng()).forward(&[2.0, 3.0]);
}

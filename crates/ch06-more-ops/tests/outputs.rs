// Generated from chapters/06-more-ops.md, chapters/06-training-ops.md, chapters/06-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: f7b6251097382c4a
//! Snapshot tests: what the chapter's
//! programs print, and the DOT of its graphs.

use std::process::Command;

use ch06_more_ops::{neuron, tanh_taken_apart, two_a_plus_one};
use micrograd::Value;

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn constants() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch06-constants")));
}

#[test]
fn ops() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch06-ops")));
}

#[test]
fn neuron_both_ways() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch06-neuron")));
}

#[test]
fn dot_of_two_a_plus_one() {
    insta::assert_snapshot!(viz::to_dot(&two_a_plus_one()));
}

#[test]
fn dot_of_the_neuron_taken_apart() {
    let apart = neuron(tanh_taken_apart);
    apart.o.backward();
    insta::assert_snapshot!(viz::to_dot(&apart.o));
}

/// The two neurons' grads agree to 1e-12, whatever the snapshots say.
#[test]
fn tanh_taken_apart_has_the_same_grads() {
    let (one_op, apart) = (neuron(Value::tanh), neuron(tanh_taken_apart));
    one_op.o.backward();
    apart.o.backward();
    assert!((one_op.o.data() - apart.o.data()).abs() < 1e-12);
    for (x, y) in one_op.leaves.iter().zip(&apart.leaves) {
        assert!(
            (x.grad() - y.grad()).abs() < 1e-12,
            "{}: {} vs {}",
            x.label(),
            x,
            y
        );
    }
}

#[test]
fn training() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch06-training")));
}

#[test]
fn twice() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch06-twice")));
}

#[test]
fn deep() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch06-deep")));
}

#[test]
fn stale() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch06-stale")));
}

#[test]
fn overflow() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch06-overflow")));
}

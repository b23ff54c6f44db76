// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 607c2b48946366a8
//! Snapshot tests: what the chapter's programs
//! print, and the DOT of its graphs with grads.

use std::process::Command;

use ch03_manual_backprop::by_hand::{self, L_STEPS};
use ch03_manual_backprop::expressions::{LGraph, Neuron};

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn zero_grads() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch03-zero-grads")));
}

#[test]
fn by_hand() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch03-by-hand")));
}

#[test]
fn check_grads() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch03-check-grads")));
}

#[test]
fn one_step() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch03-one-step")));
}

#[test]
fn neuron() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch03-neuron")));
}

#[test]
fn neuron_grads() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch03-neuron-grads")));
}

#[test]
fn dot_of_l_with_grads() {
    let graph = LGraph::build();
    for step in L_STEPS {
        step(&graph);
    }
    insta::assert_snapshot!(viz::to_dot(&graph.l));
}

#[test]
fn dot_of_neuron_with_grads() {
    let neuron = Neuron::build();
    by_hand::neuron(&neuron);
    insta::assert_snapshot!(viz::to_dot(&neuron.o));
}

// Generated from chapters/04-autograd.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: f543c0f47ddb0b40
//! Snapshot tests: what the chapter's programs print, and the DOT of its graphs
//! after backward.

use std::process::Command;

use ch04_autograd::expressions::{LGraph, Neuron};

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn step_by_step() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch04-step-by-step")));
}

#[test]
fn topo_order() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch04-topo-order")));
}

#[test]
fn backward() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch04-backward")));
}

#[test]
fn cycle() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch04-cycle")));
}

#[test]
fn leak_check() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch04-leak-check")));
}

#[test]
fn dot_of_l_after_backward() {
    let graph = LGraph::build();
    graph.l.backward();
    insta::assert_snapshot!(viz::to_dot(&graph.l));
}

#[test]
fn dot_of_neuron_after_backward() {
    let neuron = Neuron::build();
    neuron.o.backward();
    insta::assert_snapshot!(viz::to_dot(&neuron.o));
}

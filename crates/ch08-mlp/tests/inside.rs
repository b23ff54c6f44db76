// Generated from chapters/08-network.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 0d83efc0045c85d1
//! Snapshot tests: what chapter 8.1's programs print, and the DOT text of
//! the two small networks' graphs.

use std::process::Command;

use ch08_mlp::{chain_net_output, small_net_output};

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn initial_weights() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch08-init")));
}

#[test]
fn handles() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch08-handles")));
}

#[test]
fn alike_starts() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch08-zeros")));
}

#[test]
fn grads_by_layer() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch08-grads")));
}

#[test]
fn dot_of_two_neurons_in_a_row() {
    insta::assert_snapshot!(viz::to_dot(&chain_net_output()));
}

#[test]
fn dot_of_the_small_network() {
    insta::assert_snapshot!(viz::to_dot(&small_net_output()));
}

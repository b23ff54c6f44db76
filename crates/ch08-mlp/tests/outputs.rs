// Generated from chapters/08-mlp.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 7d15882c23eb29e6
//! Snapshot tests: what chapter 8's programs print.

use std::process::Command;

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn uniform() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch08-uniform")));
}

#[test]
fn neuron() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch08-neuron")));
}

#[test]
fn mlp() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch08-mlp")));
}

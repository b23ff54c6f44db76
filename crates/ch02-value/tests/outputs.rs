// Generated from chapters/02-value.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 8400844ffd803f48
//! Snapshot tests: what the chapter's
//! programs print, and the DOT of its graphs.

use std::process::Command;

use ch02_value::expressions;

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn first_value() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch02-first-value")));
}

#[test]
fn children() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch02-children")));
}

#[test]
fn dot_of_d() {
    insta::assert_snapshot!(viz::to_dot(&expressions::d()));
}

#[test]
fn dot_of_l() {
    insta::assert_snapshot!(viz::to_dot(&expressions::l()));
}

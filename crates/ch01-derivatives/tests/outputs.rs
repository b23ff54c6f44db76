// Generated from chapters/01-derivatives.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 77d8434fe389b510
//! Snapshot tests: what each program of the chapter prints.

use std::process::Command;

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn slope() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch01-slope")));
}

#[test]
fn tiny_h() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch01-tiny-h")));
}

#[test]
fn three_inputs() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch01-three-inputs")));
}

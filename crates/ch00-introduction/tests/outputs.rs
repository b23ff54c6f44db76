// Generated from chapters/appendix-checks.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: cbe2ce16d47116ad
//! Snapshot tests: what the chapter's program prints.

use std::process::Command;

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn readme_example() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch00-readme-example")));
}

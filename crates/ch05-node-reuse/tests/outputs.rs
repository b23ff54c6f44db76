// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 72b4b109f41c8153
//! Snapshot tests: what the chapter's programs
//! print, and its graphs after `backward`.

use std::process::Command;

use ch05_node_reuse::expressions::{buggy, fixed};

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn nudge() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch05-nudge")));
}

#[test]
fn bug() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch05-bug")));
}

#[test]
fn bug_steps() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch05-bug-steps")));
}

#[test]
fn fixed() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch05-fixed")));
}

#[test]
fn fixed_steps() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch05-fixed-steps")));
}

#[test]
fn twice() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch05-twice")));
}

#[test]
fn refcell() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch05-refcell")));
}

#[test]
fn dot_of_a_plus_a_assigned() {
    let s = buggy::a_plus_a();
    s.backward();
    insta::assert_snapshot!(viz::to_dot(&s));
}

#[test]
fn dot_of_f_assigned() {
    let f = buggy::f();
    f.backward();
    insta::assert_snapshot!(viz::to_dot(&f));
}

#[test]
fn dot_of_a_plus_a() {
    let s = fixed::a_plus_a();
    s.backward();
    insta::assert_snapshot!(viz::to_dot(&s));
}

#[test]
fn dot_of_f() {
    let f = fixed::f();
    f.backward();
    insta::assert_snapshot!(viz::to_dot(&f));
}

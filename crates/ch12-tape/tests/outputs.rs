// Generated from chapters/12-measure.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: dc78ff32235bc4b1
//! Snapshot tests of what most programs of chapters 12 to 12.2 print; and
//! every engine's million-deep chain.

use std::process::Command;

use ch12_tape::chains;
use ch12_tape::on_tape::{self, Ops};

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn engines() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch12-engines")));
}

#[test]
fn small_tape() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch12-small-tape")));
}

#[test]
fn neuron_tape() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch12-neuron-tape")));
}

#[test]
fn by_hand() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch12-by-hand")));
}

#[test]
fn stress_program() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch12-stress")));
}

/// Every engine with a graph builds, backpropagates and drops a chain a
/// million additions deep: nothing in it recurses once per level.
#[test]
fn every_engine_survives_a_million_deep_chain() {
    for (name, chain) in chains() {
        assert_eq!(chain(1_000_000), 1e6, "{name}");
    }
}

/// A tape's node is 32 bytes, and the tape of a moons step holds no more
/// than its nodes need once trimmed.
#[test]
fn a_moons_tape_holds_only_its_nodes() {
    let original = ch10_moons::original::load();
    let mut moons = on_tape::Moons::new(&original.parameters, Ops::Scalar);
    for k in 0..2 {
        let rate = ch10_moons::learning_rate(k);
        ch11_fast::Engine::step(&mut moons, &original.points, rate);
    }
    let tape = moons.tape();
    assert_eq!(tape.len(), 65_818);
    assert_eq!(tape.capacity_bytes(), 65_818 * 32);
}

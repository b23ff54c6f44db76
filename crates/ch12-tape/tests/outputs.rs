// Generated from chapters/12-measure.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 359369a172d38ab8
//! Snapshot tests of what the chapter's programs print; every engine's
//! million-deep chain; and the stress test.

use std::process::Command;

use ch12_tape::on_tape::{self, Ops};
use ch12_tape::{chains, stress};

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

/// 10,000 random graphs, every engine's grads passing chapter 7's gradient
/// checker. Only a grad that is not 0 can show a share of the wrong size,
/// so those are what the test counts: six engines × 13,434 = 80,604; the
/// floor of 60,000 catches a change to the generator that leaves far fewer.
#[test]
fn every_engine_agrees_with_central_differences() {
    let engines = stress::engines();
    let (checked, mismatches) =
        stress::stress(stress::SEED, stress::GRAPHS, &engines);
    let not_zero = checked.iter().filter(|s| s.claimed != 0.0).count();
    assert!(not_zero > 60_000, "only {not_zero} grads not 0 checked");
    if let Some(first) = mismatches.first() {
        panic!("{} mismatches, the first: {first}", mismatches.len());
    }
}

/// On the same graphs, the checker catches each broken rule at least once.
#[test]
fn every_mutant_is_caught() {
    for (name, grads) in stress::mutants() {
        let (seed, count) = (stress::SEED, stress::GRAPHS);
        let (_, mismatches) = stress::stress(seed, count, &[(name, grads)]);
        assert!(!mismatches.is_empty(), "{name} was not caught");
    }
}

/// A tape's node is 32 bytes, and the tape of a moons step holds no more
/// than its nodes need once trimmed.
#[test]
fn a_tape_node_is_32_bytes() {
    let original = ch10_moons::original::load();
    let mut moons = on_tape::Moons::new(&original.parameters, Ops::Scalar);
    for k in 0..2 {
        ch11_fast::Engine::step(
            &mut moons,
            &original.points,
            1.0 - 0.009 * k as f64,
        );
    }
    let tape = moons.tape();
    assert_eq!(tape.len(), 65_818);
    assert_eq!(tape.capacity_bytes(), 65_818 * 32);
}

// Generated from chapters/11-walk.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b2ff19d04e5fc212
//! Snapshot tests of what the chapter's program prints, and every engine's
//! million-deep chain.

use std::process::Command;

use ch11_fast::chains;

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn engines() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch11-engines")));
}

#[test]
fn allocations() {
    let allocations = env!("CARGO_BIN_EXE_ch11-allocations");
    insta::assert_snapshot!(printed(allocations));
}

/// Every engine builds, backpropagates and drops a chain a million additions
/// deep: nothing in it recurses once per level.
#[test]
fn every_engine_survives_a_million_deep_chain() {
    for (name, chain) in chains() {
        assert_eq!(chain(1_000_000), 1e6, "{name}");
    }
}

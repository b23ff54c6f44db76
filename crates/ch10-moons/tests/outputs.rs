// Generated from chapters/10-moons.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 09b20f372705572d
//! Snapshot tests of what the chapter's programs print, and the facts of the
//! original demo, checked against the original's own numbers.

use std::process::Command;
use std::sync::OnceLock;

use ch10_moons::original::{self, ParseError};
use ch10_moons::{Step, loss, network_with, train};
use micrograd::nn::Module;

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn original() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch10-original")));
}

#[test]
fn own() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch10-own")));
}

#[test]
fn order() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch10-order")));
}

/// Step 0 against the loss the notebook printed: the data, the weights and
/// every operation of the forward pass, to the bit.
#[test]
fn step_0_is_the_notebooks_to_the_bit() {
    let original = original::load();
    assert_eq!(original.points.len(), 100);
    let model = network_with(&original.parameters);
    assert_eq!(model.parameters().len(), 337);
    let (total, accuracy) = loss(&model, &original.points);
    assert_eq!(total.topo().len(), 65_818);
    assert_eq!(total.data(), 0.8958441028683222);
    assert_eq!(accuracy, 0.5);
}

/// All 100 steps against the original run with each value's children in
/// operand order; the unmodified original's run agrees before any backward
/// pass, and then not at every step.
#[test]
fn every_step_is_the_operand_order_originals() {
    let original = original::load();
    let steps = trained();
    assert_eq!(steps, &original.steps);
    assert_eq!(steps[99].accuracy, 1.0);
    assert_eq!(steps[0], original.unmodified[0]);
    assert_ne!(steps, &original.unmodified);
}

/// Documents a coincidence, not a reproduction: runs that add up their
/// gradients in other orders end within a few ulps of one another, and ours
/// happens to land on the notebook's last digits at step 99.
#[test]
fn coincidence_step_99_prints_the_notebooks_loss() {
    assert_eq!(trained()[99].loss, 0.010978370135492717);
}

/// The original demo trained once, for the tests that need it.
fn trained() -> &'static Vec<Step> {
    static STEPS: OnceLock<Vec<Step>> = OnceLock::new();
    STEPS.get_or_init(|| {
        let original = original::load();
        train(&network_with(&original.parameters), &original.points)
    })
}

fn error(text: &str) -> ParseError {
    original::parse("test.txt", text).expect_err("the text is malformed")
}

#[test]
fn malformed_files_are_refused_with_file_and_line() {
    let good = "[points]\n0.5 -1.5 1\n[parameters]\n0.25\n\
                [steps]\n0.8 0.5\n[unmodified]\n0.8 0.5\n";
    let parsed = original::parse("test.txt", good).expect("it parses");
    assert_eq!((parsed.points.len(), parsed.parameters.len()), (1, 1));
    let cases = [
        ("0.5 1.5 1\n", 1, "a line before any [section]"),
        ("[points]\n0.5 x 1\n", 2, "`x` is not a number"),
        ("[points]\n0.5 NaN 1\n", 2, "`NaN` is not a number"),
        ("[points]\n\n1 2\n", 3, "a line of [points] holds 3 numbers, not 2"),
        ("[points]\n0.5 1.5 0\n", 2, "the label 0 is not -1 or 1"),
        ("[moons]\n", 1, "unknown section [moons]"),
        ("[steps]\n# loss\n[steps]\n", 3, "a second [steps] section"),
        ("[points]\n[steps]", 2, "the file ends with no [parameters] section"),
    ];
    for (text, line, message) in cases {
        let message = message.to_string();
        let expected = ParseError { file: "test.txt".into(), line, message };
        assert_eq!(error(text), expected, "for {text:?}");
    }
    assert_eq!(
        error("[points]\n1 2 3\n").to_string(),
        "test.txt:2: the label 3 is not -1 or 1"
    );
}

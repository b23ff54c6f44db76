// Generated from chapters/07-cross-check.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: afc03fe7360c6627
//! Snapshot tests of what the programs print; then, whatever the snapshots
//! say, the engines' agreement and the gradient checker, tested directly.

use std::f64::consts::FRAC_1_SQRT_2;
use std::process::Command;

use candle_core::{Device, Var};
use ch07_cross_check::{CASES, SAME, neuron, with_candle, with_micrograd};
use micrograd::Value;
use micrograd::check::{H, check_grads, compare, difference};

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn candle_neuron() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch07-candle-neuron")));
}

#[test]
fn side_by_side() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch07-side-by-side")));
}

#[test]
fn dot() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch07-dot")));
}

#[test]
fn step_size() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch07-step-size")));
}

#[test]
fn custom_op() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch07-custom-op")));
}

#[test]
fn grad_check() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch07-grad-check")));
}

/// Every number of every expression: the two engines agree to 1e-12.
#[test]
fn the_engines_agree() {
    for case in &CASES {
        let ours = with_micrograd(case);
        let theirs = with_candle(case).expect("candle computes");
        assert_eq!(ours.len(), case.inputs.len() + 1);
        assert_eq!(ours.len(), theirs.len());
        for (a, b) in ours.iter().zip(&theirs) {
            assert!(difference(*a, *b) <= SAME, "{}: {a} vs {b}", case.name);
        }
    }
}

/// Both engines give the known numbers: chapter 3's for the neuron, and
/// the original micrograd's for its two tests. Output first, then grads.
#[test]
fn the_known_numbers() {
    let neuron = [FRAC_1_SQRT_2, -1.5, 1.0, 0.5, 0.0, 0.5];
    let known: [&[f64]; 4] = [
        &neuron,
        &neuron,
        &[-20.0, 46.0],
        &[24.70408163265306, 138.83381924198252, 645.5772594752186],
    ];
    for (case, known) in CASES.iter().zip(known) {
        let theirs = with_candle(case).expect("candle computes");
        for numbers in [with_micrograd(case), theirs] {
            assert_eq!(numbers.len(), known.len());
            for (a, b) in numbers.iter().zip(known) {
                assert!(
                    difference(*a, *b) <= SAME,
                    "{}: {a} vs {b}",
                    case.name
                );
            }
        }
    }
}

#[test]
fn the_checker_passes_every_expression() {
    for case in &CASES {
        let report = check_grads(case.ours, &case.at());
        assert_eq!(report.slopes.len(), case.inputs.len());
        assert!(report.passed(), "{}: {report:?}", case.name);
    }
}

/// A checker that cannot fail checks nothing.
#[test]
fn the_checker_catches_wrong_slopes() {
    let square = |x: &[f64]| x[0] * x[0];
    assert!(compare(square, &[3.0], &[6.0], H).passed());
    // Chapter 5's bug: one of the two shares of x·x.
    assert!(!compare(square, &[3.0], &[3.0], H).passed());
    // A slope a thousandth off, or a sign wrong, or a NaN.
    assert!(!compare(square, &[3.0], &[6.006], H).passed());
    assert!(!compare(square, &[3.0], &[-6.0], H).passed());
    assert!(!compare(square, &[3.0], &[f64::NAN], H).passed());
    // One wrong slope among the neuron's five fails the whole report.
    let case = &CASES[0];
    let mut claimed = with_micrograd(case).split_off(1);
    let f = |x: &[f64]| {
        neuron(&x.iter().map(|&x| Value::new(x)).collect::<Vec<_>>()).data()
    };
    assert!(compare(f, &case.at(), &claimed, H).passed());
    claimed[1] *= 1.001;
    let report = compare(f, &case.at(), &claimed, H);
    assert!(!report.passed());
    assert!(!report.slopes[1].passed());
    assert!(report.slopes[0].passed());
    // A NaN slope is the worst, wherever it is among the others.
    let nan = compare(square, &[3.0, 3.0], &[f64::NAN, 6.006], H).worst();
    assert!(nan.is_nan(), "worst() gave {nan}");
}

/// Where the engines do differ: at the corner of relu, 0, micrograd's slope
/// is 0 and candle's is 1. No expression of the chapter meets the corner.
#[test]
fn relu_at_zero_is_a_matter_of_convention() -> candle_core::Result<()> {
    let x = Value::new(0.0);
    x.relu().backward();
    assert_eq!(x.grad(), 0.0);

    let x = Var::new(0.0, &Device::Cpu)?;
    let grads = x.relu()?.backward()?;
    let grad = grads.get(&x).expect("x reaches relu(x)");
    assert_eq!(grad.to_scalar::<f64>()?, 1.0);
    Ok(())
}

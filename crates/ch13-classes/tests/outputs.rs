// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: de8c9a97e7ef26c4
//! Snapshot tests of what the chapter's programs print; then ln, softmax,
//! cross-entropy and the optimizers, and how they refuse bad input.

use std::process::Command;

use micrograd::Value;
use micrograd::check::check_grads;
use micrograd::nn::{cross_entropy, softmax};
use micrograd::optim::{Adam, Optimizer, Sgd};

use ch13_classes::ln_both_ways;

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn softmax_program() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch13-softmax")));
}

#[test]
fn overflow() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch13-overflow")));
}

#[test]
fn spiral() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch13-spiral")));
}

#[test]
fn memorise() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch13-memorise")));
}

#[test]
fn cross_check() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch13-cross-check")));
}

fn values(numbers: &[f64]) -> Vec<Value> {
    numbers.iter().map(|&x| Value::new(x)).collect()
}

#[test]
fn ln_is_the_same_on_the_tape_and_passes_the_gradient_check() {
    for x in [0.1, 0.5, 1.0, 3.0, 1e6] {
        let [value, tape] = ln_both_ways(x);
        assert_eq!(tape, value);
        assert!(check_grads(|x| x[0].ln(), &[x]).passed(), "at {x}");
    }
}

#[test]
fn ln_of_0_and_of_a_negative_number_are_as_f64_has_them() {
    let zero = Value::new(0.0);
    let l = zero.ln();
    l.backward();
    assert_eq!((l.data(), zero.grad()), (f64::NEG_INFINITY, f64::INFINITY));
    assert!(Value::new(-1.0).ln().data().is_nan());
}

#[test]
fn softmax_adds_up_to_1_and_cross_entropy_is_minus_ln_p() {
    let logits = values(&[0.5, -2.0, 3.0, 1.0]);
    let p = softmax(&logits);
    let total: f64 = p.iter().map(Value::data).sum();
    assert!((total - 1.0).abs() < 1e-15);
    for (target, p) in p.iter().enumerate() {
        let loss = cross_entropy(&logits, target).data();
        assert!((loss + p.data().ln()).abs() < 1e-14, "target {target}");
    }
}

#[test]
fn cross_entropy_passes_the_gradient_check() {
    for target in 0..3 {
        let f = |x: &[Value]| cross_entropy(x, target);
        assert!(check_grads(f, &[0.3, -1.2, 2.5]).passed());
    }
}

#[test]
fn optimizers_update_the_models_own_parameters() {
    let w = Value::new(1.0);
    let mut sgd = Sgd::new(vec![w.clone()], 0.5);
    w.set_grad(0.25);
    sgd.step();
    assert_eq!(w.data(), 1.0 - 0.5 * 0.25);
    sgd.zero_grad();
    assert_eq!(w.grad(), 0.0);
    let mut adam = Adam::new(vec![w.clone()], 0.1).weight_decay(0.5);
    adam.step();
    // With grad 0, only the decay moves w: by 0.1·0.5·w.
    assert_eq!(w.data(), 0.875 - 0.1 * 0.5 * 0.875);
}

#[test]
fn score_gives_the_bits_of_loss() {
    let (model, batch) = ch13_classes::first_batch();
    let (loss, right) = ch13_classes::loss(&model, &batch);
    let score = ch13_classes::score(&model, &batch);
    assert_eq!(score.loss, loss.data());
    assert_eq!(score.accuracy, right as f64 / batch.len() as f64);
}

#[test]
#[should_panic(expected = "softmax needs at least 1 logit, got 0")]
fn softmax_of_nothing_panics() {
    softmax(&[]);
}

#[test]
#[should_panic(expected = "cross_entropy needs at least 1 logit, got 0")]
fn cross_entropy_of_nothing_panics() {
    cross_entropy(&[], 0);
}

#[test]
#[should_panic(expected = "an optimizer needs parameters, got 0")]
fn an_optimizer_needs_parameters() {
    Adam::new(vec![], 0.01);
}

#[test]
#[should_panic(expected = "finite and positive, not NaN")]
fn a_nan_rate_panics() {
    Sgd::new(vec![Value::new(1.0)], f64::NAN);
}

#[test]
#[should_panic(expected = "finite and positive, not 0")]
fn a_rate_of_0_panics() {
    Adam::new(vec![Value::new(1.0)], 0.0);
}

#[test]
#[should_panic(expected = "finite and positive, not inf")]
fn an_infinite_rate_panics() {
    Sgd::new(vec![Value::new(1.0)], f64::INFINITY);
}

#[test]
#[should_panic(expected = "the momentum must be in [0, 1), not 1")]
fn momentum_1_panics() {
    Sgd::new(vec![Value::new(1.0)], 0.1).momentum(1.0);
}

#[test]
#[should_panic(expected = "β1 must be in [0, 1), not -0.1")]
fn a_negative_beta_panics() {
    Adam::new(vec![Value::new(1.0)], 0.1).betas(-0.1, 0.999);
}

#[test]
#[should_panic(expected = "β2 must be in [0, 1), not 1")]
fn beta2_of_1_panics() {
    Adam::new(vec![Value::new(1.0)], 0.1).betas(0.9, 1.0);
}

#[test]
#[should_panic(expected = "the weight decay must be in [0, inf), not -1")]
fn a_negative_weight_decay_panics() {
    Adam::new(vec![Value::new(1.0)], 0.1).weight_decay(-1.0);
}

#[test]
#[should_panic(expected = "ε must be finite and positive, not 0")]
fn an_epsilon_of_0_panics() {
    Adam::new(vec![Value::new(1.0)], 0.1).epsilon(0.0);
}

#[test]
#[should_panic(expected = "target class 3 is out of range for 3 logits")]
fn a_target_out_of_range_panics() {
    let logits: Vec<Value> = [1.0, 2.0, 3.0].map(Value::new).into();
    cross_entropy(&logits, 3);
}

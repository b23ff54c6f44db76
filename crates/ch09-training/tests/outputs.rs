// Generated from chapters/09-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: a2f679f9402a2d29
//! Snapshot tests of what the chapter's programs print, and the facts that
//! the chapter's story rests on.

use std::process::Command;

use ch09_training::{
    RATE, YS, loss, network, predictions, train, train_forgetting_zero_grad,
};
use micrograd::Value;
use micrograd::nn::Module;

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn the_loss() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch09-loss")));
}

#[test]
fn one_step() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch09-step")));
}

#[test]
fn first_loop() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch09-first-loop")));
}

#[test]
fn zero_grad() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch09-zero-grad")));
}

#[test]
fn runaway() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch09-runaway")));
}

#[test]
fn rates() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch09-rates")));
}

#[test]
fn training() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch09-train")));
}

#[test]
fn the_network_has_41_parameters() {
    assert_eq!(network().parameters().len(), 41);
}

/// The same weights, so the same first loss; grads that start at 0 in both,
/// so the same first step. The third loss differs.
#[test]
fn both_loops_start_alike() {
    let fixed = train(&network(), 3, RATE);
    let buggy = train_forgetting_zero_grad(&network(), 3, RATE);
    assert_eq!(fixed[..2], buggy[..2]);
    assert_ne!(fixed[2], buggy[2]);
}

/// A second backward pass, on a new graph of the same weights, adds its grads
/// to the first's: every grad doubles (up to rounding, as the shares of the
/// four examples are added one by one). With `zero_grad` first, it does not.
#[test]
fn without_zero_grad_the_grads_pile_up() {
    let mlp = network();
    let grads = || mlp.parameters().iter().map(Value::grad).collect::<Vec<_>>();
    loss(&predictions(&mlp)).backward();
    let once = grads();
    loss(&predictions(&mlp)).backward();
    for (twice, once) in grads().iter().zip(&once) {
        assert!((twice - 2.0 * once).abs() < 1e-12, "{twice} vs {once}");
    }
    mlp.zero_grad();
    loss(&predictions(&mlp)).backward();
    assert_eq!(grads(), once);
}

#[test]
fn the_fixed_loop_learns_the_examples() {
    let mlp = network();
    let losses = train(&mlp, 200, RATE);
    assert!(losses.windows(2).all(|pair| pair[1] < pair[0]));
    let ypred = predictions(&mlp);
    assert!(loss(&ypred).data() < 0.01);
    for (y, target) in ypred.iter().zip(YS) {
        assert!((y.data() - target).abs() < 0.05, "{y} for {target}");
    }
}

/// Without `zero_grad`: a loss below 1e-12 within 23 steps, then, at step
/// 40, a loss near 8, the network answering 1 to every example.
#[test]
fn the_buggy_loop_runs_away() {
    let mlp = network();
    let losses = train_forgetting_zero_grad(&mlp, 40, RATE);
    assert!(losses[..23].iter().any(|&loss| loss < 1e-12));
    assert!(losses[39] > 7.99, "{}", losses[39]);
    assert!(predictions(&mlp).iter().all(|y| y.data() > 0.99));
}

/// After 40 steps: 1.0 is stuck near 8, 0.2 is lowest, 0.01 is behind 0.05.
#[test]
fn the_learning_rates() {
    let last = |rate| train(&network(), 40, rate)[39];
    let [slow, ours, fast, huge] = [0.01, 0.05, 0.2, 1.0].map(last);
    assert!(huge > 7.9, "{huge}");
    assert!(fast < ours && ours < slow, "{fast} {ours} {slow}");
    // The two small rates go downhill at every one of the 40 steps.
    for rate in [0.01, 0.05] {
        let losses = train(&network(), 40, rate);
        assert!(losses.windows(2).all(|w| w[1] < w[0]), "rate {rate}");
    }
}

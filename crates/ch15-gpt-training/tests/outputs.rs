// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: c8c223a41a84514e
//! Snapshot tests of what the chapter's programs print; then sampling, a
//! short training, and the new method's refusal.

use std::process::Command;

use ch14_gpt::engine::Numbers;
use ch14_gpt::model::{CONTEXT, loss};
use ch14_gpt::names::{MARKER, encode};
use ch14_gpt::start;
use ch15_gpt_training::Counting::{Bigram, Unigram};
use ch15_gpt_training::{Trainer, counting_loss, sample};
use micrograd::Value;
use micrograd::optim::Adam;
use micrograd::tape::Tape;

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn steps() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch15-steps")));
}

#[test]
fn train() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch15-train")));
}

#[test]
fn attention() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch15-attention")));
}

#[test]
fn a_made_up_name_starts_with_the_marker_and_ends_at_the_next() {
    let (_, gpt, mut rng) = start();
    for _ in 0..20 {
        let (tokens, _) = sample(&gpt, 1.0, &mut rng);
        assert_eq!(tokens[0], MARKER);
        let ends = tokens.iter().skip(1).filter(|&&t| t == MARKER).count();
        assert!(ends <= 1 && (ends == 0 || *tokens.last().unwrap() == MARKER));
        assert!(tokens.len() <= CONTEXT + 1);
    }
}

#[test]
fn training_on_the_tape_lowers_the_loss_of_a_name_seen_often() {
    let (_, gpt, _) = start();
    let tokens = encode("anna");
    let mut trainer = Trainer::new(&gpt, 21);
    let mut tape = Tape::new();
    let first = trainer.step_on_tape(&mut tape, &tokens);
    for _ in 0..20 {
        trainer.step_on_tape(&mut tape, &tokens);
    }
    let after = loss(&mut Numbers, &trainer.weights(), &tokens);
    assert!(after < first / 2.0, "{first} then {after}");
}

#[test]
#[should_panic(expected = "the run's 2 steps are all taken")]
fn a_step_past_the_end_of_the_run_is_refused() {
    let (_, gpt, _) = start();
    let mut trainer = Trainer::new(&gpt, 2);
    let mut tape = Tape::new();
    for _ in 0..3 {
        trainer.step_on_tape(&mut tape, &encode("ann"));
    }
}

#[test]
fn counting_models_give_ln_27_on_nothing_and_learn_from_names() {
    let uniform = counting_loss(&[], &["ab"], Bigram);
    assert!((uniform - 27f64.ln()).abs() < 1e-12);
    let (names, _, _) = start();
    let (train, test) = (&names[..1000], &names[1000..1100]);
    let unigram = counting_loss(train, test, Unigram);
    let bigram = counting_loss(train, test, Bigram);
    assert!(bigram < unigram && unigram < uniform, "{bigram} {unigram}");
}

#[test]
#[should_panic(expected = "finite and positive, not 0")]
fn a_rate_of_0_is_refused() {
    let mut adam = Adam::new(vec![Value::new(1.0)], 0.1);
    adam.set_rate(0.0);
}

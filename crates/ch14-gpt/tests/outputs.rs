// Generated from chapters/14-gpt.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 305ac2190cff3ed7
//! Snapshot tests of what the chapter's programs print; then the engines
//! and the model's pieces.

use std::process::Command;

use ch14_gpt::engine::{Graph, Numbers};
use ch14_gpt::model::{Gpt, Memory, forward, loss, rms_norm};
use ch14_gpt::names::encode;
use ch14_gpt::start;
use micrograd::Value;
use micrograd::tape::Tape;

fn printed(program: &str) -> String {
    let output = Command::new(program).output().expect("the program runs");
    assert!(output.status.success(), "{program} failed");
    String::from_utf8(output.stdout).expect("the output is UTF-8")
}

#[test]
fn names_program() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch14-names")));
}

#[test]
fn pieces() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch14-pieces")));
}

#[test]
fn check() {
    insta::assert_snapshot!(printed(env!("CARGO_BIN_EXE_ch14-check")));
}

#[test]
fn the_three_engines_give_the_same_loss_bits() {
    let (names, gpt, _) = start();
    for name in &names[..20] {
        let tokens = encode(name);
        let plain = loss(&mut Numbers, &gpt, &tokens);
        let on_values = loss(&mut Graph, &gpt.map(|&w| Value::new(w)), &tokens);
        let mut tape = Tape::new();
        let on_tape = gpt.map(|&w| tape.input(w));
        let on_tape = loss(&mut tape, &on_tape, &tokens);
        assert_eq!(on_values.data(), plain, "{name}");
        assert_eq!(tape.data(on_tape), plain, "{name}");
    }
}

#[test]
fn the_tapes_grads_are_values_to_rounding() {
    let (names, gpt, _) = start();
    for name in &names[..5] {
        let tokens = encode(name);
        let on_values = gpt.map(|&w| Value::new(w));
        loss(&mut Graph, &on_values, &tokens).backward();
        let mut tape = Tape::new();
        let on_tape = gpt.map(|&w| tape.input(w));
        let root = loss(&mut tape, &on_tape, &tokens);
        tape.backward(root);
        for (v, &t) in on_values.parameters().zip(on_tape.parameters()) {
            assert!((v.grad() - tape.grad(t)).abs() <= 1e-15, "{name}");
        }
    }
}

#[test]
fn attention_weights_add_up_to_1_and_reach_no_later_position() {
    let (names, gpt, _) = start();
    let tokens = encode(names[0]);
    let mut memory = Memory::new();
    for &token in &tokens {
        forward(&mut Numbers, &gpt, token, &mut memory);
    }
    for head in &memory.weights {
        for (position, weights) in head.iter().enumerate() {
            assert_eq!(weights.len(), position + 1);
            let total: f64 = weights.iter().sum();
            assert!((total - 1.0).abs() < 1e-15);
        }
    }
    assert_eq!(memory.keys.len(), tokens.len());
}

#[test]
fn rms_norm_makes_the_mean_square_1() {
    let x = [3.0, -4.0, 0.5, 2.0];
    let y = rms_norm(&mut Numbers, &x);
    let mean_square = y.iter().map(|y| y * y).sum::<f64>() / 4.0;
    assert!((mean_square - 1.0).abs() < 1e-5);
}

#[test]
fn a_model_has_4192_weights_and_map_keeps_their_order() {
    let (_, gpt, _) = start();
    assert_eq!(gpt.parameters().count(), 4192);
    let doubled = gpt.map(|w| 2.0 * w);
    let pairs = gpt.parameters().zip(doubled.parameters());
    assert!(pairs.into_iter().all(|(a, b)| 2.0 * a == *b));
}

#[test]
#[should_panic(expected = "names are a–z only, not 'A'")]
fn a_capital_letter_is_refused() {
    encode("Anna");
}

#[test]
fn a_model_from_its_own_matrices_is_the_same_model() {
    let (_, gpt, _) = start();
    let copy = Gpt::from_matrices(gpt.matrices().map(Clone::clone));
    assert!(gpt.parameters().eq(copy.parameters()));
}

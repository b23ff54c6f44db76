// Generated from chapters/10-live.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: c91f459133e161c4
//! Tests: the module the page loads trains as chapter 10 does, and the
//! grid's scores are the network's.

use std::process::Command;

use ch10_live::module::{PATH, Wasm};
use micrograd::nn::Mlp;

#[test]
fn in_wasm() {
    let output = Command::new(env!("CARGO_BIN_EXE_ch10-in-wasm"))
        .output()
        .expect("the program runs");
    assert!(output.status.success(), "ch10-in-wasm failed");
    let printed = String::from_utf8(output.stdout).expect("UTF-8");
    insta::assert_snapshot!(printed);
}

#[test]
fn the_module_trains_as_chapter_10_does() {
    let bytes = std::fs::read(PATH).expect("the module is built");
    let mut wasm = Wasm::new(&bytes).expect("the module loads");
    let python = ch10_moons::original::load().steps;
    let _: u32 = wasm.call("start_original", ()).unwrap();
    ch10_live::start_original();
    for (step, python) in (0..3).zip(python) {
        let rate = ch10_live::chapter_rate(step);
        let in_wasm: f64 = wasm.call("train", (1u32, rate)).unwrap();
        let native = ch10_live::train(1, rate);
        assert_eq!(in_wasm.to_bits(), native.to_bits(), "step {step}");
        assert_eq!(in_wasm.to_bits(), python.loss.to_bits(), "step {step}");
    }
}

#[test]
fn a_panic_traps_and_leaves_the_state_borrowed() {
    let bytes = std::fs::read(PATH).expect("the module is built");
    let mut wasm = Wasm::new(&bytes).expect("the module loads");
    // No start yet: `with_live`'s `expect` panics, inside the borrow.
    assert!(wasm.call::<(), u32>("steps", ()).is_err());
    // The borrow was never given back, so even a start traps now.
    assert!(wasm.call::<(), u32>("start_original", ()).is_err());
}

#[test]
fn score_is_predict_without_the_graph() {
    let original = ch10_moons::original::load();
    let model = ch10_moons::network_with(&original.parameters);
    let same_bits = |model: &Mlp, x: [f64; 2]| {
        let predicted = model.predict(&x).data();
        let scored = ch10_live::score(model, x);
        assert_eq!(scored.to_bits(), predicted.to_bits(), "at {x:?}");
    };
    for sample in &original.points {
        same_bits(&model, sample.x);
    }
    // Trained, and across the part of the plane the page draws.
    ch10_moons::train(&model, &original.points);
    for i in 0..=16 {
        for j in 0..=10 {
            same_bits(&model, [-1.5 + 0.25 * i as f64, -1.0 + 0.25 * j as f64]);
        }
    }
}

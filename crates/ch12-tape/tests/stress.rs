// Generated from chapters/12-stress.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: a550e60f44ef7f39
//! The stress test: every engine's grads against central differences on
//! 10,000 random graphs, and every mutant caught.

use ch12_tape::stress;

/// 10,000 random graphs, every engine's grads passing chapter 7's gradient
/// checker. An input the output does not reach gets 0 under any rules, and
/// a grad of 0 tests no share's size; so the test counts the grads not 0,
/// six engines × 13,434 = 80,604: the floor of 60,000 catches a change to
/// the generator that leaves far fewer.
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

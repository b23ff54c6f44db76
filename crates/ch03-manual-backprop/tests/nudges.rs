// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 31310c5e311b63e1
//! A nudge must name a value of the expression it nudges.

use ch03_manual_backprop::expressions::LGraph;

#[test]
#[should_panic(expected = "which is no value's label")]
fn a_nudge_must_name_a_value() {
    LGraph::build_nudged(Some(("ee", 0.001)));
}

// Generated from chapters/03-manual-backprop.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: ad3e3a71e804f7cd
//! A nudge must name a value of the expression it nudges.

use ch03_manual_backprop::expressions::LGraph;

#[test]
#[should_panic(expected = "how many values the nudge \"ee\" names")]
fn a_nudge_must_name_a_value() {
    LGraph::build_nudged(Some(("ee", 0.001)));
}

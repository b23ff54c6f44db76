// Generated from chapters/appendix-engine.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: a17c9d2e9ab5010c
//! Nothing but a test: the line count of micrograd's engine, for the appendix
//! "The whole engine".

// Generated from chapters/appendix-engine.md by `cargo xtask tangle`: edit the chapter, not this file.
//! Nothing but a test: the line count of micrograd's engine, for the appendix
//! "The whole engine".

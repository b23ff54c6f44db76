// Generated from chapters/11-steps.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: c6bfedde1570d611
//! `ch11-each-step` with mimalloc as the allocator: the same program,
//! compiled a second time, since a binary has one global allocator.

#[global_allocator]
static MIMALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "ch11-each-step.rs"]
mod each_step;

fn main() {
    each_step::main();
}

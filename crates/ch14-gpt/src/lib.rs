//! Chapter 14: a GPT, trained on our own engine.

pub mod engine;
pub mod model;
pub mod names;
pub mod train;

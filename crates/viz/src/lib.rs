//! Drawing for the book, shared by every chapter crate.
//!
//! - [`graph`]: an expression graph as DOT text, and DOT rendered to SVG.
//! - [`plot`]: line plots of functions and curves, as SVG.
//! - [`heatmap`]: attention weights as heat maps, one panel per head, as SVG.
//!
//! Everything here is deterministic: the same input gives the same bytes.

pub mod font;
pub mod graph;
pub mod heatmap;
pub mod network;
pub mod plot;
mod render;
pub mod scatter;

pub use graph::{Expr, dot_to_svg, to_dot, to_dot_highlighting};
pub use plot::Plot;

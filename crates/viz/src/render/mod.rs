//! DOT text laid out in layers, top to bottom, and drawn as SVG.
//!
//! The DOT this reads is the part of the language that expression graphs
//! need: `digraph { … }` with `node [...]`/`edge [...]` defaults, node
//! statements, edge chains `a -> b -> c [...]`, and `graph` attributes
//! (read and ignored). Node shapes: `record` (fields split by `|`, in a row,
//! or stacked when the label is wrapped in `{ }`), `box`, and anything else
//! drawn as an ellipse (a circle when its text is short). Attributes used:
//! `label`, `fontsize`, `style=filled` with `fillcolor`, and an edge's
//! `label`.
//!
//! The layout is the classic layered one: each node gets a rank (its longest
//! path to an output, so every input sits just above its first use), long
//! edges pass through invisible points, nodes are ordered within their rank
//! by the positions of their neighbours, then placed as close to the mean of
//! their neighbours as their widths allow, in two ways (see `Placement`) of
//! which the narrower drawing is kept. Edge labels are set beside their own
//! arrow, clear of nodes, of other labels and of other arrows; where they
//! cannot be, the gap below that rank grows (see `place_labels`). A hyphen
//! that stands for a minus is drawn as the minus sign "−". All of it is plain
//! arithmetic in a fixed order: the same DOT gives the same bytes.

mod dot;
mod draw;
mod labels;
mod layout;
mod shape;
#[cfg(test)]
mod tests;

use dot::parse;
use layout::Layout;

/// Renders DOT text to an SVG document.
pub fn dot_to_svg(dot: &str) -> Result<String, String> {
    let graph = parse(dot)?;
    let layout = Layout::new(&graph)?;
    Ok(layout.svg(&graph))
}

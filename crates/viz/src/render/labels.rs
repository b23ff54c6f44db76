//! Where edge labels go: beside their own arrow, clear of the rest.

use super::dot::{Graph, unescape};
use super::draw::{Point, at, bows};
use super::layout::Layout;
use super::shape::font_size;
use crate::font;

/// How far an edge label's text starts from its edge.
const LABEL_OFFSET: f64 = 5.0;
/// The least space between two edge labels, so that each reads alone.
pub(super) const LABEL_GAP: f64 = 8.0;
/// How close another edge may pass to a label before the label moves.
pub(super) const LABEL_CLEARANCE: f64 = 10.0;
/// Where along its edge's first piece a label may go, in order of preference.
const LABEL_SPOTS: [f64; 7] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8];
/// How many points of each piece of a curve are tested against label boxes.
const CURVE_SAMPLES: usize = 32;

impl Layout {
    /// Where each edge's label goes: beside the first piece of its curve, at
    /// the first of a few spots (the middle first, on the side the edge bows
    /// to first) that overlaps no node and no label placed before it, and that
    /// no other edge passes through or near, so that each label sits clearly
    /// by its own arrow. Failing that, the first spot that at least overlaps
    /// no node and no label; failing that too, the middle.
    pub(super) fn place_labels(&self, graph: &Graph) -> Vec<Option<Label>> {
        let bows = bows(graph);
        let curves = self.curves(graph);
        let nodes: Vec<Bounds> = (0..self.looks.len())
            .map(|n| {
                let (cx, cy) = self.centre(n);
                let (w, h) = (self.looks[n].width, self.looks[n].height);
                Bounds::around((cx, cy), w / 2.0, h / 2.0)
            })
            .collect();
        let samples: Vec<Vec<Point>> = curves
            .iter()
            .map(|pieces| {
                pieces
                    .iter()
                    .flat_map(|piece| {
                        (0..=CURVE_SAMPLES)
                            .map(|k| at(piece, k as f64 / CURVE_SAMPLES as f64))
                    })
                    .collect()
            })
            .collect();
        let mut placed: Vec<Bounds> = vec![];
        let mut labels = vec![];
        for (i, edge) in graph.edges.iter().enumerate() {
            let text = edge.attrs.get("label").map(|l| unescape(l));
            let Some(text) = text.filter(|t| !t.is_empty()) else {
                labels.push(None);
                continue;
            };
            let size = font_size(&edge.attrs, 12.0);
            let width = font::width(&text, size);
            let first_side =
                if bows[i] < 0.0 { Side::Left } else { Side::Right };
            let spots: Vec<(Point, Side, Bounds)> = LABEL_SPOTS
                .iter()
                .flat_map(|&t| [(t, first_side), (t, first_side.other())])
                .map(|(t, side)| {
                    let point = at(&curves[i][0], t);
                    // Where the edge slants across the line of text, the
                    // text starts beyond it.
                    let reach = size / 2.0 + 1.0;
                    let beside = samples[i]
                        .iter()
                        .filter(|p| (p.1 - point.1).abs() <= reach)
                        .map(|p| p.0);
                    let edge = match side {
                        Side::Left => beside.fold(point.0, f64::min),
                        Side::Right => beside.fold(point.0, f64::max),
                    };
                    let anchor = (edge + side.offset(), point.1);
                    (anchor, side, side.bounds(anchor, width, size))
                })
                .collect();
            let free = |b: &Bounds| {
                let spaced = b.grown(LABEL_GAP / 2.0);
                !placed
                    .iter()
                    .any(|other| other.grown(LABEL_GAP / 2.0).overlaps(&spaced))
                    && !nodes.iter().any(|node| node.overlaps(b))
            };
            let clear_of_edges = |b: &Bounds| {
                samples.iter().enumerate().all(|(j, points)| {
                    let margin = if j == i { 0.5 } else { LABEL_CLEARANCE };
                    let zone = b.grown(margin);
                    !points.iter().any(|&p| zone.contains(p))
                })
            };
            let clear =
                spots.iter().find(|s| free(&s.2) && clear_of_edges(&s.2));
            let &(anchor, side, _) = clear
                .or_else(|| spots.iter().find(|s| free(&s.2)))
                .unwrap_or(&spots[0]);
            let clear = clear.is_some();
            let label = Label { text, size, anchor, side, clear };
            placed.push(label.bounds());
            labels.push(Some(label));
        }
        labels
    }
}

/// An axis-aligned box: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Bounds {
    pub(super) left: f64,
    pub(super) top: f64,
    pub(super) right: f64,
    pub(super) bottom: f64,
}

impl Bounds {
    pub(super) fn around(
        centre: Point,
        half_width: f64,
        half_height: f64,
    ) -> Bounds {
        Bounds {
            left: centre.0 - half_width,
            top: centre.1 - half_height,
            right: centre.0 + half_width,
            bottom: centre.1 + half_height,
        }
    }

    pub(super) fn grown(&self, by: f64) -> Bounds {
        Bounds {
            left: self.left - by,
            top: self.top - by,
            right: self.right + by,
            bottom: self.bottom + by,
        }
    }

    pub(super) fn overlaps(&self, other: &Bounds) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    pub(super) fn contains(&self, (x, y): Point) -> bool {
        self.left <= x && x <= self.right && self.top <= y && y <= self.bottom
    }
}

/// Which side of its edge a label is set on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Side {
    Left,
    Right,
}

impl Side {
    pub(super) fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }

    /// How far the text starts from the edge, toward this side.
    pub(super) fn offset(self) -> f64 {
        match self {
            Side::Left => -LABEL_OFFSET,
            Side::Right => LABEL_OFFSET,
        }
    }

    /// The box of a label `width` wide, set at `size` px with its end on
    /// the edge's side at `anchor` (its vertical centre there too).
    pub(super) fn bounds(self, anchor: Point, width: f64, size: f64) -> Bounds {
        let (x, y) = anchor;
        let (left, right) = match self {
            Side::Left => (x - width, x),
            Side::Right => (x, x + width),
        };
        let half_height = size / 2.0;
        Bounds { left, top: y - half_height, right, bottom: y + half_height }
    }
}

/// An edge's label, placed.
#[derive(Debug, Clone)]
pub(super) struct Label {
    pub(super) text: String,
    pub(super) size: f64,
    /// Where its end nearer the edge is, at the height of its centre.
    pub(super) anchor: Point,
    pub(super) side: Side,
    /// Whether it found a spot clear of the other edges.
    pub(super) clear: bool,
}

impl Label {
    pub(super) fn bounds(&self) -> Bounds {
        self.side.bounds(
            self.anchor,
            font::width(&self.text, self.size),
            self.size,
        )
    }
}

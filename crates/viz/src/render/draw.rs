//! The laid-out graph written as SVG: edges as curves with their labels,
//! then nodes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::dot::Graph;
use super::labels::{Label, Side};
use super::layout::Layout;
use super::shape::{Look, Shape};
use crate::font::{self, escape, num};

const INK: &str = "#1f1f1f";
const LINE: &str = "#3a3a3a";

impl Layout {
    pub(super) fn svg(&self, graph: &Graph) -> String {
        let mut body = String::new();
        let mut chars: BTreeSet<char> = BTreeSet::new();
        for (curve, label) in self.curves(graph).iter().zip(&self.labels) {
            draw_edge(&mut body, curve, label.as_ref());
            chars.extend(label.iter().flat_map(|l| l.text.chars()));
        }
        for (n, look) in self.looks.iter().enumerate() {
            self.node(&mut body, n, look);
            match &look.shape {
                Shape::Record { fields, .. } => {
                    chars.extend(fields.iter().flat_map(|f| f.0.chars()))
                }
                Shape::Ellipse(t) | Shape::Box(t) => chars.extend(t.chars()),
            }
        }
        let (w, h) = (num(self.width), num(self.height));
        let css = format!(
            "text{{fill:{INK}}}\n\
             .e{{fill:none;stroke:{LINE};stroke-width:1.3}}\n\
             .n{{stroke:{LINE};stroke-width:1.3}}\n\
             .l{{paint-order:stroke;stroke:#fff;stroke-width:4px;\
             stroke-linejoin:round}}\n"
        );
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" \
             height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n{}\
             <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" \
             refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" \
             markerUnits=\"userSpaceOnUse\" orient=\"auto\">\
             <path d=\"M0,1 L10,5 L0,9 z\" fill=\"{LINE}\"/></marker></defs>\n\
             <rect width=\"{w}\" height=\"{h}\" rx=\"6\" fill=\"#ffffff\"/>\n\
             {body}</svg>\n",
            font::style(chars, &css)
        )
    }

    /// Each edge's curve.
    pub(super) fn curves(&self, graph: &Graph) -> Vec<Vec<Piece>> {
        self.paths
            .iter()
            .zip(bows(graph))
            .map(|(path, bow)| self.curve(path, bow))
            .collect()
    }

    /// The pieces of the curve an edge is drawn as, through the items of its
    /// `path`, its first piece bowed sideways by `bow`.
    pub(super) fn curve(&self, path: &[usize], bow: f64) -> Vec<Piece> {
        let (first, last) = (path[0], path[path.len() - 1]);
        let mut points: Vec<Point> =
            path.iter().map(|&i| self.centre(i)).collect();
        // A box's edges leave and enter it where it lies above or below the
        // other end, if it can, so that short edges run straight down.
        let along_box = |item: usize, toward: f64| {
            let (x, _) = self.centre(item);
            let half =
                self.looks[self.items[item].node.unwrap_or(0)].width / 2.0;
            let inset = half.min(8.0);
            toward.clamp(x - half + inset, x + half - inset)
        };
        let on_ellipse = |item: usize, guide: Point| {
            let look = &self.looks[self.items[item].node.unwrap_or(0)];
            let (cx, cy) = self.centre(item);
            let (rx, ry) = (look.width / 2.0, look.height / 2.0);
            let (vx, vy) = (guide.0 - cx, guide.1 - cy);
            let t = 1.0 / ((vx / rx).powi(2) + (vy / ry).powi(2)).sqrt();
            (cx + vx * t, cy + vy * t)
        };
        let is_ellipse = |item: usize| {
            let node = self.items[item].node.unwrap_or(0);
            matches!(self.looks[node].shape, Shape::Ellipse(_))
        };
        let n = points.len();
        let (next, previous) = (points[1], points[n - 2]);
        points[0] = if is_ellipse(first) {
            on_ellipse(first, (next.0 + bow, next.1))
        } else {
            let (_, y) = self.centre(first);
            let h = self.looks[self.items[first].node.unwrap_or(0)].height;
            (along_box(first, next.0 + bow * 0.3), y + h / 2.0)
        };
        let look = &self.looks[self.items[last].node.unwrap_or(0)];
        let (cx, cy) = self.centre(last);
        points[n - 1] = if is_ellipse(last) {
            on_ellipse(last, (previous.0 + bow, previous.1))
        } else {
            let start = if n == 2 { points[0].0 } else { previous.0 };
            (along_box(last, start + bow * 0.3), cy - look.height / 2.0)
        };
        let mut pieces = vec![];
        for (i, pair) in points.windows(2).enumerate() {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            let reach = (y1 - y0) * 0.5;
            let c1 = (x0 + if i == 0 { bow } else { 0.0 }, y0 + reach);
            let c2 = if i + 2 == points.len() {
                // Arrive pointing at the target's centre.
                let (dx, dy) = (x1 - cx, y1 - cy);
                let length = (dx * dx + dy * dy).sqrt().max(1e-9);
                let along = if matches!(look.shape, Shape::Ellipse(_)) {
                    (dx / length * reach, dy / length * reach)
                } else {
                    (0.0, -reach)
                };
                (x1 + along.0 + if i == 0 { 0.0 } else { bow }, y1 + along.1)
            } else {
                (x1, y1 - reach)
            };
            pieces.push([(x0, y0), c1, c2, (x1, y1)]);
        }
        pieces
    }

    pub(super) fn node(&self, out: &mut String, n: usize, look: &Look) {
        let (cx, cy) = self.centre(n);
        let (w, h) = (look.width, look.height);
        let (left, top) = (cx - w / 2.0, cy - h / 2.0);
        let size = look.size;
        let fill = escape(&look.fill);
        let text = |out: &mut String, x: f64, y: f64, t: &str, ink: bool| {
            let baseline = if ink {
                font::baseline_below_ink_centre(t, size)
            } else {
                font::baseline_below_centre(size)
            };
            writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" \
                 text-anchor=\"middle\">{}</text>",
                num(x),
                num(y + baseline),
                num(size),
                escape(t)
            )
            .unwrap();
        };
        // The rounded box of a record or a box.
        let frame = |out: &mut String| {
            writeln!(
                out,
                "<rect class=\"n\" x=\"{}\" y=\"{}\" width=\"{}\" \
                 height=\"{}\" rx=\"4\" fill=\"{fill}\"/>",
                num(left),
                num(top),
                num(w),
                num(h)
            )
            .unwrap();
        };
        match &look.shape {
            Shape::Record { fields, stacked } => {
                frame(out);
                let row = h / fields.len() as f64;
                let mut at = if *stacked { top } else { left };
                for (i, (t, fw)) in fields.iter().enumerate() {
                    if i > 0 {
                        let d = if *stacked {
                            format!(
                                "M{},{} H{}",
                                num(left),
                                num(at),
                                num(left + w)
                            )
                        } else {
                            format!(
                                "M{},{} V{}",
                                num(at),
                                num(top),
                                num(top + h)
                            )
                        };
                        writeln!(out, "<path class=\"n\" d=\"{d}\"/>").unwrap();
                    }
                    if *stacked {
                        text(out, cx, at + row / 2.0, t, false);
                        at += row;
                    } else {
                        text(out, at + fw / 2.0, cy, t, false);
                        at += fw;
                    }
                }
            }
            Shape::Box(t) => {
                frame(out);
                text(out, cx, cy, t, false);
            }
            Shape::Ellipse(t) => {
                writeln!(
                    out,
                    "<ellipse class=\"n\" cx=\"{}\" cy=\"{}\" rx=\"{}\" \
                     ry=\"{}\" fill=\"{fill}\"/>",
                    num(cx),
                    num(cy),
                    num(w / 2.0),
                    num(h / 2.0)
                )
                .unwrap();
                // A lone sign such as * sits high in its line: centre its ink.
                text(out, cx, cy, t, t.chars().count() == 1);
            }
        }
    }
}

/// A point of the drawing, and one cubic Bézier piece of an edge's curve:
/// start, two control points, end.
pub(super) type Point = (f64, f64);
pub(super) type Piece = [Point; 4];

/// The point at `t` (0 to 1) along a piece.
pub(super) fn at(piece: &Piece, t: f64) -> Point {
    let [p0, c1, c2, p1] = piece;
    if t == 0.5 {
        // The middle, in the form that earlier drawings were made with, so
        // that their bytes stay the same.
        return (
            (p0.0 + 3.0 * c1.0 + 3.0 * c2.0 + p1.0) / 8.0,
            (p0.1 + 3.0 * c1.1 + 3.0 * c2.1 + p1.1) / 8.0,
        );
    }
    let s = 1.0 - t;
    let (a, b, c, d) = (s * s * s, 3.0 * s * s * t, 3.0 * s * t * t, t * t * t);
    (
        a * p0.0 + b * c1.0 + c * c2.0 + d * p1.0,
        a * p0.1 + b * c1.1 + c * c2.1 + d * p1.1,
    )
}

/// How far sideways each edge's first piece bows: edges between the same two
/// nodes (a + a) are bowed apart, 34 px from each other.
pub(super) fn bows(graph: &Graph) -> Vec<f64> {
    let mut parallel: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, edge) in graph.edges.iter().enumerate() {
        parallel.entry((edge.from, edge.to)).or_default().push(i);
    }
    graph
        .edges
        .iter()
        .enumerate()
        .map(|(i, edge)| {
            let siblings = &parallel[&(edge.from, edge.to)];
            let index = siblings.iter().position(|&s| s == i).unwrap_or(0);
            (index as f64 - (siblings.len() as f64 - 1.0) / 2.0) * 34.0
        })
        .collect()
}

/// Writes an edge's curve, then its label if it has one.
fn draw_edge(out: &mut String, curve: &[Piece], label: Option<&Label>) {
    let start = curve[0][0];
    let mut d = format!("M{},{}", num(start.0), num(start.1));
    for [_, c1, c2, end] in curve {
        write!(
            d,
            " C{},{} {},{} {},{}",
            num(c1.0),
            num(c1.1),
            num(c2.0),
            num(c2.1),
            num(end.0),
            num(end.1)
        )
        .unwrap();
    }
    writeln!(out, "<path class=\"e\" d=\"{d}\" marker-end=\"url(#arrow)\"/>")
        .unwrap();
    if let Some(label) = label {
        let anchor = match label.side {
            Side::Left => "end",
            Side::Right => "start",
        };
        writeln!(
            out,
            "<text class=\"l\" x=\"{}\" y=\"{}\" font-size=\"{}\" \
             text-anchor=\"{anchor}\">{}</text>",
            num(label.anchor.0),
            num(label.anchor.1 + font::baseline_below_centre(label.size)),
            num(label.size),
            escape(&label.text)
        )
        .unwrap();
    }
}

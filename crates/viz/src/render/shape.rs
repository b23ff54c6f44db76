//! How each node looks: its shape, its text and its size.

use std::collections::BTreeMap;

use super::dot::{Node, record_fields, unescape};
use crate::font;

const DEFAULT_FONT_SIZE: f64 = 14.0;

#[derive(Debug)]
pub(super) enum Shape {
    Record { fields: Vec<(String, f64)>, stacked: bool },
    Ellipse(String),
    Box(String),
}

#[derive(Debug)]
pub(super) struct Look {
    pub(super) shape: Shape,
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) size: f64,
    pub(super) fill: String,
}

pub(super) fn font_size(attrs: &BTreeMap<String, String>, default: f64) -> f64 {
    attrs
        .get("fontsize")
        .and_then(|s| s.parse().ok())
        .filter(|s: &f64| *s > 0.0)
        .unwrap_or(default)
}

pub(super) fn look(node: &Node) -> Look {
    let size = font_size(&node.attrs, DEFAULT_FONT_SIZE);
    let label = node.attrs.get("label").map_or("", String::as_str);
    let filled = node.attrs.get("style").is_some_and(|s| s.contains("filled"));
    let fill = if filled {
        node.attrs.get("fillcolor").cloned().unwrap_or("#dddddd".into())
    } else {
        "#ffffff".into()
    };
    let line = size * 1.8;
    let pad = size * 0.45;
    let (shape, width, height) =
        match node.attrs.get("shape").map_or("ellipse", String::as_str) {
            "record" | "Mrecord" => {
                let (texts, stacked) = record_fields(label);
                let fields: Vec<(String, f64)> = texts
                    .into_iter()
                    .map(|t| {
                        let w = font::width(&t, size) + 2.0 * pad;
                        (t, w)
                    })
                    .collect();
                let (width, height) = if stacked {
                    let widest = fields.iter().map(|f| f.1).fold(0.0, f64::max);
                    (widest, line * fields.len() as f64)
                } else {
                    (fields.iter().map(|f| f.1).sum(), line)
                };
                (Shape::Record { fields, stacked }, width, height)
            }
            "box" | "rect" | "rectangle" | "square" | "plaintext" => {
                let text = unescape(label);
                let width = font::width(&text, size) + 2.0 * pad;
                (Shape::Box(text), width, line)
            }
            _ => {
                let text = unescape(label);
                let height = size * 1.75;
                let width = (font::width(&text, size) + size).max(height);
                (Shape::Ellipse(text), width, height)
            }
        };
    Look { shape, width, height, size, fill }
}

//! Expression graphs: walk a chapter's `Value` graph into DOT text, render DOT to SVG.
//!
//! Each chapter has its own `Value` type; it implements [`Expr`] so that one drawing
//! routine serves them all.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use layout::backends::svg::SVGWriter;
use layout::gv::{DotParser, GraphBuilder};

/// What the drawing needs to know about a node of an expression graph.
pub trait Expr: Clone {
    /// Identifies the node this handle points to: two handles to one node give one id.
    fn id(&self) -> usize;
    /// The nodes this one was computed from, in operand order.
    fn children(&self) -> Vec<Self>;
    /// The operation that produced this node, or `""` for an input.
    fn op(&self) -> String;
    /// The name given to the node, or `""`.
    fn label(&self) -> String;
    fn data(&self) -> f64;
    /// The node's gradient, once the chapter has one (from chapter 3 on).
    fn grad(&self) -> Option<f64> {
        None
    }
}

/// The graph under `root` as DOT text, inputs on top and `root` at the bottom.
///
/// Nodes are numbered in the order a depth-first walk (operands left to right) first
/// finishes them, so the text depends only on the graph's shape, never on addresses.
pub fn to_dot<E: Expr>(root: &E) -> String {
    let nodes = postorder(root);
    let index: HashMap<usize, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id(), i)).collect();
    let mut dot = String::from("digraph {\n  node [fontsize=14];\n");
    for (i, node) in nodes.iter().enumerate() {
        let mut fields = vec![escape(&node.label()), format!("data {}", four_places(node.data()))];
        if let Some(grad) = node.grad() {
            fields.push(format!("grad {}", four_places(grad)));
        }
        writeln!(dot, "  n{i} [shape=record, label=\"{{ {} }}\"];", fields.join(" | ")).unwrap();
        let op = node.op();
        if !op.is_empty() {
            writeln!(dot, "  n{i}op [shape=circle, label=\"{}\"];", escape(&op)).unwrap();
            let children = node.children();
            for (position, child) in children.iter().enumerate() {
                // An operand used twice (a + a) gets two arrows; labels keep the layout from
                // drawing them on top of each other.
                let reused = children.iter().filter(|c| c.id() == child.id()).count() > 1;
                let label = if reused {
                    format!(" [label=\"use {}\"]", position + 1)
                } else {
                    String::new()
                };
                writeln!(dot, "  n{} -> n{i}op{label};", index[&child.id()]).unwrap();
            }
            writeln!(dot, "  n{i}op -> n{i};").unwrap();
        }
    }
    dot.push_str("}\n");
    dot
}

/// Renders DOT text to an SVG document.
pub fn dot_to_svg(dot: &str) -> Result<String, String> {
    let graph = DotParser::new(dot).process()?;
    let mut builder = GraphBuilder::new();
    builder.visit_graph(&graph);
    let mut visual = builder.get();
    let mut svg = SVGWriter::new();
    visual.do_it(false, false, false, &mut svg);
    Ok(svg.finalize())
}

/// Every node reachable from `root`, each once, children before parents.
/// Iterative, so a deep graph cannot overflow the stack.
fn postorder<E: Expr + Clone>(root: &E) -> Vec<E> {
    let mut seen = HashSet::from([root.id()]);
    let mut order = Vec::new();
    // A frame is a node and its children still to visit, reversed so that `pop` takes them in order.
    let mut stack = vec![(root.clone(), reversed(root.children()))];
    while let Some((_, children)) = stack.last_mut() {
        match children.pop() {
            Some(child) => {
                if seen.insert(child.id()) {
                    let grandchildren = reversed(child.children());
                    stack.push((child, grandchildren));
                }
            }
            None => order.extend(stack.pop().map(|(node, _)| node)),
        }
    }
    order
}

fn reversed<T>(mut items: Vec<T>) -> Vec<T> {
    items.reverse();
    items
}

/// Four decimal places, as the lecture's pictures show them; never "-0.0000".
fn four_places(x: f64) -> String {
    let text = format!("{x:.4}");
    match text.strip_prefix('-') {
        Some(digits) if digits.bytes().all(|b| b == b'0' || b == b'.') => digits.to_string(),
        _ => text,
    }
}

/// Escapes the characters that are syntax inside a DOT record label.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if matches!(c, '{' | '}' | '|' | '<' | '>' | '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

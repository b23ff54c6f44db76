//! Expression graphs: walk a chapter's `Value` graph into DOT text, render DOT to SVG.
//!
//! Each chapter has its own `Value` type; it implements [`Expr`] so that one drawing
//! routine serves them all.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

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
    to_dot_highlighting(root, |_| false)
}

/// Like [`to_dot`], with the value boxes for which `highlight` is true filled in colour.
pub fn to_dot_highlighting<E: Expr>(
    root: &E,
    highlight: impl Fn(&E) -> bool,
) -> String {
    let nodes = postorder(root);
    let index: HashMap<usize, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id(), i)).collect();
    let mut dot = String::from("digraph {\n  node [fontsize=13];\n");
    for (i, node) in nodes.iter().enumerate() {
        // One row, as the lecture draws it: label | data | grad.
        let mut fields = vec![];
        if !node.label().is_empty() {
            fields.push(escape(&node.label()));
        }
        fields.push(format!("data {}", short(node.data())));
        if let Some(grad) = node.grad() {
            fields.push(format!("grad {}", short(grad)));
        }
        let fill = if highlight(node) {
            "style=filled, fillcolor=\"#f6dd8b\", "
        } else {
            ""
        };
        writeln!(
            dot,
            "  n{i} [shape=record, {fill}label=\"{}\"];",
            fields.join(" | ")
        )
        .unwrap();
        let op = node.op();
        if !op.is_empty() {
            writeln!(
                dot,
                "  n{i}op [shape=circle, label=\"{}\"];",
                escape(&op_label(node, &op))
            )
            .unwrap();
            let children = node.children();
            for (position, child) in children.iter().enumerate() {
                // An operand used twice (a + a) gets two arrows; labels keep
                // the layout from drawing them on top of each other.
                let reused =
                    children.iter().filter(|c| c.id() == child.id()).count()
                        > 1;
                let label = if reused {
                    format!(" [label=\"use {}\"]", position + 1)
                } else {
                    String::new()
                };
                writeln!(dot, "  n{} -> n{i}op{label};", index[&child.id()])
                    .unwrap();
            }
            writeln!(dot, "  n{i}op -> n{i};").unwrap();
        }
    }
    dot.push_str("}\n");
    dot
}

/// Renders DOT text to an SVG document (the `render` module says which DOT it
/// reads and how it lays the graph out).
pub fn dot_to_svg(dot: &str) -> Result<String, String> {
    crate::render::dot_to_svg(dot)
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

/// At most four decimal places, as the lecture's pictures round them, with
/// trailing zeros dropped and a true minus sign, as the prose writes numbers:
/// 2, −3, 0.5, 0.7071. Never "−0".
pub fn short(x: f64) -> String {
    let text = format!("{x:.4}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    match text.strip_prefix('-') {
        Some("0") => "0".to_string(),
        Some(digits) => format!("\u{2212}{digits}"),
        None => text.to_string(),
    }
}

/// The text of an op node. The engine names `pow` without its exponent;
/// recovered from the data (out = base^k), it is shown, as in "pow −1".
fn op_label<E: Expr>(node: &E, op: &str) -> String {
    let children = node.children();
    let [base] = children.as_slice() else {
        return op.to_string();
    };
    if op != "pow" {
        return op.to_string();
    }
    let (b, out) = (base.data(), node.data());
    let k = out.abs().ln() / b.abs().ln();
    let k = (k * 1e4).round() / 1e4;
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(1.0);
    if k.is_finite() && close(b.powf(k), out) {
        format!("pow {}", short(k))
    } else {
        op.to_string()
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

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;

    /// The smallest expression type: a node is its label, data, op and children.
    #[derive(Clone)]
    struct Node(Rc<(&'static str, f64, &'static str, Vec<Node>)>);

    impl Expr for Node {
        fn id(&self) -> usize {
            Rc::as_ptr(&self.0) as usize
        }
        fn children(&self) -> Vec<Node> {
            self.0.3.clone()
        }
        fn op(&self) -> String {
            self.0.2.to_string()
        }
        fn label(&self) -> String {
            self.0.0.to_string()
        }
        fn data(&self) -> f64 {
            self.0.1
        }
    }

    fn input(label: &'static str, data: f64) -> Node {
        Node(Rc::new((label, data, "", vec![])))
    }

    fn op(
        label: &'static str,
        data: f64,
        op: &'static str,
        children: Vec<Node>,
    ) -> Node {
        Node(Rc::new((label, data, op, children)))
    }

    /// `n` tanh neurons in a row, each computing tanh(b + w·x) of the one
    /// before, as `to_dot` sees them.
    fn chain(n: usize) -> Node {
        let mut x = input("x", 2.0);
        for _ in 0..n {
            let product = op("", 1.0, "*", vec![input("w", 0.5), x]);
            let sum = op("", 1.5, "+", vec![input("b", 0.5), product]);
            x = op("", 0.9051, "tanh", vec![sum]);
        }
        x
    }

    fn width(svg: &str) -> f64 {
        let (_, rest) = svg.split_once("width=\"").unwrap();
        rest[..rest.find('"').unwrap()].parse().unwrap()
    }

    #[test]
    fn a_chain_of_neurons_is_drawn_straight_down() {
        // No rank holds more than two boxes: six neurons in a row are drawn
        // as narrow as two, each new input beside the chain.
        let widths: Vec<f64> = (1..=6)
            .map(|n| width(&dot_to_svg(&to_dot(&chain(n))).unwrap()))
            .collect();
        for w in &widths[1..] {
            assert!((w - widths[1]).abs() <= 4.0, "{widths:?}");
        }
        assert!(widths[5] < 300.0, "{widths:?}");
    }

    #[test]
    fn a_reused_node_is_drawn_once_with_labelled_arrows() {
        let a = input("a", -0.00001);
        let sum = op("s|um", 0.0, "+", vec![a.clone(), a]);
        insta::assert_snapshot!(to_dot(&sum), @r#"
        digraph {
          node [fontsize=13];
          n0 [shape=record, label="a | data 0"];
          n1 [shape=record, label="s\|um | data 0"];
          n1op [shape=circle, label="+"];
          n0 -> n1op [label="use 1"];
          n0 -> n1op [label="use 2"];
          n1op -> n1;
        }
        "#);
    }

    #[test]
    fn a_deep_graph_is_walked_without_recursion() {
        let mut node = input("x", 1.0);
        for _ in 0..100_000 {
            node = op("", 1.0, "tanh", vec![node]);
        }
        assert_eq!(postorder(&node).len(), 100_001);
        // Unlink iteratively: dropping a deep chain of Rc recursively would overflow the stack.
        let mut next = Some(node);
        while let Some(current) = next.take() {
            next = Rc::try_unwrap(current.0)
                .ok()
                .and_then(|(_, _, _, mut children)| children.pop());
        }
    }

    #[test]
    fn rendering_is_deterministic_with_the_font_embedded() {
        let product =
            op("e", -6.0, "*", vec![input("a", 2.0), input("b", -3.0)]);
        let svg = dot_to_svg(&to_dot(&product)).unwrap();
        assert_eq!(svg, dot_to_svg(&to_dot(&product)).unwrap());
        assert!(svg.contains("data \u{2212}3</text>"));
        assert!(svg.contains("@font-face{font-family:BookSans;"));
    }

    #[test]
    fn numbers_are_short_with_true_minus_signs() {
        assert_eq!(short(2.0), "2");
        assert_eq!(short(-3.0), "\u{2212}3");
        assert_eq!(short(0.88137), "0.8814");
        assert_eq!(short(-0.00001), "0");
        assert_eq!(short(10.0), "10");
    }

    #[test]
    fn a_pow_node_shows_its_exponent() {
        let base = input("x", 4.0);
        let inverse = op("", 0.25, "pow", vec![base]);
        assert!(to_dot(&inverse).contains("label=\"pow \u{2212}1\""));
        let odd = op("", 1.0, "pow", vec![input("one", 1.0)]);
        assert!(to_dot(&odd).contains("label=\"pow\""));
    }
}

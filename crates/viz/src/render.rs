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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

use crate::font::{self, escape, num};

const MARGIN: f64 = 8.0;
const NODE_GAP: f64 = 12.0;
const EDGE_GAP: f64 = 8.0;
const RANK_GAP: f64 = 26.0;
/// How hard an input used once pulls on its use when chains are kept
/// straight (other edges pull 1, or 10).
const INPUT_PULL: f64 = 0.001;
const LABELLED_RANK_GAP: f64 = 40.0;
const DEFAULT_FONT_SIZE: f64 = 14.0;
/// How much room is added below a rank, each time, where a label is crowded,
/// and at most how many times.
const ROOM_STEP: f64 = 12.0;
const MAX_ROOM_STEPS: usize = 3;
/// How far an edge label's text starts from its edge.
const LABEL_OFFSET: f64 = 5.0;
/// The least space between two edge labels, so that each reads alone.
const LABEL_GAP: f64 = 8.0;
/// How close another edge may pass to a label before the label moves.
const LABEL_CLEARANCE: f64 = 10.0;
/// Where along its edge's first piece a label may go, in order of preference.
const LABEL_SPOTS: [f64; 7] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8];
/// How many points of each piece of a curve are tested against label boxes.
const CURVE_SAMPLES: usize = 32;
const INK: &str = "#1f1f1f";
const LINE: &str = "#3a3a3a";

/// Renders DOT text to an SVG document.
pub fn dot_to_svg(dot: &str) -> Result<String, String> {
    let graph = parse(dot)?;
    let layout = Layout::new(&graph)?;
    Ok(layout.svg(&graph))
}

// ---------------------------------------------------------------- DOT input

#[derive(Debug, Default)]
struct Graph {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

#[derive(Debug)]
struct Node {
    attrs: BTreeMap<String, String>,
}

#[derive(Debug)]
struct Edge {
    from: usize,
    to: usize,
    attrs: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A name, a number, or a quoted string with its escapes kept.
    Word(String),
    Arrow,
    Punct(char),
}

fn tokens(dot: &str) -> Result<Vec<Token>, String> {
    let mut out = vec![];
    let mut chars = dot.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '/' if chars.peek() == Some(&'/') => {
                chars.by_ref().take_while(|&c| c != '\n').for_each(drop);
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' => {
                let mut word = String::new();
                loop {
                    match chars.next() {
                        None => return Err("a quoted string never ends".into()),
                        Some('"') => break,
                        Some('\\') => {
                            word.push('\\');
                            word.extend(chars.next());
                        }
                        Some(c) => word.push(c),
                    }
                }
                out.push(Token::Word(word));
            }
            '-' if matches!(chars.peek(), Some('>' | '-')) => {
                chars.next();
                out.push(Token::Arrow);
            }
            '{' | '}' | '[' | ']' | ';' | ',' | '=' | ':' => {
                out.push(Token::Punct(c))
            }
            c if c.is_alphanumeric() || matches!(c, '_' | '.' | '-') => {
                let mut word = String::from(c);
                while let Some(&c) = chars.peek() {
                    if !(c.is_alphanumeric() || matches!(c, '_' | '.')) {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                out.push(Token::Word(word));
            }
            c => return Err(format!("unexpected `{c}` in DOT")),
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    graph: Graph,
    names: HashMap<String, usize>,
    node_defaults: BTreeMap<String, String>,
    edge_defaults: BTreeMap<String, String>,
}

fn parse(dot: &str) -> Result<Graph, String> {
    let mut parser = Parser {
        tokens: tokens(dot)?,
        at: 0,
        graph: Graph::default(),
        names: HashMap::new(),
        node_defaults: BTreeMap::new(),
        edge_defaults: BTreeMap::new(),
    };
    while let Some(Token::Word(w)) = parser.peek() {
        if w == "digraph" || w == "graph" || w == "strict" {
            parser.at += 1;
        } else {
            parser.at += 1;
            break;
        }
    }
    parser.expect('{')?;
    parser.statements()?;
    Ok(parser.graph)
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        match self.next() {
            Some(Token::Punct(p)) if p == c => Ok(()),
            other => Err(format!("expected `{c}` in DOT, found {other:?}")),
        }
    }

    fn word(&mut self) -> Result<String, String> {
        match self.next() {
            Some(Token::Word(w)) => Ok(w),
            other => Err(format!("expected a name in DOT, found {other:?}")),
        }
    }

    /// Statements up to and including the closing `}`.
    fn statements(&mut self) -> Result<(), String> {
        loop {
            match self.peek().cloned() {
                None => return Err("DOT ends before its closing `}`".into()),
                Some(Token::Punct('}')) => {
                    self.at += 1;
                    return Ok(());
                }
                Some(Token::Punct(';' | ',')) => self.at += 1,
                Some(Token::Punct('{')) => {
                    self.at += 1;
                    self.statements()?;
                }
                Some(Token::Word(w)) if w == "subgraph" => {
                    self.at += 1;
                    if let Some(Token::Word(_)) = self.peek() {
                        self.at += 1;
                    }
                    self.expect('{')?;
                    self.statements()?;
                }
                Some(Token::Word(w))
                    if matches!(w.as_str(), "node" | "edge" | "graph")
                        && self.tokens.get(self.at + 1)
                            == Some(&Token::Punct('[')) =>
                {
                    self.at += 1;
                    let attrs = self.attributes()?;
                    match w.as_str() {
                        "node" => self.node_defaults.extend(attrs),
                        "edge" => self.edge_defaults.extend(attrs),
                        _ => {}
                    }
                }
                Some(Token::Word(_)) => self.node_or_edges()?,
                Some(other) => {
                    return Err(format!("unexpected {other:?} in DOT"));
                }
            }
        }
    }

    fn node_or_edges(&mut self) -> Result<(), String> {
        let first = self.word()?;
        if self.peek() == Some(&Token::Punct('=')) {
            self.at += 1;
            self.word()?;
            return Ok(());
        }
        self.port()?;
        let mut chain = vec![first];
        while self.peek() == Some(&Token::Arrow) {
            self.at += 1;
            chain.push(self.word()?);
            self.port()?;
        }
        let attrs = self.attributes()?;
        if chain.len() == 1 {
            let index = self.node(&chain[0]);
            let defaults = self.node_defaults.clone();
            let node = &mut self.graph.nodes[index];
            node.attrs.extend(defaults);
            node.attrs.extend(attrs);
            return Ok(());
        }
        let mut edge_attrs = self.edge_defaults.clone();
        edge_attrs.extend(attrs);
        for pair in chain.windows(2) {
            let (from, to) = (self.node(&pair[0]), self.node(&pair[1]));
            let attrs = edge_attrs.clone();
            self.graph.edges.push(Edge { from, to, attrs });
        }
        Ok(())
    }

    /// Skips a `:port` after a node name: edges here join node centres.
    fn port(&mut self) -> Result<(), String> {
        while self.peek() == Some(&Token::Punct(':')) {
            self.at += 1;
            self.word()?;
        }
        Ok(())
    }

    fn node(&mut self, name: &str) -> usize {
        if let Some(&index) = self.names.get(name) {
            return index;
        }
        let mut attrs = self.node_defaults.clone();
        attrs.entry("label".into()).or_insert_with(|| name.to_string());
        self.graph.nodes.push(Node { attrs });
        self.names.insert(name.to_string(), self.graph.nodes.len() - 1);
        self.graph.nodes.len() - 1
    }

    /// Zero or more `[key=value, …]` lists.
    fn attributes(&mut self) -> Result<BTreeMap<String, String>, String> {
        let mut attrs = BTreeMap::new();
        while self.peek() == Some(&Token::Punct('[')) {
            self.at += 1;
            loop {
                match self.next() {
                    Some(Token::Punct(']')) => break,
                    Some(Token::Punct(',' | ';')) => {}
                    Some(Token::Word(key)) => {
                        self.expect('=')?;
                        let value = self.word()?;
                        attrs.insert(key, value);
                    }
                    other => {
                        return Err(format!(
                            "unexpected {other:?} in a DOT attribute list"
                        ));
                    }
                }
            }
        }
        Ok(attrs)
    }
}

/// The text of a DOT string: `\x` stands for `x`, and `\n` for a line break.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'l' | 'r') => out.push(' '),
                Some(c) => out.push(c),
                None => {}
            },
            c => out.push(c),
        }
    }
    minus_signs(out.trim())
}

/// `text` with each hyphen that stands for a minus (alone, as in "e - 1", or
/// before a number, as in "-2.0") set as the true minus sign "−", as the book
/// writes it; a hyphen inside a word ("x1-w1") stays.
fn minus_signs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let starts = before.is_none_or(|b| b.is_whitespace() || b == '(');
        let sign = after.is_none_or(|a| {
            a.is_whitespace() || a.is_ascii_digit() || a == '.'
        });
        out.push(if c == '-' && starts && sign { '\u{2212}' } else { c });
    }
    out
}

/// A record label's fields, and whether they are stacked (label in `{ }`).
fn record_fields(label: &str) -> (Vec<String>, bool) {
    let trimmed = label.trim();
    let stacked = trimmed.starts_with('{') && trimmed.ends_with('}');
    let inner = if stacked { &trimmed[1..trimmed.len() - 1] } else { trimmed };
    let mut fields = vec![];
    let mut field = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                field.push('\\');
                field.extend(chars.next());
            }
            '|' => fields.push(std::mem::take(&mut field)),
            '{' | '}' => {}
            c => field.push(c),
        }
    }
    fields.push(field);
    (fields.iter().map(|f| unescape(f)).collect(), stacked)
}

// ---------------------------------------------------------------- shapes

#[derive(Debug)]
enum Shape {
    Record { fields: Vec<(String, f64)>, stacked: bool },
    Ellipse(String),
    Box(String),
}

#[derive(Debug)]
struct Look {
    shape: Shape,
    width: f64,
    height: f64,
    size: f64,
    fill: String,
}

fn font_size(attrs: &BTreeMap<String, String>, default: f64) -> f64 {
    attrs
        .get("fontsize")
        .and_then(|s| s.parse().ok())
        .filter(|s: &f64| *s > 0.0)
        .unwrap_or(default)
}

fn look(node: &Node) -> Look {
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

// ---------------------------------------------------------------- layout

/// Two ways to place the items of the ranks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Placement {
    /// Every edge pulls its ends together, and every item keeps its wanted
    /// place as firmly as any other (a point half as firmly): an op sits
    /// midway between its operands.
    Mean,
    /// As `Mean`, except that an input used once barely pulls on its use,
    /// and an item keeps its wanted place as firmly as its edges pull it
    /// (the exact least-squares step). A chain of operations then runs
    /// straight down, with each new input beside it, instead of drifting a
    /// little more with each step toward the side where inputs join it.
    Straight,
}

/// A node or an invisible point that a long edge passes through.
#[derive(Debug, Clone)]
struct Item {
    node: Option<usize>,
    width: f64,
    rank: usize,
    x: f64,
}

struct Layout {
    looks: Vec<Look>,
    items: Vec<Item>,
    ranks: Vec<Vec<usize>>,
    /// Each edge as the items it passes through, first to last.
    paths: Vec<Vec<usize>>,
    rank_top: Vec<f64>,
    /// Each edge's label, placed; `None` for an edge without one.
    labels: Vec<Option<Label>>,
    rank_height: Vec<f64>,
    width: f64,
    height: f64,
}

impl Layout {
    fn new(graph: &Graph) -> Result<Layout, String> {
        let looks: Vec<Look> = graph.nodes.iter().map(look).collect();
        let count = graph.nodes.len();
        let depth = depths(graph)?;
        let deepest = depth.iter().copied().max().unwrap_or(0);
        let mut items: Vec<Item> = (0..count)
            .map(|i| Item {
                node: Some(i),
                width: looks[i].width,
                rank: deepest - depth[i],
                x: 0.0,
            })
            .collect();
        let mut paths = vec![];
        for edge in &graph.edges {
            let (from, to) = (items[edge.from].rank, items[edge.to].rank);
            let mut path = vec![edge.from];
            for rank in from + 1..to {
                items.push(Item { node: None, width: 0.0, rank, x: 0.0 });
                path.push(items.len() - 1);
            }
            path.push(edge.to);
            paths.push(path);
        }
        let mut ranks = vec![vec![]; deepest + 1];
        for (i, item) in items.iter().enumerate() {
            ranks[item.rank].push(i);
        }
        let mut layout = Layout {
            looks,
            items,
            ranks,
            paths,
            rank_top: vec![],
            labels: vec![],
            rank_height: vec![],
            width: 0.0,
            height: 0.0,
        };
        layout.order();
        layout.place();
        // Stack the ranks; where an edge label finds no spot clear of the
        // other edges, give its gap more room and try again.
        let mut room = vec![0.0; layout.ranks.len()];
        for _ in 0..=MAX_ROOM_STEPS {
            layout.stack(graph, &room);
            layout.labels = layout.place_labels(graph);
            let crowded: BTreeSet<usize> = layout
                .labels
                .iter()
                .zip(&layout.paths)
                .filter(|(label, _)| label.as_ref().is_some_and(|l| !l.clear))
                .map(|(_, path)| layout.items[path[0]].rank)
                .collect();
            if crowded.is_empty() {
                break;
            }
            for rank in crowded {
                room[rank] += ROOM_STEP;
            }
        }
        Ok(layout)
    }

    /// The segments between adjacent ranks: (upper item, lower item).
    fn segments(&self) -> Vec<(usize, usize)> {
        self.paths
            .iter()
            .flat_map(|p| p.windows(2).map(|w| (w[0], w[1])))
            .filter(|(a, b)| self.items[*a].rank != self.items[*b].rank)
            .collect()
    }

    /// Orders each rank to keep crossings few: sweeps down and up, sorting by
    /// the mean position of each item's neighbours in the rank just done.
    fn order(&mut self) {
        let segments = self.segments();
        let mut best = self.ranks.clone();
        let mut fewest = self.crossings(&segments);
        for sweep in 0..8 {
            let down = sweep % 2 == 0;
            let order: Vec<usize> = if down {
                (1..self.ranks.len()).collect()
            } else {
                (0..self.ranks.len().saturating_sub(1)).rev().collect()
            };
            for rank in order {
                let position = self.positions();
                let mut keyed: Vec<(f64, usize)> = self.ranks[rank]
                    .iter()
                    .enumerate()
                    .map(|(i, &item)| {
                        let neighbours: Vec<f64> = segments
                            .iter()
                            .filter_map(|&(a, b)| match down {
                                true if b == item => Some(position[a]),
                                false if a == item => Some(position[b]),
                                _ => None,
                            })
                            .collect();
                        let key = if neighbours.is_empty() {
                            i as f64
                        } else {
                            neighbours.iter().sum::<f64>()
                                / neighbours.len() as f64
                        };
                        (key, item)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
                self.ranks[rank] = keyed.into_iter().map(|(_, i)| i).collect();
            }
            let crossings = self.crossings(&segments);
            if crossings < fewest {
                fewest = crossings;
                best = self.ranks.clone();
            }
        }
        self.ranks = best;
        // Then swap neighbours in a rank wherever that removes crossings; a
        // swap in rank r changes only the crossings just above and below it.
        let mut between: Vec<Vec<(usize, usize)>> =
            vec![vec![]; self.ranks.len()];
        for &(a, b) in &segments {
            between[self.items[a].rank].push((a, b));
        }
        let mut position = self.positions();
        let around = |rank: usize, position: &[f64]| {
            let above = if rank > 0 { &between[rank - 1][..] } else { &[][..] };
            crossings_among(above, position)
                + crossings_among(&between[rank], position)
        };
        for _ in 0..10 {
            let mut improved = false;
            for rank in 0..self.ranks.len() {
                for i in 1..self.ranks[rank].len() {
                    let before = around(rank, &position);
                    let (left, right) =
                        (self.ranks[rank][i - 1], self.ranks[rank][i]);
                    position.swap(left, right);
                    if around(rank, &position) < before {
                        self.ranks[rank].swap(i - 1, i);
                        improved = true;
                    } else {
                        position.swap(left, right);
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }

    /// Each item's index within its rank.
    fn positions(&self) -> Vec<f64> {
        let mut position = vec![0.0; self.items.len()];
        for rank in &self.ranks {
            for (i, &item) in rank.iter().enumerate() {
                position[item] = i as f64;
            }
        }
        position
    }

    fn crossings(&self, segments: &[(usize, usize)]) -> usize {
        let position = self.positions();
        let mut between: Vec<Vec<(usize, usize)>> =
            vec![vec![]; self.ranks.len()];
        for &(a, b) in segments {
            between[self.items[a].rank].push((a, b));
        }
        between.iter().map(|group| crossings_among(group, &position)).sum()
    }

    /// Places items left to right in the two ways below and keeps the
    /// narrower drawing (the first one if they are as wide).
    fn place(&mut self) {
        self.place_as(Placement::Mean);
        let (mean, width) = (self.items.clone(), self.width);
        self.place_as(Placement::Straight);
        if self.width >= width {
            self.items = mean;
            self.width = width;
        }
    }

    /// Places items left to right: each as near the weighted mean of its
    /// neighbours as the order and the gaps allow, repeated until it settles.
    fn place_as(&mut self, placement: Placement) {
        let segments = self.segments();
        let mut neighbours: Vec<Vec<(usize, f64)>> =
            vec![vec![]; self.items.len()];
        let (mut outs, mut ins) =
            (vec![0; self.items.len()], vec![0; self.items.len()]);
        for &(a, b) in &segments {
            outs[a] += 1;
            ins[b] += 1;
        }
        for &(a, b) in &segments {
            // Long edges, and an op's arrow to its result, pull harder, so
            // that they run straight.
            let both_points =
                self.items[a].node.is_none() && self.items[b].node.is_none();
            let chain = outs[a] == 1 && ins[b] == 1;
            let input = ins[a] == 0 && outs[a] == 1;
            let weight = if both_points || chain {
                10.0
            } else if input && placement == Placement::Straight {
                INPUT_PULL
            } else {
                1.0
            };
            neighbours[a].push((b, weight));
            neighbours[b].push((a, weight));
        }
        // How firmly each item keeps its wanted place when its rank is
        // spread out.
        let firmness: Vec<f64> = match placement {
            Placement::Mean => self
                .items
                .iter()
                .map(|i| if i.node.is_some() { 1.0 } else { 0.5 })
                .collect(),
            Placement::Straight => neighbours
                .iter()
                .map(|n| n.iter().map(|&(_, w)| w).sum::<f64>().max(INPUT_PULL))
                .collect(),
        };
        for rank in &self.ranks {
            let mut x = 0.0;
            for &item in rank {
                x += self.items[item].width / 2.0;
                self.items[item].x = x;
                x += self.items[item].width / 2.0 + NODE_GAP;
            }
        }
        for round in 0..20000 {
            let mut moved: f64 = 0.0;
            let ranks: Vec<usize> = if round % 2 == 0 {
                (0..self.ranks.len()).collect()
            } else {
                (0..self.ranks.len()).rev().collect()
            };
            for rank in ranks {
                let members = self.ranks[rank].clone();
                let wanted: Vec<f64> = members
                    .iter()
                    .map(|&item| {
                        let (sum, weight) = neighbours[item].iter().fold(
                            (0.0, 0.0),
                            |(s, w), &(other, weight)| {
                                (s + weight * self.items[other].x, w + weight)
                            },
                        );
                        if weight > 0.0 {
                            sum / weight
                        } else {
                            self.items[item].x
                        }
                    })
                    .collect();
                let placed = self.spread(&members, &wanted, &firmness);
                for (&item, x) in members.iter().zip(placed) {
                    moved = moved.max((self.items[item].x - x).abs());
                    self.items[item].x = x;
                }
            }
            if moved < 0.001 {
                break;
            }
        }
        let left = self
            .items
            .iter()
            .map(|i| i.x - i.width / 2.0)
            .fold(f64::INFINITY, f64::min);
        let right = self
            .items
            .iter()
            .map(|i| i.x + i.width / 2.0)
            .fold(f64::NEG_INFINITY, f64::max);
        for item in &mut self.items {
            item.x = (item.x - left + MARGIN).round();
        }
        self.width = (right - left + 2.0 * MARGIN).ceil();
    }

    /// The positions nearest to `wanted` (least squares) that keep the
    /// members in order with their gaps: pool adjacent violators.
    fn spread(
        &self,
        members: &[usize],
        wanted: &[f64],
        firmness: &[f64],
    ) -> Vec<f64> {
        let mut offset = vec![0.0; members.len()];
        for i in 1..members.len() {
            let (a, b) = (&self.items[members[i - 1]], &self.items[members[i]]);
            let gap = if a.node.is_some() && b.node.is_some() {
                NODE_GAP
            } else {
                EDGE_GAP
            };
            offset[i] = offset[i - 1] + (a.width + b.width) / 2.0 + gap;
        }
        // Blocks of (weighted sum, weight, count) of wanted − offset.
        let mut blocks: Vec<(f64, f64, usize)> = vec![];
        for (i, &item) in members.iter().enumerate() {
            let weight = firmness[item];
            blocks.push((weight * (wanted[i] - offset[i]), weight, 1));
            while blocks.len() > 1 {
                let (s1, w1, n1) = blocks[blocks.len() - 2];
                let (s2, w2, n2) = blocks[blocks.len() - 1];
                if s1 / w1 <= s2 / w2 {
                    break;
                }
                blocks.pop();
                *blocks.last_mut().unwrap() = (s1 + s2, w1 + w2, n1 + n2);
            }
        }
        let mut out = vec![];
        for (sum, weight, count) in blocks {
            for _ in 0..count {
                out.push(sum / weight + offset[out.len()]);
            }
        }
        out
    }

    /// The vertical positions of the ranks.
    /// `room` is extra space below each rank, for crowded edge labels.
    fn stack(&mut self, graph: &Graph, room: &[f64]) {
        let mut labelled = BTreeSet::new();
        for (edge, path) in graph.edges.iter().zip(&self.paths) {
            if edge.attrs.get("label").is_some_and(|l| !l.is_empty()) {
                labelled.insert(self.items[path[0]].rank);
            }
        }
        self.rank_top.clear();
        self.rank_height.clear();
        let mut y = MARGIN;
        for (rank, members) in self.ranks.iter().enumerate() {
            let height = members
                .iter()
                .filter_map(|&i| self.items[i].node)
                .map(|n| self.looks[n].height)
                .fold(0.0, f64::max);
            self.rank_top.push(y);
            self.rank_height.push(height);
            let gap = if labelled.contains(&rank) {
                LABELLED_RANK_GAP
            } else {
                RANK_GAP
            };
            y += height + gap + room[rank];
        }
        let last = self.ranks.len() - 1;
        self.height =
            (self.rank_top[last] + self.rank_height[last] + MARGIN).ceil();
    }

    fn centre(&self, item: usize) -> (f64, f64) {
        let rank = self.items[item].rank;
        (self.items[item].x, self.rank_top[rank] + self.rank_height[rank] / 2.0)
    }

    // ------------------------------------------------------------ drawing

    fn svg(&self, graph: &Graph) -> String {
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
    fn curves(&self, graph: &Graph) -> Vec<Vec<Piece>> {
        self.paths
            .iter()
            .zip(bows(graph))
            .map(|(path, bow)| self.curve(path, bow))
            .collect()
    }

    /// The pieces of the curve an edge is drawn as, through the items of its
    /// `path`, its first piece bowed sideways by `bow`.
    fn curve(&self, path: &[usize], bow: f64) -> Vec<Piece> {
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

    /// Where each edge's label goes: beside the first piece of its curve, at
    /// the first of a few spots (the middle first, on the side the edge bows
    /// to first) that overlaps no node and no label placed before it, and that
    /// no other edge passes through or near, so that each label sits clearly
    /// by its own arrow. Failing that, the first spot that at least overlaps
    /// no node and no label; failing that too, the middle.
    fn place_labels(&self, graph: &Graph) -> Vec<Option<Label>> {
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

    fn node(&self, out: &mut String, n: usize, look: &Look) {
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
type Point = (f64, f64);
type Piece = [Point; 4];

/// The point at `t` (0 to 1) along a piece.
fn at(piece: &Piece, t: f64) -> Point {
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
fn bows(graph: &Graph) -> Vec<f64> {
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

/// An axis-aligned box: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bounds {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Bounds {
    fn around(centre: Point, half_width: f64, half_height: f64) -> Bounds {
        Bounds {
            left: centre.0 - half_width,
            top: centre.1 - half_height,
            right: centre.0 + half_width,
            bottom: centre.1 + half_height,
        }
    }

    fn grown(&self, by: f64) -> Bounds {
        Bounds {
            left: self.left - by,
            top: self.top - by,
            right: self.right + by,
            bottom: self.bottom + by,
        }
    }

    fn overlaps(&self, other: &Bounds) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    fn contains(&self, (x, y): Point) -> bool {
        self.left <= x && x <= self.right && self.top <= y && y <= self.bottom
    }
}

/// Which side of its edge a label is set on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Left,
    Right,
}

impl Side {
    fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }

    /// How far the text starts from the edge, toward this side.
    fn offset(self) -> f64 {
        match self {
            Side::Left => -LABEL_OFFSET,
            Side::Right => LABEL_OFFSET,
        }
    }

    /// The box of a label `width` wide, set at `size` px with its end on
    /// the edge's side at `anchor` (its vertical centre there too).
    fn bounds(self, anchor: Point, width: f64, size: f64) -> Bounds {
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
struct Label {
    text: String,
    size: f64,
    /// Where its end nearer the edge is, at the height of its centre.
    anchor: Point,
    side: Side,
    /// Whether it found a spot clear of the other edges.
    clear: bool,
}

impl Label {
    fn bounds(&self) -> Bounds {
        self.side.bounds(
            self.anchor,
            font::width(&self.text, self.size),
            self.size,
        )
    }
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

/// How many pairs of `segments`, which all join the same two ranks, cross.
fn crossings_among(segments: &[(usize, usize)], position: &[f64]) -> usize {
    let mut count = 0;
    for (i, &(a, b)) in segments.iter().enumerate() {
        for &(c, d) in &segments[i + 1..] {
            if (position[a] - position[c]) * (position[b] - position[d]) < 0.0 {
                count += 1;
            }
        }
    }
    count
}

/// Each node's longest path to a node with no outgoing edge (0 for those).
fn depths(graph: &Graph) -> Result<Vec<usize>, String> {
    let count = graph.nodes.len();
    let mut outgoing = vec![0usize; count];
    let mut incoming: Vec<Vec<usize>> = vec![vec![]; count];
    for edge in &graph.edges {
        if edge.from == edge.to {
            return Err("an edge from a node to itself cannot be drawn".into());
        }
        outgoing[edge.from] += 1;
        incoming[edge.to].push(edge.from);
    }
    let mut depth = vec![0usize; count];
    let mut ready: Vec<usize> =
        (0..count).filter(|&n| outgoing[n] == 0).collect();
    let mut done = 0;
    while let Some(node) = ready.pop() {
        done += 1;
        for &from in &incoming[node] {
            depth[from] = depth[from].max(depth[node] + 1);
            outgoing[from] -= 1;
            if outgoing[from] == 0 {
                ready.push(from);
            }
        }
    }
    if done < count {
        return Err(
            "the graph has a cycle; only acyclic graphs are drawn".into()
        );
    }
    Ok(depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_fields_keep_escaped_bars() {
        let (fields, stacked) = record_fields("s\\|um | data 1");
        assert_eq!(fields, ["s|um", "data 1"]);
        assert!(!stacked);
        let (fields, stacked) = record_fields("{ a | b }");
        assert_eq!(fields, ["a", "b"]);
        assert!(stacked);
    }

    #[test]
    fn inputs_sit_just_above_their_first_use() {
        let graph =
            parse("digraph { a -> p; b -> p; p -> s; c -> s; s -> t; t -> u }")
                .unwrap();
        let layout = Layout::new(&graph).unwrap();
        let rank = |n: usize| layout.items[n].rank;
        // a, p, b, s, c, t, u in order of first mention.
        assert_eq!(rank(0), 0);
        assert_eq!(rank(2), 0);
        assert_eq!(rank(1), 1);
        assert_eq!(rank(4), 1, "c sits beside p, just above s");
        assert_eq!(rank(6), 4);
    }

    #[test]
    fn an_op_sits_straight_above_its_result() {
        let graph = parse(
            "digraph { a [shape=record, label=\"a | data 1\"]; \
             b [shape=record, label=\"b | data 2\"]; \
             s [shape=record, label=\"s | data 3\"]; p [label=\"+\"]; \
             a -> p; b -> p; p -> s }",
        )
        .unwrap();
        let layout = Layout::new(&graph).unwrap();
        let x = |n: usize| layout.items[n].x;
        assert_eq!(x(3), x(2), "the op and its result share a centre");
        assert!(x(0) < x(3) && x(3) < x(1), "operands left and right");
    }

    #[test]
    fn parallel_edges_are_bowed_apart_with_their_labels() {
        let dot = "digraph { a -> p [label=\"use 1\"]; \
                   a -> p [label=\"use 2\"] }";
        let svg = dot_to_svg(dot).unwrap();
        let paths: Vec<&str> =
            svg.split("<path class=\"e\" d=\"").skip(1).collect();
        assert_eq!(paths.len(), 2);
        assert_ne!(paths[0][..40], paths[1][..40]);
        assert!(svg.contains("text-anchor=\"end\">use 1</text>"));
        assert!(svg.contains("text-anchor=\"start\">use 2</text>"));
    }

    /// The forward graph of a network of 3 inputs and layers of 4, 4 and 1
    /// tanh neurons, in the DOT `to_dot` writes: some 200 nodes.
    fn network_dot() -> String {
        let mut dot = String::from("digraph {\n");
        let mut next = 0;
        let mut value = |dot: &mut String, text: &str| {
            next += 1;
            let name = format!("v{next}");
            dot.push_str(&format!(
                "{name} [shape=record, label=\"{text} | data 0.1234 | grad 0.5\"];\n"
            ));
            name
        };
        let op =
            |dot: &mut String, text: &str, inputs: &[String], out: &str| {
                let name = format!("{out}op");
                dot.push_str(&format!(
                    "{name} [shape=circle, label=\"{text}\"];\n"
                ));
                for input in inputs {
                    dot.push_str(&format!("{input} -> {name};\n"));
                }
                dot.push_str(&format!("{name} -> {out};\n"));
            };
        let mut layer: Vec<String> =
            (0..3).map(|i| value(&mut dot, &format!("x{i}"))).collect();
        for size in [4, 4, 1] {
            let mut outputs = vec![];
            for _ in 0..size {
                let mut sum = value(&mut dot, "b");
                for x in &layer {
                    let w = value(&mut dot, "w");
                    let product = value(&mut dot, "");
                    op(&mut dot, "*", &[w, x.clone()], &product);
                    let total = value(&mut dot, "");
                    op(&mut dot, "+", &[sum, product], &total);
                    sum = total;
                }
                let out = value(&mut dot, "");
                op(&mut dot, "tanh", &[sum], &out);
                outputs.push(out);
            }
            layer = outputs;
        }
        dot.push_str("}\n");
        dot
    }

    #[test]
    fn a_network_sized_graph_is_drawn_quickly() {
        let dot = network_dot();
        let started = std::time::Instant::now();
        let svg = dot_to_svg(&dot).unwrap();
        assert!(svg.matches("<rect class=\"n\"").count() > 100);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn the_narrower_placement_is_kept() {
        // Two steps of b + w·x in a row, nodes declared as `to_dot` does.
        let dot = "digraph { node [shape=record]; \
                   b2 -> s2; w2 -> p2; b1 -> s1; w1 -> p1; x -> p1; \
                   p1 -> v1; v1 -> s1; s1 -> v2; v2 -> p2; p2 -> v3; \
                   v3 -> s2; s2 -> v4 }";
        let graph = parse(dot).unwrap();
        let mut layout = Layout::new(&graph).unwrap();
        let kept = layout.width;
        layout.place_as(Placement::Mean);
        let mean = layout.width;
        layout.place_as(Placement::Straight);
        let straight = layout.width;
        assert!(straight < mean, "{straight} < {mean}");
        assert_eq!(kept, straight);
    }

    /// Chapter 5's f = (a·b)·(a + b) after backward, each arrow into an
    /// operation labelled with its share, in the DOT that chapter writes: the
    /// arrows from a to + and from b to * cross.
    const SHARES_DOT: &str = r#"digraph {
  node [fontsize=13];
  n0 [shape=record, label="a | data −2 | grad −3"];
  n1 [shape=record, label="b | data 3 | grad −8"];
  n2 [shape=record, label="d | data −6 | grad 1"];
  n2op [shape=circle, label="*"];
  n0 -> n2op [label="3.0"];
  n1 -> n2op [label="-2.0"];
  n2op -> n2;
  n3 [shape=record, label="e | data 1 | grad −6"];
  n3op [shape=circle, label="+"];
  n0 -> n3op [label="-6.0"];
  n1 -> n3op [label="-6.0"];
  n3op -> n3;
  n4 [shape=record, label="f | data −6 | grad 1"];
  n4op [shape=circle, label="*"];
  n2 -> n4op [label="1.0"];
  n3 -> n4op [label="-6.0"];
  n4op -> n4;
}"#;

    #[test]
    fn edge_labels_keep_clear_of_each_other_nodes_and_other_edges() {
        // As drawn with the reuse bug (05-f-assigned) and with it fixed (05-f).
        let assigned = SHARES_DOT
            .replace("grad −3\"", "grad 3\"")
            .replace("grad −8\"", "grad −2\"");
        for dot in [SHARES_DOT, &assigned] {
            let graph = parse(dot).unwrap();
            let layout = Layout::new(&graph).unwrap();
            let labels: Vec<&Label> = layout.labels.iter().flatten().collect();
            assert_eq!(labels.len(), 6);
            let boxes: Vec<Bounds> =
                labels.iter().map(|l| l.bounds()).collect();
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    assert!(
                        !a.grown(LABEL_GAP / 2.0)
                            .overlaps(&b.grown(LABEL_GAP / 2.0)),
                        "{a:?} {b:?}"
                    );
                }
            }
            for n in 0..layout.looks.len() {
                let (w, h) = (layout.looks[n].width, layout.looks[n].height);
                let node = Bounds::around(layout.centre(n), w / 2.0, h / 2.0);
                assert!(boxes.iter().all(|b| !b.overlaps(&node)));
            }
            let curves = layout.curves(&graph);
            let labelled = layout.labels.iter().enumerate();
            for (i, label) in
                labelled.filter_map(|(i, l)| Some((i, l.as_ref()?)))
            {
                assert!(label.clear, "{label:?}");
                let zone = label.bounds().grown(LABEL_CLEARANCE);
                for (j, curve) in
                    curves.iter().enumerate().filter(|&(j, _)| j != i)
                {
                    for piece in curve {
                        for k in 0..=100 {
                            let p = at(piece, f64::from(k) / 100.0);
                            assert!(
                                !zone.contains(p),
                                "edge {j} passes label {label:?} at {p:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn hyphens_that_mean_minus_are_set_as_minus_signs() {
        assert_eq!(minus_signs("-2.0"), "\u{2212}2.0");
        assert_eq!(minus_signs("e - 1"), "e \u{2212} 1");
        assert_eq!(minus_signs("pow -1 (-.5)"), "pow \u{2212}1 (\u{2212}.5)");
        assert_eq!(minus_signs("-"), "\u{2212}");
        assert_eq!(minus_signs("x1-w1 a-1 --x"), "x1-w1 a-1 --x");
    }

    #[test]
    fn a_cycle_is_an_error() {
        let graph = parse("digraph { a -> b; b -> a }").unwrap();
        assert!(Layout::new(&graph).is_err());
    }
}

//! DOT text read into nodes and edges with their attributes: the part of
//! the language that expression graphs need (see the `render` module).

use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Default)]
pub(super) struct Graph {
    pub(super) nodes: Vec<Node>,
    pub(super) edges: Vec<Edge>,
}

#[derive(Debug)]
pub(super) struct Node {
    pub(super) attrs: BTreeMap<String, String>,
}

#[derive(Debug)]
pub(super) struct Edge {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) attrs: BTreeMap<String, String>,
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
    pub(super) tokens: Vec<Token>,
    pub(super) at: usize,
    pub(super) graph: Graph,
    pub(super) names: HashMap<String, usize>,
    pub(super) node_defaults: BTreeMap<String, String>,
    pub(super) edge_defaults: BTreeMap<String, String>,
}

pub(super) fn parse(dot: &str) -> Result<Graph, String> {
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
pub(super) fn unescape(text: &str) -> String {
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
pub(super) fn minus_signs(text: &str) -> String {
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
pub(super) fn record_fields(label: &str) -> (Vec<String>, bool) {
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

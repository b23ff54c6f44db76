// Generated from chapters/14-gpt.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: af369ca27a0a2d12
//! Draws the chapter's figure: the path of one position through the model.

const FORWARD: &str = r#"digraph forward {
  node [shape=box];
  token [label="the token's row"];
  position [label="the position's row"];
  embed [label="+, then rms_norm"];
  norm1 [label="rms_norm"];
  qkv [label="query, key, value"];
  memory [label="memory: every key and value so far"];
  heads [label="4 heads: scores, softmax, weighted values"];
  output [label="output"];
  residual1 [label="+"];
  norm2 [label="rms_norm"];
  mlp [label="up, relu, down"];
  residual2 [label="+"];
  logits [label="logits: a score for each of 27 tokens"];
  token -> embed;
  position -> embed;
  embed -> norm1 -> qkv;
  qkv -> memory [label="key, value"];
  qkv -> heads [label="query"];
  memory -> heads -> output -> residual1;
  embed -> residual1;
  residual1 -> norm2 -> mlp -> residual2;
  residual1 -> residual2;
  residual2 -> logits;
}"#;
// ... FORWARD: the DOT text of the picture, boxes and arrows: hidden

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let svg = viz::dot_to_svg(FORWARD).expect("the graph renders");
    std::fs::write(format!("{dir}/14-forward.svg"), svg)
        .expect("the figure is written");
}

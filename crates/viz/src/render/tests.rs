use super::dot::{minus_signs, parse, record_fields};
use super::dot_to_svg;
use super::draw::at;
use super::labels::{Bounds, LABEL_CLEARANCE, LABEL_GAP, Label};
use super::layout::{Layout, Placement};

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
    let op = |dot: &mut String, text: &str, inputs: &[String], out: &str| {
        let name = format!("{out}op");
        dot.push_str(&format!("{name} [shape=circle, label=\"{text}\"];\n"));
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
        let boxes: Vec<Bounds> = labels.iter().map(|l| l.bounds()).collect();
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
        for (i, label) in labelled.filter_map(|(i, l)| Some((i, l.as_ref()?))) {
            assert!(label.clear, "{label:?}");
            let zone = label.bounds().grown(LABEL_CLEARANCE);
            for (j, curve) in curves.iter().enumerate().filter(|&(j, _)| j != i)
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

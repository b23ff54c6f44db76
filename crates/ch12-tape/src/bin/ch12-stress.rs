// Generated from chapters/12-stress.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: d381b84e714e67b1
//! Checks every engine's backward on 10,000 random graphs, and whether the
//! check could catch a bug: one function per question, the one named on
//! the command line, or all of them.

use std::collections::BTreeMap;
use std::hint::black_box;

use ch12_tape::stress::{
    GRAPHS, Grads, Graph, Op, SEED, engines, graphs, mutants, op_grads,
    rejected_draws, steepest_slope, stress, tape_grads, value_grads_as_made,
    values,
};
use micrograd::check::{self, Slope};

fn main() {
    let questions: [(&str, fn()); 7] = [
        ("one", one_graph),
        ("engines", every_engine),
        ("kinds", every_kind),
        ("sharp", sharp),
        ("mutants", broken_rules),
        ("bits", equal_bits),
        ("6706", graph_6706),
    ];
    let asked = std::env::args().nth(1);
    if let Some(name) = &asked {
        let names = questions.map(|(question, _)| question);
        let known = names.contains(&name.as_str());
        assert!(known, "no question `{name}`: ask one of {names:?}");
    }
    for (question, answer) in questions {
        if asked.as_deref().is_none_or(|name| name == question) {
            answer();
        }
    }
}

fn one_graph() {
    // The first graph of 2 or 3 inputs and 3 to 5 operations whose output
    // reaches every value.
    let small = |g: &Graph| {
        (2..=3).contains(&g.inputs.len()) && (3..=5).contains(&g.ops.len())
    };
    let (index, graph) = graphs(SEED)
        .take(GRAPHS)
        .enumerate()
        .find(|(_, g)| small(g) && reached_from_output(g).iter().all(|&r| r))
        .expect("some graph is small");
    println!("Graph {index}:");
    for (i, input) in graph.inputs.iter().enumerate() {
        println!("  v{i} = {input}");
    }
    let first = graph.inputs.len();
    for (k, op) in graph.ops.iter().enumerate() {
        println!("  v{} = {}", first + k, readable(op));
    }
    let claimed = tape_grads(&graph, false);
    let output = |x: &[f64]| graph.eval(x);
    let report = check::compare(output, &graph.inputs, &claimed, check::H);
    let heads = ["claimed by the tape", "measured", "error"];
    println!(
        "  input {:>21} {:>21}{:>10}  passed",
        heads[0], heads[1], heads[2]
    );
    for (i, slope) in report.slopes.iter().enumerate() {
        let Slope { claimed, measured } = *slope;
        let (error, passed) = (slope.error(), slope.passed());
        println!(
            "  v{i:<5}{claimed:>21} {measured:>21}{error:>10.1e}  {passed}"
        );
    }
}

/// Which of `graph`'s values the output reaches: a pass back from the last
/// operation, marking the operands of each marked one.
fn reached_from_output(graph: &Graph) -> Vec<bool> {
    let first = graph.inputs.len();
    let mut reached = vec![false; first + graph.ops.len()];
    *reached.last_mut().expect("a graph has an output") = true;
    for (k, op) in graph.ops.iter().enumerate().rev() {
        if reached[first + k] {
            for i in operands(op) {
                reached[i] = true;
            }
        }
    }
    reached
}

/// The values `op` reads.
fn operands(op: &Op) -> Vec<usize> {
    match *op {
        Op::Add(a, b) | Op::Sub(a, b) | Op::Mul(a, b) | Op::Div(a, b) => {
            vec![a, b]
        }
        Op::Neg(a) | Op::Pow(a, _) | Op::Exp(a) | Op::Tanh(a) | Op::Relu(a) => {
            vec![a]
        }
        Op::Sum(ref terms) => terms.clone(),
        Op::Dot(b, ref pairs) => {
            let reads = pairs.iter().flat_map(|&(w, x)| [w, x]);
            std::iter::once(b).chain(reads).collect()
        }
    }
}

/// `op` written as by hand, with its operands' names: v0 × v1, exp v3, …
fn readable(op: &Op) -> String {
    let names = |list: &[usize]| -> Vec<String> {
        list.iter().map(|i| format!("v{i}")).collect()
    };
    match *op {
        Op::Add(a, b) => format!("v{a} + v{b}"),
        Op::Sub(a, b) => format!("v{a} − v{b}"),
        Op::Mul(a, b) => format!("v{a} × v{b}"),
        Op::Div(a, b) => format!("v{a} ÷ v{b}"),
        Op::Neg(a) => format!("−v{a}"),
        Op::Pow(a, k) => format!("v{a}^{k}"),
        Op::Exp(a) => format!("exp v{a}"),
        Op::Tanh(a) => format!("tanh v{a}"),
        Op::Relu(a) => format!("relu v{a}"),
        Op::Sum(ref terms) => format!("0 + {}", names(terms).join(" + ")),
        Op::Dot(b, ref pairs) => {
            let products = pairs.iter().map(|&(w, x)| format!("v{w}·v{x}"));
            let terms: Vec<String> = products.collect();
            format!("v{b} + {}", terms.join(" + "))
        }
    }
}

fn every_engine() {
    let tolerance = check::TOLERANCE;
    println!(
        "Each engine on the same 10,000 graphs (tolerance {tolerance:.0e}):"
    );
    println!(
        "  {:<20}{:>15}{:>16}{:>14}{:>12}",
        "engine",
        "non-0 / checked",
        "largest |grad|",
        "widest error",
        "mismatches"
    );
    for engine in engines() {
        let (checked, mismatches) = stress(SEED, GRAPHS, &[engine]);
        let count = checked.len();
        let not_zero = checked.iter().filter(|s| s.claimed != 0.0).count();
        let largest =
            checked.iter().map(|s| s.claimed.abs()).fold(0.0, f64::max);
        let widest = checked.iter().map(Slope::error).fold(0.0, f64::max);
        let wrong = mismatches.len();
        let (name, ratio) = (engine.0, format!("{not_zero} / {count}"));
        println!(
            "  {name:<20}{ratio:>15}{largest:>16.1}{widest:>14.1e}{wrong:>12}"
        );
        for m in mismatches.iter().take(10) {
            println!("{m}");
        }
    }
    // The inputs the output does not reach, and of those, how many every
    // engine gives a grad of exactly 0.
    let (mut unreached, mut zero) = (0, 0);
    for graph in graphs(SEED).take(GRAPHS) {
        let grads = engines().map(|(_, grads)| grads(&graph));
        let reached = reached_from_output(&graph);
        for i in (0..graph.inputs.len()).filter(|&i| !reached[i]) {
            unreached += 1;
            zero += usize::from(grads.iter().all(|g| g[i] == 0.0));
        }
    }
    println!("Inputs the output does not reach: {unreached}");
    println!("  of them, grad exactly 0 in every engine: {zero}");
    let steepest = graphs(SEED).take(GRAPHS).map(|g| steepest_slope(&g));
    let steepest = steepest.fold(0.0, |most: f64, slope| {
        assert!(slope.is_finite(), "a slope that is not a number");
        most.max(slope)
    });
    println!("The steepest slope of any value to any input: {steepest:.0}");
}

fn every_kind() {
    println!("Each kind of operation in the 10,000 graphs:");
    let mut counts = [(0, 0, 0); Op::KINDS.len()];
    for graph in graphs(SEED).take(GRAPHS) {
        let reached = &reached_from_output(&graph)[graph.inputs.len()..];
        let grads = op_grads(&graph);
        for ((op, grad), reached) in graph.ops.iter().zip(grads).zip(reached) {
            let (kept, unreached, not_zero) = &mut counts[op.index()];
            *kept += 1;
            *unreached += usize::from(!reached);
            *not_zero += usize::from(grad != 0.0);
        }
    }
    let rejected = rejected_draws(SEED, GRAPHS);
    println!("  kind  rejected   kept  unreached  grad not 0");
    let rows = Op::KINDS.iter().zip(rejected).zip(counts);
    for ((kind, rejected), (kept, unreached, not_zero)) in rows {
        println!(
            "  {kind:<6}{rejected:>8}{kept:>7}{unreached:>11}{not_zero:>12}"
        );
    }
}

fn sharp() {
    let off: Grads =
        |g| tape_grads(g, false).iter().map(|d| d * 1.0001).collect();
    let (checked, mismatches) = stress(SEED, GRAPHS, &[("tape, off", off)]);
    let (count, caught) = (checked.len(), mismatches.len());
    println!(
        "every tape grad times 1.0001: {count} checked, {caught} mismatches"
    );
    // The grads that pass although each is off by a part in 10,000.
    let missed: Vec<f64> = checked
        .iter()
        .filter(|slope| slope.passed())
        .map(|slope| slope.claimed.abs())
        .collect();
    let zero = missed.iter().filter(|&&g| g == 0.0).count();
    let tiny = missed.iter().filter(|&&g| g > 0.0 && g < 1e-3).count();
    let other = missed.len() - zero - tiny;
    println!("  missed: {zero} exactly 0, {tiny} under 0.001, {other} other");
}

fn broken_rules() {
    println!("Rules broken on purpose, in operands inline:");
    // What a caught rule looks like: the first mutant's first mismatch.
    let mut shown = None;
    for mutant in mutants() {
        let (_, mismatches) = stress(SEED, GRAPHS, &[mutant]);
        let mut caught: Vec<usize> =
            mismatches.iter().map(|m| m.graph).collect();
        // `stress` goes graph by graph, so one graph's mismatches are
        // neighbours, and `dedup` leaves each graph once.
        caught.dedup();
        let (name, wrong) = (mutant.0, mismatches.len());
        let Some(first) = caught.first() else {
            println!("  {name:<25}never caught");
            continue;
        };
        let graphs = caught.len();
        println!(
            "  {name:<25}{wrong} mismatches in {graphs} graphs, first {first}"
        );
        if shown.is_none() {
            shown = mismatches.first().map(|m| (m.graph, m.input, m.slope));
        }
    }
    let Some((graph, input, slope)) = shown else { return };
    let Slope { claimed, measured } = slope;
    println!("The first one's first mismatch: graph {graph}, input {input},");
    let error = slope.error();
    println!("  claimed {claimed}, measured {measured}, error {error:.1e}");
}

fn equal_bits() {
    println!("Inputs whose grad is 0 in some engines, not in others:");
    let names = engines().map(|(name, _)| name);
    let (mut found, mut inputs, mut same_bits, mut as_made) = (0, 0, 0, 0);
    // How far apart unlike bits lie at most, with the two grads: in units
    // in the last place, and in value.
    let (mut widest, mut largest) = ((0, 0.0, 0.0), (0.0, 0.0, 0.0));
    // For each set of engines: how often they alone differ from the first.
    let mut unlike_first = BTreeMap::<Vec<&str>, usize>::new();
    for (index, graph) in graphs(SEED).take(GRAPHS).enumerate() {
        let grads = engines().map(|(_, grads)| grads(&graph));
        let made = value_grads_as_made(&graph);
        for i in 0..graph.inputs.len() {
            inputs += 1;
            let named = || names.iter().zip(&grads);
            let mut tapes = named().filter(|(name, _)| name.ends_with("tape"));
            as_made += usize::from(
                tapes.all(|(_, g)| g[i].to_bits() == made[i].to_bits()),
            );
            let bits = grads[0][i].to_bits();
            let unlike: Vec<&str> = named()
                .filter(|(_, g)| g[i].to_bits() != bits)
                .map(|(name, _)| *name)
                .collect();
            for g in &grads {
                let (a, b) = (grads[0][i], g[i]);
                // Of one sign, floats' bits count up as their magnitudes do; of
                // two (+0 and −0, say), the bits' distance means nothing.
                let apart = (b.to_bits() as i64).abs_diff(bits as i64);
                let one_sign = a.is_sign_negative() == b.is_sign_negative();
                if one_sign && apart > widest.0 {
                    widest = (apart, a, b);
                }
                if (b - a).abs() > largest.0 {
                    largest = ((b - a).abs(), a, b);
                }
            }
            if unlike.is_empty() {
                same_bits += 1;
            } else {
                *unlike_first.entry(unlike).or_default() += 1;
            }
            let zeros = grads.iter().filter(|g| g[i] == 0.0).count();
            if zeros != 0 && zeros != grads.len() {
                found += 1;
                print_zero_or_not(index, &graph, i, &names, &grads);
            }
        }
    }
    if found == 0 {
        println!("  none");
    }
    println!(
        "grads equal to the bit in all six engines: {same_bits} of {inputs}"
    );
    for (unlike, count) in unlike_first {
        println!("  {count} with bits unlike {}'s in:", names[0]);
        println!("    {}", unlike.join(", "));
    }
    let (units, a, b) = widest;
    println!("  at most {units} units in the last place apart,");
    println!("    {a:e} against {b:e};");
    let (apart, a, b) = largest;
    println!("  at most {apart:e} apart in value,");
    println!("    {a:e} against {b:e}");
    println!("The crate's Value, its rules run in a tape's order:");
    println!("  both tapes' bits in {as_made} of {inputs}");
}

/// Prints graph `index` and each engine's grad of its input `i`, which is 0
/// in some engines and not in others.
fn print_zero_or_not(
    index: usize,
    graph: &Graph,
    i: usize,
    names: &[&str],
    grads: &[Vec<f64>],
) {
    println!("  graph {index}, input v{i} = {}:", graph.inputs[i]);
    let first = graph.inputs.len();
    for (k, op) in graph.ops.iter().enumerate() {
        println!("    v{} = {}", first + k, readable(op));
    }
    for (name, grads) in names.iter().zip(grads) {
        println!("    {name:<20}grad {:e}", grads[i]);
    }
}

fn graph_6706() {
    // Per unit of v1's grad, v0 gets v0⁻¹ from the product and −v0⁻² · v0
    // from the power. Its inverse from glibc's `pow` (the exponent hidden
    // from the compiler, so that the call stays), or by division.
    let graph = graphs(SEED).nth(6706).expect("graphs never run out");
    println!("Graph 6706:");
    let first = graph.inputs.len();
    for (i, input) in graph.inputs.iter().enumerate() {
        println!("    v{i} = {input}");
    }
    for (k, op) in graph.ops.iter().enumerate() {
        println!("    v{} = {}", first + k, readable(op));
    }
    let x = graph.inputs[0];
    let from_power = -x.powf(black_box(-2.0)) * x;
    println!("v0's grad in each engine:");
    for (name, grads) in engines() {
        println!("  {name:<20}{:e}", grads(&graph)[0]);
    }
    println!("and v0's two shares per unit of v1's grad:");
    let by_pow = x.powf(black_box(-1.0));
    for (how, inverse) in [("pow", by_pow), ("1/v0", 1.0 / x)] {
        let sum = inverse + from_power;
        println!("  v0^-1 by {how:<5}{inverse:?} + {from_power:?} = {sum:e}");
    }
    // The shares `Value` adds: the product's, v0⁻¹ times v1's grad, and the
    // power's, its slope −v0⁻² times the grad the product gave it, v0 · g.
    let v = values(&graph);
    v.last().expect("a graph has an output").backward();
    let g = v[1].grad();
    let product = by_pow * g;
    let power = -x.powf(black_box(-2.0)) * (x * g);
    println!("v1 = {:?}, its grad {g:?}; the two shares:", v[1].data());
    println!("  {product:?} + {power:?} = {:e}", product + power);
}

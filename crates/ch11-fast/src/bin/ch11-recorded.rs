// Generated from chapters/appendix-recorded.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: ebcecddd191d6426
//! Prints what chapters 11 to 11.4 say of the two recorded runs, a part at
//! a time: from chapter 12's, the phases' shares and the ratios between
//! engines, with their spread; from chapter 11's, each training step.

use ch11_fast::recorded::{
    AS_FOUND, BENCH, CHEAPER, EACH_STEP_ENVIRONMENT, ENVIRONMENT, INLINE,
    NEW_DROP, OFF_SUFFIX, OLD_DROP, ON_HUGE_PAGES, ON_MIMALLOC, PHASES,
    PREFIXES, Row, Timing, UNASKED, WALK, WATCHED, Watched, each_step,
    environment, extremes, median, phase_runs, ratio, ratio_figures, ratios,
    rows, run_by_run, spread, spread_as, spread_fine, spread_ms, step_medians,
    step_phases, thousands, timing, two_figures, value_of,
};

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("opening") => opening(),
        Some("steps") => steps(&[]),
        Some("on-the-heap") => steps(&LEAN_ENGINES),
        Some("phases") => phases(),
        Some("old-over-new") => old_over_new(),
        Some("crate-phases") => crate_phases(),
        Some("walk") => walk(),
        Some("heap") => heap(),
        Some("closer-control") => closer_control(),
        Some("walks") => walks(),
        Some("inline") => inline(),
        Some("lean") => lean(),
        Some("each-step") => every_step(),
        Some("stretches") => stretches(),
        Some("against-compact") => against_compact(),
        Some("printed") => printed(),
        Some("mimalloc") => on_mimalloc(),
        Some("huge-pages") => on_huge_pages(),
        _ => panic!(
            "usage: ch11-recorded opening|steps|on-the-heap|phases|\
             old-over-new|crate-phases|walk|walks|heap|closer-control|\
             inline|lean|each-step|stretches|against-compact|printed|\
             mimalloc|huge-pages"
        ),
    }
}

/// The engines chapter 11.4 compares: the crate's node, flat forward and
/// the lean node, after the cheaper walk they all start from.
const LEAN_ENGINES: [&str; 4] =
    ["cheaper walk", "operands inline", "flat forward", "lean node"];

/// The rows the chapter opens with.
const OPENING: [&str; 6] = [
    "Python micrograd",
    "Python micrograd, gc tuned",
    OLD_DROP,
    NEW_DROP,
    "hand-written",
    "candle tensors",
];

/// The opening table; the ratios chapter 11 reads from it, and candle's
/// extra time over the hand-written step, round by round; the machine.
fn opening() {
    steps(&OPENING);
    println!("Round by round, the median and the middle half:");
    line("old Drop / new Drop", OLD_DROP, NEW_DROP);
    line("new Drop / hand-written", NEW_DROP, "hand-written");
    let extra = difference("candle tensors", "hand-written");
    println!("  candle tensors - hand-written, ms: {extra}");
    machine();
}

/// The step of each engine named in `only`, in that order (of every
/// engine, in the bench's order, if it is empty) as programs run (fastbins
/// on), with the nodes of its graph as the bench counted them in that
/// engine.
fn steps(only: &[&str]) {
    let [runs, steps] =
        ["fresh processes per engine", "timed steps in each"].map(environment);
    println!(
        "One step of chapter 10's demo, ms: median of {runs} runs of {steps}"
    );
    println!("steps each (fastest run to slowest), and its scalar nodes");
    let bench = rows(BENCH);
    let on = |row: &&Row| !row["engine"].ends_with(OFF_SUFFIX);
    let shown: Vec<&Row> = if only.is_empty() {
        bench.iter().filter(on).collect()
    } else {
        let named = |name: &&str| {
            bench.iter().filter(on).find(|r| r["engine"] == *name)
        };
        only.iter().map(|name| named(name).expect("a benched engine")).collect()
    };
    for row in shown {
        let step = timing(&row["engine"]);
        let [median, fastest, slowest] =
            [step.median, step.fastest, step.slowest].map(two_figures);
        let ms = format!("{median:>6} ({fastest} to {slowest})");
        let nodes = match row["nodes_per_step"].parse().expect("a count") {
            0 => "none".to_string(),
            count => thousands(count),
        };
        println!("  {:<34}{ms:<24}{nodes:>6}", row["engine"]);
    }
}

/// The machine and versions the recorded run was made with.
fn machine() {
    let [processor, cores, system, c, rust, python, caches] = [
        "processor",
        "cores",
        "system",
        "C library",
        "Rust",
        "Python",
        "caches of one core",
    ]
    .map(environment);
    println!("Recorded on {processor}, {cores} cores, {system}");
    println!("  C library: {c}\n  Rust: {rust}\n  Python: {python}");
    // Two lines: the first core's L1 caches, then the rest.
    let (l1, rest) = caches.split_once(", L2").unwrap_or((&caches, ""));
    println!("  caches of one core, the L3 shared: {l1}");
    if !rest.is_empty() {
        println!("    L2{rest}");
    }
}

/// A phase's median time, in ms.
fn ms(row: &Row) -> f64 {
    row["ms_per_step"].parse().expect("a number in phases.csv")
}

/// Prints how many times as long `slow`'s step takes as `fast`'s.
fn line(what: &str, slow: &str, fast: &str) {
    println!("  {what}: {}", ratio(timing(slow), timing(fast)));
}

/// How many ms longer `slow`'s step takes than `fast`'s, round by round:
/// the median difference and its middle half.
fn difference(slow: &str, fast: &str) -> String {
    let [slow, fast] = [slow, fast].map(|engine| timing(engine).runs);
    spread_ms(run_by_run(&slow, &fast, |s, f| s - f))
}

/// The name of an engine's row with the fastbins off.
fn off(engine: &str) -> String {
    format!("{engine}{OFF_SUFFIX}")
}

/// What a printed ratio is.
const RATIOS: &str = "the median of the rounds' ratios and their middle half";

/// The phases of the step with the crate's `Drop`, largest first.
fn phases() {
    let phases = rows(PHASES);
    let step: Vec<&Row> = step_phases(&phases).collect();
    print_phases(NEW_DROP, "", step.clone());
    every_run(NEW_DROP, &step);
}

/// Every run of `engine`'s whole step and of its phases' sum, fastest
/// first, to show where the two medians fall among them.
fn every_run(engine: &str, phases: &[&Row]) {
    let (_, sums) = runs_and_sums(phases);
    let whole = timing(engine).runs;
    println!("Every run, fastest to slowest, ms:");
    for (what, runs) in [("whole step", whole), ("phases' sum", sums)] {
        println!("  {what:<13}{}", fastest_first(runs));
    }
}

/// Each phase of the step with the old `Drop` against the same phase with
/// the crate's, round by round; then the extra time by phase.
fn old_over_new() {
    let phases = rows(PHASES);
    let as_built = |row: &&Row| row["phase"].starts_with(AS_FOUND);
    let before: Vec<&Row> = phases.iter().filter(as_built).collect();
    let after: Vec<&Row> = step_phases(&phases).collect();
    println!("Each phase, old Drop / new Drop, fastbins on,");
    phase_ratios(&before, &after);
    println!("The phases' medians, ms: old Drop, new, and the extra,");
    println!("the difference of the unrounded medians:");
    for (old, new) in before.iter().zip(&after) {
        let name = old["phase"].trim_start_matches(AS_FOUND);
        let [old, new] = [ms(old), ms(new)];
        println!("  {name:<10}{old:>7.2}{new:>7.2}{:>7.2}", old - new);
    }
}

/// The phases of the cheaper walk's step and the crate's (chapter 11.3),
/// largest first; then each phase against the same phase of the engine
/// before, round by round, and what each change saved, phase by phase.
fn crate_phases() {
    let phases = rows(PHASES);
    let prefixed = |prefix: &str| -> Vec<&Row> {
        let ours = |row: &&Row| row["phase"].starts_with(prefix);
        phases.iter().filter(ours).collect()
    };
    let [cheaper, inline] = [CHEAPER, INLINE].map(prefixed);
    let chapter_6: Vec<&Row> = step_phases(&phases).collect();
    print_phases("cheaper walk", CHEAPER, cheaper.clone());
    print_phases("operands inline", INLINE, inline.clone());
    println!("Each phase, chapter 6's engine with new Drop / cheaper walk,");
    phase_ratios(&chapter_6, &cheaper);
    println!("Each phase, cheaper walk / operands inline,");
    phase_ratios(&cheaper, &inline);
    println!("The phases' medians, ms: chapter 6's engine with new Drop,");
    println!("cheaper walk, operands inline:");
    for ((old, walk), inline) in chapter_6.iter().zip(&cheaper).zip(&inline) {
        let name = pair_name(old, walk);
        let [old, walk, inline] = [old, walk, inline].map(|row| ms(row));
        println!("  {name:<14}{old:>6.2}{walk:>6.2}{inline:>6.2}");
    }
}

/// A phase's name without its engine's prefix.
fn phase_name(row: &Row) -> &str {
    let name = &row["phase"];
    let prefix = PREFIXES.iter().find(|p| name.starts_with(**p));
    name.trim_start_matches(prefix.copied().unwrap_or_default())
}

/// The name of a phase in two engines: one name, or both where they
/// differ, as only the walk's does (`topo` against `order`).
fn pair_name(before: &Row, after: &Row) -> String {
    match [before, after].map(phase_name) {
        [before, after] if before == after => after.to_string(),
        [before, after] => format!("{before} / {after}"),
    }
}

/// Prints each phase of the `slow` engine's step over the same phase of
/// the `fast` one's, round by round, each engine given by its phases' rows
/// in the order they run.
fn phase_ratios(slow: &[&Row], fast: &[&Row]) {
    println!("round by round:");
    let (before, _) = runs_and_sums(slow);
    let (after, _) = runs_and_sums(fast);
    for (k, (old, new)) in slow.iter().zip(fast).enumerate() {
        let name = pair_name(old, new);
        let ratios = run_by_run(&before[k], &after[k], |b, a| b / a);
        println!("  {name}: {}", spread(ratios));
    }
}

/// Each phase's runs, in ms, and each run's sum of the phases.
fn runs_and_sums(phases: &[&Row]) -> (Vec<Vec<f64>>, Vec<f64>) {
    let runs: Vec<Vec<f64>> =
        phases.iter().map(|row| phase_runs(&row["phase"])).collect();
    let rounds = runs.first().map_or(0, Vec::len);
    let sums = (0..rounds).map(|r| runs.iter().map(|p| p[r]).sum()).collect();
    (runs, sums)
}

/// The phases of `engine`'s step, their names after `prefix`, largest
/// first, each with its median, its share of each run's sum of the phases
/// and its median per node (per parameter, for `update`); then their sum,
/// run by run, over the whole step.
fn print_phases(engine: &str, prefix: &str, mut step: Vec<&Row>) {
    let sum: f64 = step.iter().map(|row| ms(row)).sum();
    step.sort_by(|a, b| ms(b).total_cmp(&ms(a)));
    println!("The phases of a step of {engine}, largest first:");
    println!("ms: each phase's median over the runs; share: of each run's");
    println!("phases' sum, median and middle half; ns: the ms / the nodes");
    println!("  {:<10}{:>7}  {:<24}ns a node", "phase", "ms", "share, %");
    let step_ms = timing(engine).median;
    let bench = rows(BENCH);
    let row = bench.iter().find(|row| row["engine"] == engine);
    let row = row.expect("its row");
    let nodes: f64 = row["nodes_per_step"].parse().expect("its node count");
    // The parameters of chapter 10's network, which `update` nudges.
    let parameters = ch10_moons::original::load().parameters.len() as f64;
    let (runs, sums) = runs_and_sums(&step);
    for (row, runs) in step.iter().zip(&runs) {
        let name = row["phase"].trim_start_matches(prefix);
        let shares = run_by_run(runs, &sums, |phase, sum| 100.0 * phase / sum);
        // To a tenth of a point: two figures would hide the spread.
        let share = spread_as(shares, |x| match x {
            1.0.. => format!("{x:.1}"),
            _ => two_figures(x),
        });
        // `update` touches the parameters alone, not the graph's nodes.
        let (count, what) = match name {
            "update" => (parameters, " a parameter"),
            _ => (nodes, ""),
        };
        let per = two_figures(ms(row) * 1e6 / count);
        let median = two_figures(ms(row));
        println!("  {name:<10}{median:>7}  {share:<24}{per}{what}");
    }
    // Whether each run ranks the phases as their medians do.
    let ranked = (0..sums.len())
        .filter(|&r| runs.windows(2).all(|pair| pair[0][r] >= pair[1][r]))
        .count();
    println!("  in that order in {ranked} of the {} runs", sums.len());
    // Round by round: the phases' sum against the whole step.
    let whole = timing(engine).runs;
    let of_whole = run_by_run(&sums, &whole, |sum, step| sum / step);
    println!("The phases' sum / the whole step, round by round:");
    let [lowest, highest] = extremes(&of_whole).map(ratio_figures);
    let (under, _) = sides_of_1(&of_whole);
    println!("  {}; from {lowest} to {highest}", spread(of_whole.clone()));
    println!("  under 1 in {under} of {} rounds", of_whole.len());
    // The same from the medians, which need not agree with the rounds; to
    // a tenth of a ms, so that the per-node figures can be worked again.
    println!("Phase medians summed {sum:.1} ms, step median {step_ms:.1} ms");
}

/// What the cheaper walk saves in the whole step.
fn walk() {
    println!("How many times as long a whole step takes,\n{RATIOS}:");
    let what = format!("{NEW_DROP} / cheaper walk");
    line(&what, NEW_DROP, "cheaper walk");
    let saved = difference(NEW_DROP, "cheaper walk");
    println!("What it saves of the step, round by round, ms: {saved}");
}

/// Chapter 6's walk taken apart: each variant's median; then what the
/// cheaper walk saves against it, beside what the whole step saves.
fn walks() {
    let phases = rows(PHASES);
    println!("Walks of one step's graph, ms: the median run, and the");
    println!("middle half of the runs:");
    let walks: Vec<&Row> =
        phases.iter().filter(|row| row["phase"].starts_with(WALK)).collect();
    for row in &walks {
        let name = &row["phase"][WALK.len()..];
        println!("  {name:<40}{}", spread_ms(phase_runs(&row["phase"])));
    }
    let walk = |start: &str| {
        let walk = |row: &&Row| row["phase"][WALK.len()..].starts_with(start);
        let row = walks.iter().copied().find(walk);
        phase_runs(&row.unwrap_or_else(|| panic!("no walk `{start}`"))["phase"])
    };
    println!("Each change: the walk before it over the walk after it,");
    println!("round by round:");
    let changes = [
        ("borrowing instead of cloning", "set + clones (", "set + borrows"),
        ("the set sized up front", "set + borrows", "sized set"),
        ("a cheap hash", "sized set", "sized cheap"),
        ("a mark instead of the set", "sized cheap", "marks + borrows"),
    ];
    for (change, before, after) in changes {
        let ratios = run_by_run(&walk(before), &walk(after), |b, a| b / a);
        println!("  {change}: {}", spread(ratios));
    }
    let cheaper = walk("marks + borrows");
    let chapter_6 = walk("set + clones (");
    let all = run_by_run(&chapter_6, &cheaper, |b, a| b / a);
    println!("  all four, chapter 6's walk over order: {}", spread(all));
    // The crate's `topo` is order with clones: what the clones cost it.
    let clones = run_by_run(&walk("marks + clones"), &cheaper, |b, a| b / a);
    println!("  clones, topo over order: {}", spread(clones));
    let saved = run_by_run(&chapter_6, &cheaper, |a, b| a - b);
    let ms = spread_ms(saved.clone());
    println!("Saved by order against chapter 6's walk, ms: {ms}");
    // The step's `free` phase also drops chapter 6's clones.
    let and_clones = run_by_run(&saved, &walk("dropping"), |a, b| a + b);
    let and_clones = spread_ms(and_clones);
    println!("The same with its clones' dropping, ms: {and_clones}");
}

/// Chapter 6's engine with its old `Drop` against the new, with the
/// fastbins on and off; then each with the fastbins on against off.
fn heap() {
    let (old, new) = (OLD_DROP, NEW_DROP);
    // To a tenth of a ms: two figures would show 12 against 13 where the
    // medians are 12.4 and 12.7.
    println!("A whole step, the median run, ms:");
    println!("  {:<10}{:>12}{:>5}", "", "fastbins on", "off");
    for (name, engine) in [("old Drop", old), ("new Drop", new)] {
        let ms = |engine: &str| format!("{:.1}", timing(engine).median);
        let [on, fastbins_off] =
            [engine.to_string(), off(engine)].map(|e| ms(&e));
        println!("  {name:<10}{on:>12}{fastbins_off:>5}");
    }
    println!("The fastest and the slowest run, ms:");
    for (name, engine) in [("old Drop", old), ("new Drop", new)] {
        let range = |engine: &str| {
            let Timing { fastest, slowest, .. } = timing(engine);
            format!("{} to {}", two_figures(fastest), two_figures(slowest))
        };
        let [on, fastbins_off] =
            [engine.to_string(), off(engine)].map(|e| range(&e));
        println!("  {name}: fastbins on {on}, off {fastbins_off}");
    }
    println!("How many times as long a whole step takes,\n{RATIOS}:");
    line("old Drop / new Drop, fastbins on", old, new);
    line("the same, fastbins off", &off(old), &off(new));
    line("old Drop, fastbins on / off", old, &off(old));
}

/// The closer control, timed in chapter 11.2's run: the old `Drop`, then
/// one 64 KiB request, which makes glibc merge the freed chunks.
fn closer_control() {
    println!("From chapter 11.2's run, steps 2 to 100, round by round:");
    let block = after_step_1(WATCHED[2], WATCHED[0]);
    println!("  old Drop, then 64 KiB / new Drop: {block}");
    let old = spread(ratios_after_step_1(UNASKED, WATCHED[0]));
    println!("  old Drop, not asking / new Drop: {old}");
}

/// The chapter's result, chapter 6's engine (new `Drop`) against the
/// crate as it now is, and the operands inline's part of it.
fn inline() {
    let inline = "operands inline";
    println!("How many times as long a whole step takes,\n{RATIOS}:");
    for slow in [NEW_DROP, "cheaper walk"] {
        line(&format!("{slow} / {inline}"), slow, inline);
    }
    let [before, after] = ["cheaper walk", inline].map(|e| timing(e).median);
    println!("By the medians: cheaper walk {before:.3} ms,");
    println!("  operands inline {after:.3}: {:.2} saved", before - after);
}

/// The lean node against the crate's node, and flat forward between them,
/// the control: the ratios, and what the lean node saves.
fn lean() {
    let (inline, flat, lean) = ("operands inline", "flat forward", "lean node");
    let pairs = [(inline, flat), (flat, lean), (inline, lean)];
    // A few percent apart: the ratios to three decimals, and how often the
    // first engine was the slower.
    let fine = |slow: &str, fast: &str| {
        let ratios = ratios(timing(slow), timing(fast));
        let ((_, above), rounds) = (sides_of_1(&ratios), ratios.len());
        format!("{}, {above} of {rounds}", spread_fine(ratios))
    };
    println!("How many times as long a whole step takes, to three");
    println!("decimals, {RATIOS},");
    println!("and in how many rounds it was over 1:");
    for (slow, fast) in pairs {
        println!("  {slow} / {fast}: {}", fine(slow, fast));
    }
    println!("The same, fastbins off:");
    for (slow, fast) in pairs {
        println!("  {slow} / {fast}: {}", fine(&off(slow), &off(fast)));
    }
    // The lead in ms, round by round: the size of a ratio near 1, which
    // two figures would blur.
    println!("What the lean node saves of the step, round by round, ms:");
    println!("  {}", difference(inline, lean));
    let [before, after] = [inline, lean].map(|e| timing(e).median);
    println!("By the medians: operands inline {before:.3} ms,");
    println!("  lean node {after:.3}: {:.2} saved", before - after);
}

/// Each training step watched: some steps' times, a line per way of
/// freeing, and the layout they had; then chapter 6's `Drop` against the
/// crate's, stretch by stretch of the training, with the layout.
fn every_step() {
    let runs = value_of(EACH_STEP_ENVIRONMENT, "fresh processes per engine");
    println!("Each of chapter 10's 100 steps: the median of {runs} runs");
    println!("ms a step:");
    let [new, old, block, off] = WATCHED;
    let rows = [new, old, UNASKED, block, off];
    step_table(Watched::Ms, &rows, two_figures);
    // What the 100 steps come to, for a sense of a whole training run.
    println!("  the 100 steps' medians summed, s:");
    for name in [new, UNASKED] {
        let total: f64 = step_medians(name, Watched::Ms).iter().sum();
        println!("    {name}: {}", two_figures(total / 1e3));
    }
    println!("nodes within 1 KiB of the one the walk reached before:");
    step_table(Watched::Near, &[UNASKED], percent);
    // The rows that keep the graph compact, as the tables name them.
    let others = [new, block, off];
    let named = "the new Drop, the 64 KiB block, the fastbins off";
    let near = every_value(&others, Watched::Near, percent);
    println!("  {named}:\n    {near}, at every step of every run");
    println!("the median distance from a node to that one, KiB:");
    step_table(Watched::Gap, &[UNASKED], two_figures);
    let gap = every_value(&others, Watched::Gap, two_figures);
    println!("  {named}:\n    {gap}, at every step of every run");
    println!("MiB in glibc's fastbins once a step's graph is freed,");
    println!("at every step of every run where glibc was asked:");
    let mib = |mib: f64| format!("{mib:.1}");
    let ours = every_value(&WATCHED[1..2], Watched::Fastbins, mib);
    let theirs = every_value(&others, Watched::Fastbins, mib);
    println!("  old Drop {ours}; {named} {theirs}");
    // The rows fault alike: one range for step 1, one for the rest.
    let faults = rows.map(|name| step_medians(name, Watched::Faults));
    let first: Vec<f64> = faults.iter().map(|steps| steps[0]).collect();
    let later: Vec<f64> = faults.iter().flat_map(|s| s[1..].to_vec()).collect();
    let range = |faults: &[f64]| {
        let [least, most] = extremes(faults).map(two_figures);
        format!("{least} to {most}")
    };
    println!("minor page faults a step, every row, the medians:");
    println!("  step 1: {}; steps 2 to 100: {}", range(&first), range(&later));
    same_machine(EACH_STEP_ENVIRONMENT);
}

/// The stretches of the training that the tables take medians over.
const STRETCHES: [(usize, usize); 6] =
    [(2, 4), (5, 10), (11, 20), (21, 40), (41, 70), (71, 100)];

/// Stretches' first steps, as a table's heads, six places each.
fn heads(spans: &[(usize, usize)]) -> String {
    spans.iter().map(|(first, _)| format!("{first:>6}")).collect()
}

/// A row of a stretch table: each number to two figures, six places each.
fn cells(numbers: impl IntoIterator<Item = f64>) -> String {
    numbers.into_iter().map(|x| format!("{:>6}", two_figures(x))).collect()
}

/// `runs`, in ms, fastest first, to a tenth of a ms.
fn fastest_first(mut runs: Vec<f64>) -> String {
    runs.sort_by(f64::total_cmp);
    let runs: Vec<String> = runs.iter().map(|ms| format!("{ms:.1}")).collect();
    runs.join(" ")
}

/// The old `Drop`'s layout and every glibc row's ms, stretch by stretch;
/// what a random order would give; and how far the old `Drop`'s fastest
/// run strays from its median run, beside the new `Drop`'s.
fn stretches() {
    let [new, old, unasked, block, off] =
        [WATCHED[0], WATCHED[1], UNASKED, WATCHED[2], WATCHED[3]]
            .map(|name| each_step(name, Watched::Ms));
    let near = each_step(UNASKED, Watched::Near);
    let gap = each_step(UNASKED, Watched::Gap);
    println!("Old Drop not asking, stretch by stretch (medians): its share");
    println!("of near nodes and their median gap; ms a step of the old");
    println!("Drop, asking glibc and not, and of the three compact rows:");
    println!("                                   old Drop  compact rows");
    println!("  steps        near       gap  asking    not  new  64K  off");
    for (first, last) in STRETCHES {
        let span = (first, last);
        let share = percent(median(stretch(&near, span)));
        let gap = format!("{} KiB", two_figures(median(stretch(&gap, span))));
        let rows = [&old, &unasked, &new, &block, &off];
        let [asking, not, new, block, off] =
            rows.map(|ms| two_figures(median(stretch(ms, span))));
        let steps = format!("{first} to {last}");
        print!("  {steps:<12}{share:>5}{gap:>10}{asking:>8}{not:>7}");
        println!("{new:>5}{block:>5}{off:>5}");
    }
    random_order();
    old_layouts(&near, &gap);
}

/// Whether every run of each old-`Drop` row laid its nodes out alike, step
/// by step; and how far the two rows' layouts differ, `near` and `gap`
/// being the row that does not ask.
fn old_layouts(near: &Steps, gap: &Steps) {
    let asking =
        [Watched::Near, Watched::Gap].map(|w| each_step(WATCHED[1], w));
    let alike = [near, gap, &asking[0], &asking[1]].iter().all(|steps| {
        steps.iter().all(|runs| runs.iter().all(|value| *value == runs[0]))
    });
    let alike = if alike { "the same in every run" } else { "not alike" };
    println!("The old Drop's share and gap, step by step, in each row:");
    println!("  {alike}");
    let (points, gaps) = widest_layout_difference(WATCHED[1], UNASKED);
    println!("  asking and not differ by at most {points:.1} points of");
    println!("  near and {gaps:.1}% of gap");
}

/// How far any run of the row `name` lays its nodes out from the first run
/// of the row `other`, step by step, at most: in points of the share near,
/// and in percent of the gap.
fn widest_layout_difference(name: &str, other: &str) -> (f64, f64) {
    let widest = |what: Watched, by: fn(f64, f64) -> f64| {
        let [runs, others] = [name, other].map(|name| each_step(name, what));
        let each = runs.iter().zip(&others).flat_map(|(runs, others)| {
            runs.iter().map(move |value| by(*value, others[0]))
        });
        each.fold(0.0, f64::max)
    };
    let points = widest(Watched::Near, |a, b| 100.0 * (a - b).abs());
    let gaps = widest(Watched::Gap, |a, b| 100.0 * (a / b - 1.0).abs());
    (points, gaps)
}

/// The old `Drop` not asking glibc over each compact row, stretch by
/// stretch; each row's late steps over its middle ones; and the other
/// compact ways over the new `Drop`.
fn against_compact() {
    let [new, unasked, block, off] =
        [WATCHED[0], UNASKED, WATCHED[2], WATCHED[3]]
            .map(|name| each_step(name, Watched::Ms));
    println!("Old Drop not asking glibc, over the compact rows,");
    println!("round by round:");
    let heads = ["over new Drop", "over 64 KiB", "over fastbins off"];
    let compact = [(&unasked, &new), (&unasked, &block), (&unasked, &off)];
    ratio_table(heads, compact);
    println!("Each row's steps 71 to 100 over its steps 11 to 20, run by");
    println!("run, and in how many runs that was over 1:");
    let rows = [
        ("old Drop, not asking", &unasked),
        ("new Drop", &new),
        ("old Drop, then 64 KiB", &block),
        ("old Drop, fastbins off", &off),
    ];
    for (name, ms) in rows {
        let ratios = over(ms, ms, ((71, 100), (11, 20)));
        let ((_, above), runs) = (sides_of_1(&ratios), ratios.len());
        println!("  {name:<26}{}, {above} of {runs}", spread(ratios));
    }
    println!("Each other way / new Drop, steps 2 to 100, round by round:");
    for name in [WATCHED[2], WATCHED[3]] {
        println!("  {name}: {}", after_step_1(name, WATCHED[0]));
    }
}

/// The start of what `ch11-each-step` printed in the old `Drop`'s first
/// run: each line's first steps, as each-step.csv keeps them.
fn printed() {
    let shown = 6;
    println!("Old Drop, asking: its first run, as ch11-each-step prints it:");
    println!("the first {shown} of each line's 100 numbers");
    // As the program prints them: three decimals, the faults whole.
    let what = [
        ("ms", Watched::Ms, 3),
        ("near", Watched::Near, 3),
        ("gap, KiB", Watched::Gap, 3),
        ("fastbins, MiB", Watched::Fastbins, 3),
        ("faults", Watched::Faults, 0),
    ];
    for (name, what, places) in what {
        let steps = each_step(WATCHED[1], what);
        let first: Vec<String> = steps[..shown]
            .iter()
            .map(|runs| format!("{:.places$}", runs[0]))
            .collect();
        println!("{} …   ({name})", first.join(" "));
    }
}

/// What each run of a row watched, step by step: `[step][run]`.
type Steps = Vec<Vec<f64>>;

/// For each stretch, ratios round by round, `pairs`, each the first row's
/// steps over the second's, under `heads`.
fn ratio_table<const N: usize>(heads: [&str; N], pairs: [(&Steps, &Steps); N]) {
    let head: String = heads.iter().map(|h| format!("{h:<20}")).collect();
    println!("  steps       {}", head.trim_end());
    for (first, last) in STRETCHES {
        let span = (first, last);
        let cells: String = pairs
            .iter()
            .map(|(slow, fast)| spread(over(slow, fast, (span, span))))
            .map(|cell| format!("{cell:<20}"))
            .collect();
        println!("  {:<12}{}", format!("{first} to {last}"), cells.trim_end());
    }
}

/// The share and median gap a random order would give: nodes strewn
/// uniformly over the MiB the old `Drop` leaves in the fastbins, the
/// graph's chunks.
fn random_order() {
    let fastbins = median(step_medians(WATCHED[1], Watched::Fastbins));
    let kib = fastbins * 1024.0;
    // For two points uniform on [0, L]: P(|x - y| <= 1) = 2/L - 1/L², and
    // the median of |x - y| is (1 - 1/√2) L.
    let near = 2.0 / kib - 1.0 / (kib * kib);
    let gap = (1.0 - 0.5_f64.sqrt()) * kib;
    println!("A random order over the graph's {fastbins:.1} MiB would give:");
    let gap = two_figures(gap);
    println!("  near {}, median gap {gap} KiB", percent(near));
}

/// Whether the run `recorded` describes and the bench's share a machine;
/// where not, the parts of each description that differ.
fn same_machine(recorded: &str) {
    let machine = [
        "processor",
        "cores",
        "caches of one core",
        "system",
        "C library",
        "Rust",
    ];
    let mut same = true;
    for what in machine {
        let [here, there] =
            [recorded, ENVIRONMENT].map(|text| value_of(text, what));
        let [here, there] =
            [&here, &there].map(|s| s.split(", ").collect::<Vec<_>>());
        let only = |a: &[&str], b: &[&str]| -> String {
            let only: Vec<&str> =
                a.iter().filter(|x| !b.contains(x)).copied().collect();
            only.join(", ")
        };
        if here != there {
            let [here, there] = [only(&here, &there), only(&there, &here)];
            println!("Not the machine of the bench's run: {what}");
            println!("  here {here}; the bench's {there}");
            same = false;
        }
    }
    if same {
        println!("Processor, cores, caches, system, C library and Rust:");
        println!("  as in the bench's run");
    }
}

/// Chapter 6's `Drop` and the crate's on mimalloc beside glibc: some steps'
/// times, the layout, the page faults, and every run's step 1.
fn on_mimalloc() {
    let [by_crate, as_found] = ON_MIMALLOC;
    let rows = [WATCHED[1], UNASKED, as_found, WATCHED[0], by_crate];
    println!("ms a step, the median of the runs:");
    step_table(Watched::Ms, &rows, two_figures);
    let near = every_value(&ON_MIMALLOC, Watched::Near, percent);
    println!("nodes within 1 KiB of the one the walk reached before,");
    println!("on mimalloc, both ways, at every step of every run: {near}");
    println!("On mimalloc, new Drop / old Drop, steps 2 to 100,");
    println!("round by round: {}", after_step_1(by_crate, as_found));
    println!("Minor page faults a step, the median of the runs:");
    step_table(Watched::Faults, &rows, two_figures);
    let first = each_step(by_crate, Watched::Ms).swap_remove(0);
    println!("The new Drop's step 1 on mimalloc, every run, in ms:");
    println!("  {}", fastest_first(first));
}

/// glibc's heap on huge pages, where the system gave them: for each `Drop`,
/// the runs' times stretch by stretch, those that got them apart from those
/// that did not; then each old `Drop` run that got them, and its layout.
fn on_huge_pages() {
    let runs = value_of(EACH_STEP_ENVIRONMENT, "fresh processes per engine");
    println!("Runs that got huge pages (under 100 faults a step");
    println!("after the first), of {runs}, and their ms a step,");
    println!("the median of the runs' own medians, stretch by stretch:");
    let head = format!("  {:<28}{}", "steps from", heads(&STRETCHES));
    println!("{head}");
    // Each row's runs, stretch by stretch, and which of them got huge pages.
    let rows = ON_HUGE_PAGES.map(|name| {
        let ms = each_step(name, Watched::Ms);
        let each = STRETCHES.map(|span| stretch(&ms, span));
        (name, each, on_huge_pages_only(name))
    });
    for (name, each, given) in &rows {
        for (what, runs) in by_pages(name, each[0].len(), given) {
            let ms = each.each_ref().map(|each| {
                median(runs.iter().map(|&run| each[run]).collect())
            });
            println!("  {what:<28}{}", cells(ms));
        }
    }
    let (old, each, given) = &rows[1];
    println!("Each old Drop run that got them:");
    for &run in given {
        let ms = cells(each.each_ref().map(|each| each[run]));
        println!("  {:<28}{ms}", format!("run {}", run + 1));
    }
    let (points, gaps) = widest_layout_difference(old, UNASKED);
    println!("Every old Drop run on huge pages, step by step, against");
    println!("small pages: at most {points:.1} points of near and");
    println!("  {gaps:.1}% of gap apart");
}

/// The runs of the row `name` that got huge pages: those whose steps after
/// the first fault fewer than 100 times, by their median.
fn on_huge_pages_only(name: &str) -> Vec<usize> {
    let faults = each_step(name, Watched::Faults);
    let later = |run| median(faults[1..].iter().map(|s| s[run]).collect());
    (0..faults[0].len()).filter(|&run| later(run) < 100.0).collect()
}

/// The `runs` of the huge-page row `name`, those that got huge pages
/// (`given`) and those that did not, each with its label for a table.
fn by_pages(
    name: &str,
    runs: usize,
    given: &[usize],
) -> [(String, Vec<usize>); 2] {
    let way = &name[..name.find(',').expect("a way, then a setting")];
    [true, false].map(|got| {
        let runs: Vec<usize> =
            (0..runs).filter(|r| given.contains(r) == got).collect();
        let which = if got { "got them" } else { "did not" };
        (format!("{way}, {which} ({})", runs.len()), runs)
    })
}

/// Round by round, the row `slow`'s steps 2 to 100 over `fast`'s.
fn ratios_after_step_1(slow: &str, fast: &str) -> Vec<f64> {
    let [slow, fast] = [slow, fast].map(|name| each_step(name, Watched::Ms));
    over(&slow, &fast, ((2, 100), (2, 100)))
}

/// How many times as long the row `slow`'s steps take as `fast`'s, over
/// steps 2 to 100 (all but the first, whose memory is new to the process):
/// each run's median, round by round, their spread, and in how many
/// rounds the ratio is under 1.
fn after_step_1(slow: &str, fast: &str) -> String {
    let ratios = ratios_after_step_1(slow, fast);
    let ((under, _), rounds) = (sides_of_1(&ratios), ratios.len());
    format!("{}, under 1 in {under} of {rounds}", spread(ratios))
}

/// How many of `ratios` lie under 1, and how many over.
fn sides_of_1(ratios: &[f64]) -> (usize, usize) {
    let count =
        |side: fn(&f64) -> bool| ratios.iter().filter(|r| side(r)).count();
    (count(|&r| r < 1.0), count(|&r| r > 1.0))
}

/// A share as a percentage, to two figures.
fn percent(share: f64) -> String {
    format!("{}%", two_figures(100.0 * share))
}

/// The median over the runs of `what` the rows `names` watched, at some
/// steps, a line per row, each value as `cell` writes it.
fn step_table(what: Watched, names: &[&str], cell: fn(f64) -> String) {
    let shown = [1, 2, 4, 8, 16, 64, 100];
    let head: String = shown.iter().map(|k| format!("{k:>6}")).collect();
    println!("  {:<34}{head}", "step");
    for name in names {
        let medians = step_medians(name, what);
        let cell = |k: &usize| format!("{:>6}", cell(medians[k - 1]));
        let cells: String = shown.iter().map(cell).collect();
        // The old `Drop`'s main row asks glibc, as every row but one does;
        // the tables say so beside the one that does not.
        let name = if *name == WATCHED[1] { "old Drop, asking" } else { name };
        println!("  {name:<34}{cells}");
    }
}

/// Each run's median over the steps `first` to `last`, of `steps`
/// (`[step][run]`).
fn stretch(steps: &[Vec<f64>], (first, last): (usize, usize)) -> Vec<f64> {
    let of_run = |run: usize| {
        median(steps[first - 1..last].iter().map(|s| s[run]).collect())
    };
    (0..steps[0].len()).map(of_run).collect()
}

/// `slow`'s steps over `fast`'s, round by round: each run's median over its
/// stretch of steps, first to last, divided. The stretches are the same
/// to compare two rows, and the rows the same to compare two stretches.
fn over(
    slow: &Steps,
    fast: &Steps,
    (slow_span, fast_span): ((usize, usize), (usize, usize)),
) -> Vec<f64> {
    let [slow, fast] = [(slow, slow_span), (fast, fast_span)]
        .map(|(steps, span)| stretch(steps, span));
    run_by_run(&slow, &fast, |a, b| a / b)
}

/// `what` the rows `names` watched, at every step of every run, as `show`
/// writes it: one value, or the least to the most.
fn every_value(
    names: &[&str],
    what: Watched,
    show: fn(f64) -> String,
) -> String {
    let values: Vec<f64> =
        names.iter().flat_map(|name| each_step(name, what)).flatten().collect();
    let least = values.iter().copied().fold(f64::INFINITY, f64::min);
    let most = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let [least, most] = [least, most].map(show);
    if least == most { least } else { format!("{least} to {most}") }
}

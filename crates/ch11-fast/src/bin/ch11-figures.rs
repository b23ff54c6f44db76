// Generated from chapters/appendix-recorded.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: f3c4dcfa21ef70d8
//! Draws this chapter's figures into the folder given as the first argument,
//! from chapter 12's recorded run (its `data/bench.csv` and `phases.csv`)
//! and the crate's (`data/each-step.csv`); and one, where the walk's nodes
//! lie, from a run of the old `Drop` made here.

use ch11_fast::chart::{Bar, bars};
use ch11_fast::recorded::{
    BENCH, NEW_DROP, OFF_SUFFIX, OLD_DROP, ON_MIMALLOC, PHASES, Row, UNASKED,
    WATCHED, Watched, extremes, median, rows, step_medians, step_phases,
    two_figures,
};
use ch11_fast::watch::{Freeing, scatter};
use viz::plot::Plot;

fn main() {
    // First, before anything else here allocates: where 200 nodes from the
    // middle of the walk's order lie at steps 1, 4 and 16 of a run with the
    // old `Drop`. glibc places a run's nodes the same way on every run of
    // the same program, so this picture, too, is drawn the same each time.
    let steps = [1, 4, 16];
    let window = 30_000..30_200;
    let lying = scatter(Freeing::OldDrop, &steps, window.clone());

    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let write = |name: &str, svg: String| {
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };
    let number = |text: &str| text.parse::<f64>().expect("a number");

    // The heap engines' steps, with the fastbins on and off.
    let bench = rows(BENCH);
    let heap: Vec<&Row> = bench
        .iter()
        .filter(|row| {
            let name = row["engine"].trim_end_matches(OFF_SUFFIX);
            name == OLD_DROP || name == NEW_DROP
        })
        .collect();
    // bench.csv lists each engine's row with the fastbins off after it.
    let shown: Vec<Bar> = heap
        .iter()
        .map(|row| {
            let ms = number(&row["ms_per_step"]);
            let range =
                Some((number(&row["ms_fastest"]), number(&row["ms_slowest"])));
            let label = format!("{} ms", two_figures(ms));
            // The title names the engine; each bar, its `Drop`.
            let name = row["engine"].replace("chapter 6's engine with ", "");
            Bar { name, value: ms, label, range }
        })
        .collect();
    let off = |i: usize| shown[i].name.ends_with(OFF_SUFFIX);
    let title = "One step of chapter 6's engine, glibc's fastbins on and off";
    let axis = "ms per step, median of the runs (bars: fastest to slowest run)";
    write("11-heap.svg", bars(title, axis, &shown, false, &off, &[]));

    // The phases of the step (not the walks beside it), their sum, and
    // the whole step as the bench timed it; those two to 0.1 ms, as the
    // chapter prints them.
    let ms = |ms: f64| format!("{} ms", two_figures(ms));
    let tenths = |ms: f64| format!("{ms:.1} ms");
    let phases = rows(PHASES);
    let mut shown: Vec<Bar> = step_phases(&phases)
        .map(|row| {
            let time = number(&row["ms_per_step"]);
            let runs: Vec<f64> =
                row["ms_by_run"].split(' ').map(number).collect();
            let [fastest, slowest] = extremes(&runs);
            let range = Some((fastest, slowest));
            let name = row["phase"].clone();
            Bar { name, value: time, label: ms(time), range }
        })
        .collect();
    let sum: f64 = shown.iter().map(|row| row.value).sum();
    let totals = shown.len();
    let name = "the phases' sum".into();
    shown.push(Bar { name, value: sum, label: tenths(sum), range: None });
    if let Some(value) = bench.iter().find(|row| row["engine"] == NEW_DROP) {
        let step = number(&value["ms_per_step"]);
        let range =
            Some((number(&value["ms_fastest"]), number(&value["ms_slowest"])));
        let name = "the whole step".into();
        shown.push(Bar { name, value: step, label: tenths(step), range });
    }
    let title = "Where one step of chapter 6's engine with new Drop goes";
    let axis = "ms, median";
    let grey = |i: usize| i >= totals;
    write("11-phases.svg", bars(title, axis, &shown, false, &grey, &[]));

    // Each training step watched: the median of the runs, step by step;
    // then each step's time against its layout.
    let medians = |name: &str, what: Watched| step_medians(name, what);
    let by_step = |name: &str| {
        let steps = medians(name, Watched::Ms).into_iter().enumerate();
        steps.map(|(k, ms)| ((k + 1) as f64, ms)).collect::<Vec<_>>()
    };
    let [by_crate, as_found, then_block, fastbins_off] = WATCHED;
    // Room above the slowest step for the legend, in whole tens of ms.
    let slowest = [as_found, UNASKED]
        .map(|name| medians(name, Watched::Ms).into_iter().fold(0.0, f64::max))
        .into_iter()
        .fold(0.0, f64::max);
    let top = (slowest * 1.3 / 10.0).ceil() * 10.0;
    let plot = Plot::new("Each training step, its graph freed four ways")
        .axes("step", "ms, the median of the runs")
        .y_range(0.0, top)
        .curve("old Drop, not asking glibc", by_step(UNASKED))
        .companion("old Drop, asking glibc", by_step(as_found))
        .curve("new Drop", by_step(by_crate))
        .curve("old Drop, then 64 KiB", by_step(then_block))
        .dashed("old Drop, fastbins off", by_step(fastbins_off));
    write("11-each-step.svg", plot.to_svg().expect("the plot is drawn"));
    let against_gap = |name: &str| -> Vec<(f64, f64)> {
        let gap = medians(name, Watched::Gap);
        let ms = medians(name, Watched::Ms);
        // Step 1, in memory never touched before, is left out.
        gap.iter().zip(&ms).skip(1).map(|(gap, ms)| (*gap, *ms)).collect()
    };
    let compact =
        [by_crate, then_block, fastbins_off].map(against_gap).concat();
    let title = "Each step's time against how far apart its nodes lie";
    let plot = Plot::new(title)
        .axes(
            "median KiB from a node to the one the walk reached before",
            "ms, the median of the runs",
        )
        .log_x()
        .y_range(0.0, top)
        .points("old Drop, not asking glibc", against_gap(UNASKED))
        .points("the three compact rows", compact);
    write("11-time-by-gap.svg", plot.to_svg().expect("the plot is drawn"));

    // The two ways of freeing on glibc and, dashed, on mimalloc.
    let [mimalloc_crate, mimalloc_as_found] = ON_MIMALLOC;
    let plot = Plot::new("Each training step on two allocators")
        .axes("step", "ms, the median of the runs")
        .y_range(0.0, top)
        .curve("old Drop, on glibc", by_step(as_found))
        .companion("old Drop, on mimalloc", by_step(mimalloc_as_found))
        .curve("new Drop, on glibc", by_step(by_crate))
        .companion("new Drop, on mimalloc", by_step(mimalloc_crate));
    write("11-mimalloc.svg", plot.to_svg().expect("the plot is drawn"));

    // Each node in KiB from the window's median-lying node, as far as
    // 128 KiB either way; the legend counts the nodes farther off, not drawn.
    let reach = 128.0;
    let mut plot = Plot::new("Where 200 nodes of the walk lie, old Drop")
        .axes(
            "the node's place in the walk's order",
            "KiB from the middle of the 200",
        )
        .y_range(-reach, reach);
    for (step, mib) in steps.iter().zip(&lying) {
        let middle = median(mib.clone());
        let kib = mib.iter().map(|y| (y - middle) * 1024.0).enumerate();
        let (near, far): (Vec<(f64, f64)>, _) = kib
            .map(|(i, y)| ((window.start + i) as f64, y))
            .partition(|(_, y)| y.abs() <= reach);
        let name = format!("step {step}, {} farther off", far.len());
        plot = plot.points(&name, near);
    }
    write("11-scatter.svg", plot.to_svg().expect("the plot is drawn"));
}

// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: d2d685a850b45127
//! Draws this chapter's figures into the folder given as the first argument.

use ch13_classes::data::{CLASSES, Example};
use ch13_classes::{
    DECAY, HIDDEN, Record, compare_optimizers, memorise, predicted, start,
};
use micrograd::nn::Mlp;
use viz::Plot;
use viz::scatter::{Regions, Scatter};

/// The plane the pictures show: the spiral fits in the unit circle.
const X: (f64, f64) = (-1.6, 1.6);
const Y: (f64, f64) = (-1.2, 1.2);

/// The examples as a scatter plot of their three classes.
fn scatter(title: &str, examples: &[Example]) -> Scatter {
    let mut plot = Scatter::new(title).axes("x1", "x2").ranges(X, Y).shapes();
    for class in 0..CLASSES {
        let points = examples.iter().filter(|e| e.class == class);
        let points = points.map(|e| (e.x[0], e.x[1])).collect();
        plot = plot.class(&format!("class {class}"), points);
    }
    plot
}

/// The class `model` gives the centre of each cell of a grid over the
/// plane; row 0 at the bottom.
fn regions(model: &Mlp, (columns, rows): (usize, usize)) -> Regions {
    let centre = |(low, high): (f64, f64), count: usize, i: usize| {
        low + (high - low) * (i as f64 + 0.5) / count as f64
    };
    let classes = (0..rows)
        .map(|row| {
            (0..columns)
                .map(|column| {
                    let x = [centre(X, columns, column), centre(Y, rows, row)];
                    predicted(&model.forward(&x))
                })
                .collect()
        })
        .collect();
    Regions { x: X, y: Y, classes }
}

/// A curve of one score of each record.
fn curve(records: &[Record], of: fn(&Record) -> f64) -> Vec<(f64, f64)> {
    records.iter().map(|r| (r.step as f64, of(r))).collect()
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let write = |name: &str, svg: Result<String, String>| {
        let svg = svg.unwrap_or_else(|e| panic!("{name}: {e}"));
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };

    let (data, _, _) = start(&HIDDEN);
    let title = "The spiral: 200 training examples";
    write("13-spiral.svg", scatter(title, &data.train).to_svg());

    let runs = compare_optimizers();
    let mut losses = Plot::new("Training loss, one network, three optimizers")
        .axes("step", "loss on the training set (log scale)")
        .log_y();
    for run in &runs {
        losses = losses.curve(run.name, curve(&run.records, |r| r.train.loss));
    }
    write("13-optimizers.svg", losses.to_svg());
    let adam = runs.last().expect("three runs");
    let title = "After 300 steps of Adam, with the 100 held-out examples";
    let plot = scatter(title, &data.held_out)
        .regions(regions(&adam.model, (160, 120)));
    write("13-regions.svg", plot.to_svg());

    let ((_, plain), (_, decayed)) = (memorise(0.0), memorise(DECAY));
    let decay = format!("decay {DECAY}");
    let plot = Plot::new("MLP(2, [16, 16, 3]) trained by Adam on 24 examples")
        .axes("step", "loss (log scale)")
        .log_y()
        // From 0.01, so that the lowest training loss has a tick below it.
        .y_range(0.01, 3.0)
        .curve("training, no decay", curve(&plain, |r| r.train.loss))
        .companion("held-out, no decay", curve(&plain, |r| r.held_out.loss))
        .curve(&format!("training, {decay}"), curve(&decayed, |r| r.train.loss))
        .companion(
            &format!("held-out, {decay}"),
            curve(&decayed, |r| r.held_out.loss),
        );
    write("13-memorise.svg", plot.to_svg());
}

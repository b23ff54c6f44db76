// Generated from chapters/10-moons.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 05a356a920fdbde7
//! Draws this chapter's figures into the folder given as the first argument.

use ch10_moons::{
    Sample, Step, classify_grid, network_with, original, own, train,
};
use micrograd::nn::Mlp;
use viz::Plot;
use viz::scatter::{Regions, Scatter};

/// The plane the pictures show: the data's extent and 1 more on each side,
/// as in the original's picture.
fn frame(data: &[Sample]) -> ((f64, f64), (f64, f64)) {
    let extent = |axis: usize| {
        let values = data.iter().map(|s| s.x[axis]);
        let low = values.clone().fold(f64::INFINITY, f64::min);
        let high = values.fold(f64::NEG_INFINITY, f64::max);
        (low - 1.0, high + 1.0)
    };
    (extent(0), extent(1))
}

/// The data as a scatter plot of its two classes.
fn scatter(title: &str, data: &[Sample]) -> Scatter {
    let class = |y: f64| -> Vec<(f64, f64)> {
        data.iter().filter(|s| s.y == y).map(|s| (s.x[0], s.x[1])).collect()
    };
    let (x, y) = frame(data);
    Scatter::new(title)
        .axes("x1", "x2")
        .ranges(x, y)
        .class("label −1", class(-1.0))
        .class("label +1", class(1.0))
}

/// The data over the regions where the model's score is positive or not.
fn boundary(title: &str, data: &[Sample], model: &Mlp) -> Scatter {
    let (x, y) = frame(data);
    let classes = classify_grid(model, x, y, (300, 210));
    scatter(title, data).regions(Regions { x, y, classes })
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let write = |name: &str, svg: Result<String, String>| {
        let svg = svg.unwrap_or_else(|e| panic!("{name}: {e}"));
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };

    let original = original::load();
    let data = &original.points;
    write("10-data.svg", scatter("The original's 100 points", data).to_svg());
    let model = network_with(&original.parameters);
    let first = train(&model, data);
    let title = "The original, after 100 steps";
    write("10-boundary.svg", boundary(title, data, &model).to_svg());

    let (data, model) = own();
    write("10-own-data.svg", scatter("Our 100 points", &data).to_svg());
    let second = train(&model, &data);
    let title = "Our own, after 100 steps";
    write("10-own-boundary.svg", boundary(title, &data, &model).to_svg());

    let curve = |steps: &[Step], of: fn(&Step) -> f64| {
        steps.iter().enumerate().map(|(k, s)| (k as f64, of(s))).collect()
    };
    let losses = Plot::new("Loss at each step")
        .axes("step", "loss (log scale)")
        .log_y()
        .curve("the original", curve(&first, |s| s.loss))
        .dashed("our own", curve(&second, |s| s.loss));
    write("10-loss.svg", losses.to_svg());
    let accuracy = Plot::new("Accuracy at each step")
        .axes("step", "accuracy")
        .y_range(0.4, 1.15)
        .curve("the original", curve(&first, |s| s.accuracy))
        .dashed("our own", curve(&second, |s| s.accuracy));
    write("10-accuracy.svg", accuracy.to_svg());
}

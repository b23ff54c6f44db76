// Generated from chapters/10-moons.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 12ea81f1ca02a5a2
//! The demo with data and starting weights from the book's own generator.

use ch10_moons::{own, positive_scores, print_parts, print_steps, train};
use micrograd::nn::Module;

fn main() {
    let (data, model) = own();
    println!("{} points, {} parameters", data.len(), model.parameters().len());
    let positive = positive_scores(&model, &data);
    println!("points with a positive score before training: {positive}");
    let steps = train(&model, &data);
    print_steps(&steps);
    print_parts("after the last update", &model, &data);
}

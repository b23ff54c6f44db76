// Generated from chapters/11-fast.md, chapters/11-walk.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b445f9e66ba8fd39
//! A step of chapter 6's engine, timed in its phases.

use std::time::{Duration, Instant};

use ch10_moons::{Sample, loss};
use micrograd::Value;
use micrograd::nn::{Mlp, Module};

/// The time of one step's phases, in the order they run, the step's graph
/// freed by `free`: `drop`, or chapter 6's way.
pub fn phases(
    model: &Mlp,
    data: &[Sample],
    rate: f64,
    free: fn(Value),
) -> [(&'static str, Duration); 5] {
    let clock = Instant::now();
    let (total, _) = loss(model, data);
    let forward = clock.elapsed();

    let clock = Instant::now();
    model.zero_grad();
    total.set_grad(1.0);
    let order = total.topo_hashed();
    let topo = clock.elapsed();

    let clock = Instant::now();
    for value in order.iter().rev() {
        value.backward_step();
    }
    let backward = clock.elapsed();

    let clock = Instant::now();
    for p in model.parameters() {
        p.set_data(p.data() - rate * p.grad());
    }
    let update = clock.elapsed();

    let clock = Instant::now();
    drop(order);
    free(total);
    let freeing = clock.elapsed();
    [
        ("forward", forward),
        ("topo", topo),
        ("backward", backward),
        ("update", update),
        ("free", freeing),
    ]
}

/// The time of one step's phases with the crate as it now is, as `phases`
/// times chapter 6's engine: the walk is the crate's, `order`, and the
/// graph is freed by the crate's `Drop`. Run inside
/// `Value::with_operands_in_a_vec`, it times the cheaper walk's.
pub fn crate_phases(
    model: &Mlp,
    data: &[Sample],
    rate: f64,
) -> [(&'static str, Duration); 5] {
    let clock = Instant::now();
    let (total, _) = loss(model, data);
    let forward = clock.elapsed();

    // … `forward` as in `phases` (hidden)
    let clock = Instant::now();
    model.zero_grad();
    total.set_grad(1.0);
    let order = total.order();
    let walk = clock.elapsed();

    let clock = Instant::now();
    for value in order.iter().rev() {
        value.backward_step();
    }
    let backward = clock.elapsed();

    let clock = Instant::now();
    for p in model.parameters() {
        p.set_data(p.data() - rate * p.grad());
    }
    let update = clock.elapsed();

    // … `update` as in `phases` (hidden)
    let clock = Instant::now();
    drop(order);
    drop(total);
    let freeing = clock.elapsed();
    [
        ("forward", forward),
        ("order", walk),
        ("backward", backward),
        ("update", update),
        ("free", freeing),
    ]
}

// Generated from chapters/11-fast.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 23547ed696fbb623
//! How near one another the nodes of a step's graph lie in memory, after a
//! few training steps, with glibc's fastbins on and off.

use std::process::Command;

use ch10_moons::{learning_rate, loss, network_with, original};
use ch11_fast::{Engine, lean};
use micrograd::nn::Module;

/// What `GLIBC_TUNABLES` holds to switch glibc's fastbins off.
const FASTBINS_OFF: &str = "glibc.malloc.mxfast=0";

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("Value") => value(),
        Some("lean") => lean(),
        _ => each_in_its_own_process(),
    }
}

/// Runs this program again for each engine, with the fastbins on and off:
/// glibc reads its tunables once, when a process starts, and each engine
/// gets a heap no other has used.
fn each_in_its_own_process() {
    let me = std::env::current_exe().expect("the program knows its path");
    for (setting, tunables) in [("on", None), ("off", Some(FASTBINS_OFF))] {
        for engine in ["Value", "lean"] {
            let mut child = Command::new(&me);
            child.arg(engine).env_remove("GLIBC_TUNABLES");
            if let Some(tunables) = tunables {
                child.env("GLIBC_TUNABLES", tunables);
            }
            let output = child.output().expect("the program runs itself");
            assert!(output.status.success(), "measuring {engine} failed");
            let printed = String::from_utf8(output.stdout).expect("UTF-8");
            print!("fastbins {setting}, {printed}");
        }
    }
}

/// Trains five steps of micrograd's `Value`, builds the sixth step's graph,
/// and reports where its nodes lie.
fn value() {
    let original = original::load();
    let (points, parameters) = (&original.points, &original.parameters);
    let model = network_with(parameters);
    for k in 0..5 {
        let (total, _) = loss(&model, points);
        model.zero_grad();
        total.backward();
        for p in model.parameters() {
            p.set_data(p.data() - learning_rate(k) * p.grad());
        }
    }
    let (total, _) = loss(&model, points);
    let addresses = total.topo().iter().map(viz::Expr::id).collect();
    report("Value", addresses);
}

/// The same with the lean nodes.
fn lean() {
    let original = original::load();
    let (points, parameters) = (&original.points, &original.parameters);
    let mut moons = lean::Moons::new(parameters);
    for k in 0..5 {
        moons.step(points, learning_rate(k));
    }
    let (total, _) = moons.loss(points);
    report("lean node", total.order().iter().map(|v| v.address()).collect());
}

/// Prints the share of nodes that lie within 1 KiB of the node the walk
/// reached just before, to the nearest 10%: the addresses change from run
/// to run, the gaps between them little.
fn report(engine: &str, addresses: Vec<usize>) {
    let near = addresses.windows(2).filter(|w| w[0].abs_diff(w[1]) <= 1024);
    let share = near.count() as f64 / (addresses.len() - 1) as f64;
    println!(
        "{engine}: next node within 1 KiB: about {:.0}%",
        (share * 10.0).round() * 10.0
    );
}

// Generated from chapters/08-network.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: dda767607a8c8b1a
//! Draws this chapter's figures into the folder given as the first argument.

use ch08_mlp::{INPUT, chain_net_output, lecture_net, small_net_output};
use micrograd::Value;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: figures DIR");
    let write = |name: &str, svg: String| {
        std::fs::write(format!("{dir}/{name}"), svg)
            .expect("the figure is written");
    };
    let graph = |root: &Value| {
        viz::dot_to_svg(&viz::to_dot(root)).expect("the graph renders")
    };
    write(
        "08-architecture.svg",
        viz::network::network_svg(&[3, 4, 4, 1], "tanh"),
    );
    write("08-chain-net.svg", graph(&chain_net_output()));
    write("08-small-net.svg", graph(&small_net_output()));
    let o = lecture_net().predict(&INPUT);
    o.backward();
    write("08-lecture-net-graph.svg", graph(&o));
}

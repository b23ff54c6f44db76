// Generated from chapters/05-node-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 83de60c4c8423a6a
//! Running backward again on the same graph, without resetting the grads first.

use ch05_node_reuse::Value;

fn main() {
    let a = Value::new(3.0).named("a");
    let s = (&a + &a).named("s");
    for run in 1..=3 {
        s.backward();
        println!("after backward() number {run}: a.grad = {:?}", a.grad());
    }
    a.set_grad(0.0);
    s.backward();
    println!(
        "after a.set_grad(0.0) and one more backward(): a.grad = {:?}",
        a.grad()
    );
}

// Generated from chapters/06-more-ops.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 7c4824bc0e9a0f35
//! Plain numbers in expressions: each becomes an input `Value` of the graph.

use micrograd::Value;

fn main() {
    let a = Value::new(3.0).named("a");
    let b = Value::new(-2.0).named("b");
    println!("2.0 * &a = {}", 2.0 * &a);
    println!("&a + 1.0 = {}", &a + 1.0);
    println!("&a * &b + 1.0 = {}", &a * &b + 1.0);

    let y = 2.0 * &a + 1.0;
    y.backward();
    println!("y = 2.0 * &a + 1.0, after y.backward(), node by node:");
    for node in y.topo() {
        println!("  {node}  op {:?}  label {:?}", node.op(), node.label());
    }
}

// Generated from chapters/02-value.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 5509ab30e8e35a4a
use ch02_value::Value;

/// Prints `value`, and below it, indented one step further, each value it
/// was made from, and theirs in turn.
fn show(value: &Value, depth: usize) {
    let indent = "  ".repeat(depth);
    println!("{indent}{value}, made by {:?}", value.op());
    for child in value.children() {
        show(child, depth + 1);
    }
}

fn main() {
    let a = Value::new(2.0);
    let b = Value::new(-3.0);
    let c = Value::new(10.0);
    let d = &(&a * &b) + &c;
    show(&d, 0);
}

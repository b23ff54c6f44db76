// Generated from chapters/02-value.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: cc6381fbb99b9f5a
use ch02_value::Value;

fn main() {
    let a = Value::new(2.0);
    let b = Value::new(-3.0);
    let c = Value::new(10.0);
    let d = &(&a * &b) + &c;

    println!("d = {d}");
    println!("d was made by {:?} from:", d.op());
    for child in d.children() {
        println!("  {child}, made by {:?}", child.op());
    }
}

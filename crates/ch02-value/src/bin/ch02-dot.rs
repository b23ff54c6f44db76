// Generated from chapters/02-value.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 002fff5a155370c6
use ch02_value::expressions;

fn main() {
    print!("{}", viz::to_dot(&expressions::d()));
}

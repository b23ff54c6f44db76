// Generated from chapters/02-value.md by `cargo xtask tangle`: edit the chapter, not this file.
use ch02_value::expressions;

fn main() {
    print!("{}", viz::to_dot(&expressions::d()));
}

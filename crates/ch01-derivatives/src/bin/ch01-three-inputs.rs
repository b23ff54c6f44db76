// Generated from chapters/01-derivatives.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: da64dd2dd2117912
/// The expression of this section, as a function of its three inputs.
fn d(a: f64, b: f64, c: f64) -> f64 {
    a * b + c
}

fn main() {
    let (a, b, c) = (2.0, -3.0, 10.0);
    let h = 0.0001;
    let d1 = d(a, b, c);
    println!("d = {d1:?}");

    let nudged =
        [("a", d(a + h, b, c)), ("b", d(a, b + h, c)), ("c", d(a, b, c + h))];
    for (input, d2) in nudged {
        println!("nudge {input}: d becomes {d2:?}, slope {:?}", (d2 - d1) / h);
    }
}

// Generated from chapters/13-classes.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 97d4d592051a10ae
//! A network trained on few examples, without and with weight decay.

use ch13_classes::{DECAY, FEW, HIDDEN, Record, memorise};

fn main() {
    let [a, b] = HIDDEN;
    println!("MLP(2, [{a}, {b}, 3]), Adam, trained on {FEW} examples");
    let (plain, decayed) = (memorise(0.0), memorise(DECAY));
    // ... prints both runs' records side by side, and each one's best
    println!("      no weight decay            weight decay {DECAY:?}");
    println!("step  training    held-out       training    held-out");
    let show = |r: &Record| {
        let (train, held) = (r.train, r.held_out);
        let (a, b) = (100.0 * train.accuracy, 100.0 * held.accuracy);
        format!("{:.4} {a:>3.0}%  {:.4} {b:>2.0}%", train.loss, held.loss)
    };
    for (a, b) in plain.iter().zip(&decayed) {
        println!("{:>4}  {}   {}", a.step, show(a), show(b));
    }
    for (name, records) in [("no decay", &plain), ("decay", &decayed)] {
        let best = records
            .iter()
            .min_by(|a, b| a.held_out.loss.total_cmp(&b.held_out.loss))
            .expect("records");
        let (step, loss) = (best.step, best.held_out.loss);
        println!("{name}: lowest held-out loss {loss:.4}, at step {step}");
    }
}

// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: cc4c9bba42ccddfc
//! Where the trained model's heads look, over the held-out names: the mean
//! weight on the name's first letter, and on the reading position itself.

use ch14_gpt::engine::Numbers;
use ch14_gpt::model::{HEADS, Memory, forward};
use ch14_gpt::names::encode;
use ch14_gpt::start;
use ch15_gpt_training::run;

fn main() {
    let (names, gpt, _) = start();
    let (weights, _) = run(&names, &gpt);
    let (mut first, mut itself) = ([0.0; HEADS], [0.0; HEADS]);
    let (mut even, mut count) = (0.0, 0.0);
    for name in &names[names.len() - 1000..] {
        let tokens = encode(name);
        let mut memory = Memory::new();
        let read = &tokens[..tokens.len() - 1];
        for (position, &token) in read.iter().enumerate() {
            forward(&mut Numbers, &weights, token, position, &mut memory);
        }
        // From position 2, the one that reads the second letter, on.
        for position in 2..tokens.len() - 1 {
            for head in 0..HEADS {
                let row = &memory.weights[head][position];
                first[head] += row[1];
                itself[head] += row[position];
            }
            even += 1.0 / (position + 1) as f64;
            count += 1.0;
        }
    }
    println!("head  on the first letter  on itself");
    for head in 0..HEADS {
        let (a, b) = (first[head] / count, itself[head] / count);
        println!("{:>4}  {a:>19.3}  {b:>9.3}", head + 1);
    }
    println!("even  {:>19.3}  {:>9.3}", even / count, even / count);
}

// Generated from chapters/15-gpt-training.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: c4f252be2fd38348
//! Where the trained model's heads look, over the held-out names: the mean
//! weight on the marker, on the name's first letter, and on the reading
//! position itself.

use ch14_gpt::engine::Numbers;
use ch14_gpt::model::{HEADS, Memory, forward};
use ch14_gpt::names::encode;
use ch14_gpt::start;
use ch15_gpt_training::run;

fn main() {
    let (names, gpt, _) = start();
    let (weights, _) = run(&names, &gpt);
    let [mut marker, mut first, mut itself] = [[0.0; HEADS]; 3];
    let (mut even, mut count) = (0.0, 0.0);
    for name in &names[names.len() - 1000..] {
        let tokens = encode(name);
        let mut memory = Memory::new();
        for &token in &tokens[..tokens.len() - 1] {
            forward(&mut Numbers, &weights, token, &mut memory);
        }
        // From position 2, the one that reads the second letter, on.
        for position in 2..tokens.len() - 1 {
            for head in 0..HEADS {
                let row = &memory.weights[head][position];
                marker[head] += row[0];
                first[head] += row[1];
                itself[head] += row[position];
            }
            even += 1.0 / (position + 1) as f64;
            count += 1.0;
        }
    }
    println!("head  on the marker  on the first letter  on itself");
    for head in 0..HEADS {
        let [a, b, c] = [marker, first, itself].map(|sums| sums[head] / count);
        println!("{:>4}  {a:>13.3}  {b:>19.3}  {c:>9.3}", head + 1);
    }
    let even = even / count;
    println!("even  {even:>13.3}  {even:>19.3}  {even:>9.3}");
}

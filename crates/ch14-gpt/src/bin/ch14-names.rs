// Generated from chapters/14-gpt.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 11c577f19fb21a40
//! The names, and what the model is asked at each position of one of them.

use ch14_gpt::names::{encode, letter};
use ch14_gpt::start;

fn main() {
    let (names, _, _) = start();
    let lengths: Vec<usize> = names.iter().map(|n| n.len()).collect();
    let shortest = lengths.iter().min().expect("names");
    let longest = lengths.iter().max().expect("names");
    let mean = lengths.iter().sum::<usize>() as f64 / names.len() as f64;
    let count = names.len();
    println!(
        "{count} names, {shortest} to {longest} letters, {mean:.2} on average"
    );
    println!("the first six, shuffled: {}", names[..6].join(" "));

    // ... the names' count and lengths, and the first six: hidden
    let name = names[0];
    let tokens = encode(name);
    println!("{name:?} as tokens: {tokens:?}");
    println!("what the model is asked, position by position:");
    for position in 0..tokens.len() - 1 {
        let read: String =
            tokens[..=position].iter().map(|&t| letter(t)).collect();
        let next = letter(tokens[position + 1]);
        println!("  {position:>2}  reads {read:<8} next: {next}");
    }
}

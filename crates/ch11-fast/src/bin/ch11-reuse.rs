// Generated from chapters/11-heap.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 740665b1f91124a1
//! Chunks of a node's size freed in some order, then as many taken again:
//! which of the old chunks each new one lands in.

use std::hint::black_box;

/// A box of a node's size, filled with ones: a box of zeros may be asked
/// of the allocator as zeroed memory (`calloc`), which glibc serves by
/// another path.
fn chunk() -> Box<[u8; 112]> {
    black_box(Box::new([1; 112]))
}

fn address(chunk: &[u8; 112]) -> usize {
    chunk as *const [u8; 112] as usize
}

/// Makes as many boxes as `freed` names, frees them in that order (the
/// first made is 1), makes as many again, and returns the old box each new
/// one landed in, and whether the old ones lay side by side, 128 bytes
/// apart (a node's chunk, as the text says).
fn reuse(freed: &[usize]) -> (String, bool) {
    let mut old: Vec<Option<Box<[u8; 112]>>> =
        freed.iter().map(|_| Some(chunk())).collect();
    let places: Vec<usize> =
        old.iter().flatten().map(|boxed| address(boxed)).collect();
    let side_by_side = places.windows(2).all(|pair| pair[1] == pair[0] + 128);
    // Room for the new boxes, made first, so that no other allocation comes
    // between the frees and the boxes that reuse them.
    let mut new: Vec<Box<[u8; 112]>> = Vec::with_capacity(freed.len());
    for &i in freed {
        old[i - 1] = None;
    }
    new.extend(freed.iter().map(|_| chunk()));
    let landed: Vec<String> = new
        .iter()
        .map(|boxed| match places.iter().position(|&p| p == address(boxed)) {
            Some(i) => (i + 1).to_string(),
            None => "elsewhere".to_string(),
        })
        .collect();
    (landed.join(" "), side_by_side)
}

/// `ch11-reuse 5 4 2 1 3`: as many boxes as numbers, freed in that order.
fn main() {
    let order: Result<Vec<usize>, _> =
        std::env::args().skip(1).map(|arg| arg.parse()).collect();
    let freed = order.unwrap_or_default();
    let mut sorted = freed.clone();
    sorted.sort();
    if freed.is_empty() || !sorted.into_iter().eq(1..=freed.len()) {
        eprintln!("usage: ch11-reuse ORDER, each of 1 to n once, as 5 4 2 1 3");
        std::process::exit(2);
    }
    // Before `main`, the runtime freed one chunk of this size; a spare box
    // takes it, so that the boxes below are cut one after another.
    let _spare = chunk();
    let (landed, side_by_side) = reuse(&freed);
    let count = freed.len();
    let freed: Vec<String> = freed.iter().map(|i| i.to_string()).collect();
    println!("{count} boxes, each 128 bytes after the last: {side_by_side}");
    println!("freed {}; the new boxes landed in", freed.join(" "));
    println!("  {landed}");
}

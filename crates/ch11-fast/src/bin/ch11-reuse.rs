// Generated from chapters/11-heap.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: d4786bb26a02eb55
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
    for &i in freed {
        old[i - 1] = None;
    }
    let new: Vec<Box<[u8; 112]>> = freed.iter().map(|_| chunk()).collect();
    let landed: Vec<String> = new
        .iter()
        .map(|boxed| match places.iter().position(|&p| p == address(boxed)) {
            Some(i) => (i + 1).to_string(),
            None => "elsewhere".to_string(),
        })
        .collect();
    (landed.join(" "), side_by_side)
}

/// Four boxes, freed as the toy graph's loop frees its nodes.
fn main() {
    // Before `main`, the runtime freed one chunk of this size; a spare box
    // takes it, so that the boxes below are cut one after another.
    let _spare = chunk();
    // d, b, a, c: the fourth, the second, the first, the third.
    let freed = vec![4, 2, 1, 3];
    let (landed, side_by_side) = reuse(&freed);
    let count = freed.len();
    let freed: Vec<String> = freed.iter().map(|i| i.to_string()).collect();
    println!("{count} boxes, each 128 bytes after the last: {side_by_side}");
    println!("freed {}; the new boxes landed in", freed.join(" "));
    println!("  {landed}");
}

// Generated from chapters/11-heap.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: 328ead88c952bacf
//! Four chunks of a node's size freed out of order, then four taken again:
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

fn main() {
    let mut old: Vec<Option<Box<[u8; 112]>>> =
        (0..4).map(|_| Some(chunk())).collect();
    let places: Vec<usize> =
        old.iter().flatten().map(|chunk| address(chunk)).collect();
    // d, b, a, c: the fourth, the second, the first, the third.
    let freed = [3, 1, 0, 2];
    for i in freed {
        old[i] = None;
    }
    let new: Vec<Box<[u8; 112]>> = (0..4).map(|_| chunk()).collect();
    let landed: Vec<String> = new
        .iter()
        .map(|new| match places.iter().position(|&p| p == address(new)) {
            Some(i) => (i + 1).to_string(),
            None => "elsewhere".to_string(),
        })
        .collect();
    let freed: Vec<String> =
        freed.iter().map(|i| (i + 1).to_string()).collect();
    let [freed, landed] = [freed, landed].map(|chunks| chunks.join(" "));
    println!("freed {freed}; the new boxes landed in {landed}");
}

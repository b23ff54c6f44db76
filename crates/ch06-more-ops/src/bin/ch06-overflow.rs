// Generated from chapters/06-reuse.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: eedca2c965b77b6c
//! Drops a chain a million nodes deep, with the compiler's drop and with a
//! loop of our own, each in a child process, and says how each one ended.

use std::process::Command;
use std::rc::Rc;

/// A stand-in for the crate's node: its children's handles, and nothing else.
struct Recursive {
    // `expect` silences the warning that the field is never read, and would
    // warn in turn if that ever stopped being true.
    #[expect(dead_code, reason = "it is only ever dropped")]
    children: Vec<Rc<Recursive>>,
}

/// The same, freed by a loop.
struct Looped {
    children: Vec<Rc<Looped>>,
}

impl Drop for Looped {
    fn drop(&mut self) {
        // Takes the children, leaving an empty `Vec` in their place: `self`
        // is only borrowed, so they cannot be moved out (E0507).
        let mut handles = std::mem::take(&mut self.children);
        while let Some(handle) = handles.pop() {
            // Ours was the last handle: take the node's children, and let the
            // node, childless, go at the end of this iteration.
            if let Some(mut node) = Rc::into_inner(handle) {
                // `append`, not a move: `Looped` has a `Drop`, so its fields
                // cannot be moved out of it (E0509).
                handles.append(&mut node.children);
            }
        }
    }
}

/// How deep the chains are.
const DEPTH: usize = 1_000_000;

/// A chain `DEPTH` nodes deep, each node made by `node` from its child.
fn chain<T>(node: fn(Vec<Rc<T>>) -> T) -> Rc<T> {
    let mut top = Rc::new(node(vec![]));
    for _ in 0..DEPTH {
        top = Rc::new(node(vec![top]));
    }
    top
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("recursive") => drop(chain(|children| Recursive { children })),
        Some("looped") => drop(chain(|children| Looped { children })),
        _ => each_in_a_child_process(),
    }
}

/// Runs this program again for each version, and says how the run ended.
fn each_in_a_child_process() {
    let me = std::env::current_exe().expect("the program knows its path");
    println!("A chain {DEPTH} nodes deep, dropped:");
    for version in ["recursive", "looped"] {
        let run = Command::new(&me).arg(version).output().expect("it runs");
        let ended = if run.status.success() { "finished" } else { "crashed" };
        // The message's wording differs across Rust versions; this part
        // has stayed the same.
        let stderr = String::from_utf8_lossy(&run.stderr);
        let overflow = stderr.contains("overflowed its stack");
        println!(
            "  {version:<10} {ended}, stack overflow reported: {overflow}"
        );
    }
}

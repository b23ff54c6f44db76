//! Running independent jobs side by side, one per core: the chapters' programs are
//! single-threaded, so on a machine with two cores two of them finish in the time of one.
//!
//! verify runs several `map`s at once (see [`crate::slow_checks`]); however many run, at
//! most two jobs per core run at a time. Two, not one: some jobs wait more than they compute
//! (a test that waits for a time limit, cargo checking that nothing changed), and a job
//! shares its core with one other at most, so it is slowed at most twofold against the time
//! limits of [`crate::process`].

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::thread;

/// `job` applied to every item, on as many threads as the machine has cores (at most one
/// per item); the results in the items' order, whatever order the jobs finish in.
pub fn map<T: Sync, R: Send>(items: &[T], job: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = cores().min(items.len());
    // A map inside a job runs its items one after another, in the job's slot: threads of
    // its own would wait for slots that the jobs around it hold.
    if workers <= 1 || HOLDS_SLOT.get() {
        return items.iter().map(job).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let result = with_slot(|| job(item));
                    results.lock().expect("no job panics while holding the lock")[index] =
                        Some(result);
                }
            });
        }
    });
    let results = results.into_inner().expect("no job panics while holding the lock");
    results.into_iter().map(|r| r.expect("every item was taken by a worker")).collect()
}

fn cores() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}

/// The jobs that may start now, across every `map`.
static FREE: Mutex<Option<usize>> = Mutex::new(None);
static FREED: Condvar = Condvar::new();

thread_local! {
    /// Whether this thread runs a job already.
    static HOLDS_SLOT: Cell<bool> = const { Cell::new(false) };
}

/// Runs `job` once a slot is free, and frees it after, even if `job` panics.
fn with_slot<R>(job: impl FnOnce() -> R) -> R {
    struct Slot;
    impl Drop for Slot {
        fn drop(&mut self) {
            HOLDS_SLOT.set(false);
            let mut free = FREE.lock().unwrap_or_else(|e| e.into_inner());
            *free = free.map(|n| n + 1);
            FREED.notify_one();
        }
    }
    let mut free = FREE.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let n = free.get_or_insert_with(|| 2 * cores());
        if *n > 0 {
            *n -= 1;
            break;
        }
        free = FREED.wait(free).unwrap_or_else(|e| e.into_inner());
    }
    drop(free);
    HOLDS_SLOT.set(true);
    let _slot = Slot;
    job()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_items_order() {
        let items: Vec<u64> = (0..50).collect();
        // Later items finish first: each sleeps less than the one before it.
        let doubled = map(&items, |&n| {
            thread::sleep(std::time::Duration::from_millis(50 - n));
            n * 2
        });
        assert_eq!(doubled, (0..50).map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn maps_side_by_side_run_at_most_two_jobs_per_core_at_once() {
        let running = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let job = |_: &u8| {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            thread::sleep(std::time::Duration::from_millis(20));
            // A map inside a job runs in the job's slot.
            map(&[1u8, 2], |n| *n);
            running.fetch_sub(1, Ordering::SeqCst);
        };
        let items = [0u8; 12];
        thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| map(&items, job));
            }
        });
        let most = most.into_inner();
        assert!(most <= 2 * cores(), "{most} jobs ran at once");
        assert!(most >= cores().min(2), "{most} jobs ran at once");
    }

    #[test]
    fn no_items_no_results() {
        assert!(map(&[] as &[u8], |_| 1).is_empty());
    }
}

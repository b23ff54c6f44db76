//! Running independent jobs side by side, one per core: the chapters' programs are
//! single-threaded, so on a machine with two cores two of them finish in the time of one.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// `job` applied to every item, on as many threads as the machine has cores (at most one
/// per item); the results in the items' order, whatever order the jobs finish in.
pub fn map<T: Sync, R: Send>(items: &[T], job: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(items.len());
    if workers <= 1 {
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
                    let result = job(item);
                    results.lock().expect("no job panics while holding the lock")[index] =
                        Some(result);
                }
            });
        }
    });
    let results = results.into_inner().expect("no job panics while holding the lock");
    results.into_iter().map(|r| r.expect("every item was taken by a worker")).collect()
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
    fn no_items_no_results() {
        assert!(map(&[] as &[u8], |_| 1).is_empty());
    }
}

//! The processor time the xtask has used, with every program it started and waited for
//! (cargo, rustc, the chapters' programs): on a machine others share, wall time says
//! little about what a step costs, and this says it.

use std::time::Duration;

/// Processor time, user and system, of this process and of its children that ended, so
/// far; `None` where the system does not say (anywhere but Linux).
pub fn used() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    from_stat(&stat)
}

/// The sum of `utime`, `stime`, `cutime` and `cstime` in a `/proc/PID/stat` line.
fn from_stat(stat: &str) -> Option<Duration> {
    // The command name, in parentheses, may hold spaces: count the fields after it.
    let (_, after_name) = stat.rsplit_once(") ")?;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // After the name come the state (field 3 of proc(5)), …, utime (14) to cstime (17).
    let ticks: u64 =
        fields.get(11..15)?.iter().map(|f| f.parse::<u64>().ok()).sum::<Option<_>>()?;
    // proc(5) counts in clock ticks of sysconf(_SC_CLK_TCK), which Linux fixes at 100 for
    // every program (USER_HZ), whatever the kernel's own tick.
    Some(Duration::from_millis(ticks * 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_times_are_summed_in_ticks_of_ten_milliseconds() {
        let stat = "4242 (a (strange) name) S 1 4242 4242 0 -1 4194304 100 0 0 0 \
                    250 30 1200 420 20 0 1 0 100 1000 10";
        assert_eq!(from_stat(stat), Some(Duration::from_millis((250 + 30 + 1200 + 420) * 10)));
        assert_eq!(from_stat("4242 (cut short) S 1"), None);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn this_process_has_used_some_time() {
        let spin = std::time::Instant::now();
        let mut n = 0u64;
        while spin.elapsed() < Duration::from_millis(50) {
            n = std::hint::black_box(n + 1);
        }
        assert!(used().is_some_and(|used| used > Duration::ZERO));
    }
}

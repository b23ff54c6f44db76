//! Running a program the chapters built, within limits: a time limit, after which it is
//! killed, and a cap on what it may print, past which it is killed too. So a program that
//! never ends, or prints without end, costs a bounded time and memory, never a hang.
//!
//! On Unix each program runs in a process group of its own, and a program stopped at a
//! limit is stopped with everything it started: `cargo test` stopped must not leave its
//! test binary running. A group of its own no longer hears the terminal's Ctrl-C, so the
//! xtask, which does, passes it on: it ends the groups it runs, then itself.

use std::io::{self, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// The most a shown program may print, stdout and stderr each: nearly a thousand times the
/// book's longest output block (1.2 KB), and little enough to hold, match and diff at once.
/// A program that prints more is stopped, so printing without end costs a bounded time.
pub const OUTPUT_CAP: usize = 1 << 20;

/// The limits of a shown program (or a figures program) when its block asks for none.
pub const PROGRAM: Limits = Limits { time: crate::grammar::DEFAULT_TIMEOUT, output: OUTPUT_CAP };

/// The limits of a build of a chapter's program: a cold build of a crate with large
/// dependencies takes minutes on a busy machine, so only a build that cannot end (a build
/// script that loops, say) meets them.
pub const BUILD: Limits = Limits { time: Duration::from_secs(3600), output: 64 << 20 };

/// How long a program may run, and how many bytes it may print on each of stdout and stderr.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub time: Duration,
    pub output: usize,
}

/// How a program ended.
#[derive(Debug)]
pub enum Ended {
    /// It exited by itself, with what it printed.
    Exited { status: ExitStatus, stdout: String, stderr: String },
    /// It ran past its time limit and was killed; what it printed until then.
    TimedOut { stdout: String, stderr: String },
    /// It printed more than its limit and was killed.
    PrintedTooMuch,
}

/// Runs `command` with no input; with `merged`, stderr goes into the same pipe as stdout,
/// so the two interleave as in a terminal, and the `stderr` of the result is empty.
pub fn run(mut command: Command, limits: Limits, merged: bool) -> io::Result<Ended> {
    command.stdin(Stdio::null());
    let merged_pipe = if merged {
        let (reader, writer) = io::pipe()?;
        command.stdout(writer.try_clone()?).stderr(writer);
        Some(reader)
    } else {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        None
    };
    let mut child = spawn(&mut command)?;
    // Our ends of a merged pipe's writer live in `command`: drop them, or the pipe never ends.
    drop(command);
    let pipes: [Box<dyn Read + Send>; 2] = match merged_pipe {
        Some(reader) => [Box::new(reader), Box::new(io::empty())],
        None => [boxed(child.stdout.take()), boxed(child.stderr.take())],
    };
    wait(child, pipes, limits)
}

/// Runs `command` with no input, capturing its stdout while its stderr goes straight to
/// ours, so a long run's progress shows as it happens (the result's `stderr` is empty).
pub fn run_showing_stderr(mut command: Command, limits: Limits) -> io::Result<Ended> {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = spawn(&mut command)?;
    let pipes: [Box<dyn Read + Send>; 2] = [boxed(child.stdout.take()), Box::new(io::empty())];
    wait(child, pipes, limits)
}

/// Reads the child's two pipes until they end, within `limits`, and waits for it.
fn wait(mut child: Child, pipes: [Box<dyn Read + Send>; 2], limits: Limits) -> io::Result<Ended> {
    let _running = interrupt::Running::new(&child);
    let cap = limits.output;
    let (sender, receiver) = mpsc::channel();
    for (index, pipe) in pipes.into_iter().enumerate() {
        let sender = sender.clone();
        thread::spawn(move || {
            let mut bytes = vec![];
            let result = pipe.take(cap as u64 + 1).read_to_end(&mut bytes);
            let _ = sender.send((index, result.map(|_| bytes)));
        });
    }
    drop(sender);
    let deadline = Instant::now() + limits.time;
    let mut printed: [Option<Vec<u8>>; 2] = [None, None];
    let status = loop {
        // A reader that is done has either reached the end of its pipe or the cap.
        while let Ok((index, bytes)) = receiver.try_recv() {
            let bytes = bytes.unwrap_or_default();
            if bytes.len() > cap {
                stop(&mut child);
                return Ok(Ended::PrintedTooMuch);
            }
            printed[index] = Some(bytes);
        }
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            stop(&mut child);
            break None;
        }
        thread::sleep(Duration::from_millis(5));
    };
    // The program is gone; its pipes end now, unless something it started holds them open.
    let grace = Instant::now() + Duration::from_secs(2);
    while printed.iter().any(Option::is_none) {
        let wait = grace.saturating_duration_since(Instant::now());
        let Ok((index, bytes)) = receiver.recv_timeout(wait) else {
            break;
        };
        let bytes = bytes.unwrap_or_default();
        if bytes.len() > cap {
            return Ok(Ended::PrintedTooMuch);
        }
        printed[index] = Some(bytes);
    }
    let [stdout, stderr] = printed.map(|b| String::from_utf8_lossy(&b.unwrap_or_default()).into());
    Ok(match status {
        Some(status) => Ended::Exited { status, stdout, stderr },
        None => Ended::TimedOut { stdout, stderr },
    })
}

fn boxed(pipe: Option<impl Read + Send + 'static>) -> Box<dyn Read + Send> {
    match pipe {
        Some(pipe) => Box::new(pipe),
        None => Box::new(io::empty()),
    }
}

/// Starts `command` in a process group of its own (on Unix), so that [`stop`] can end it
/// with everything it started.
fn spawn(command: &mut Command) -> io::Result<Child> {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(command, 0);
    command.spawn()
}

/// Kills the child and its process group, then reaps it. The group is killed first, while
/// the child is unreaped: its id, the group's, cannot have been given to another process.
fn stop(child: &mut Child) {
    #[cfg(unix)]
    {
        use rustix::process::{Pid, Signal, kill_process_group};
        let _ = kill_process_group(Pid::from_child(child), Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Passing an interrupt (Ctrl-C, or SIGTERM, SIGHUP) on to the process groups running.
#[cfg(unix)]
mod interrupt {
    use std::collections::BTreeSet;
    use std::process::Child;
    use std::sync::{Mutex, Once};
    use std::thread;

    use rustix::process::{Pid, Signal, kill_process_group};
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    /// The process groups running now, by their ids (their first process's).
    static RUNNING: Mutex<BTreeSet<u32>> = Mutex::new(BTreeSet::new());

    /// A process group, listed as running while this lives.
    pub struct Running(u32);

    impl Running {
        pub fn new(child: &Child) -> Self {
            static LISTEN: Once = Once::new();
            LISTEN.call_once(listen);
            RUNNING.lock().unwrap_or_else(|e| e.into_inner()).insert(child.id());
            Running(child.id())
        }
    }

    impl Drop for Running {
        fn drop(&mut self) {
            RUNNING.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.0);
        }
    }

    /// From now on, an interrupt ends the running groups, then the xtask, as it would have
    /// without a handler (exit status 128 + the signal's number).
    fn listen() {
        let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
                for &group in running.iter() {
                    if let Some(group) = Pid::from_raw(group as i32) {
                        let _ = kill_process_group(group, Signal::KILL);
                    }
                }
                std::process::exit(128 + signal);
            }
        });
    }
}

/// Elsewhere a program has no group of its own, and an interrupt reaches it directly.
#[cfg(not(unix))]
mod interrupt {
    pub struct Running;

    impl Running {
        pub fn new(_: &std::process::Child) -> Self {
            Running
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(millis: u64) -> Limits {
        Limits { time: Duration::from_millis(millis), ..PROGRAM }
    }

    fn shell(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }

    #[test]
    fn output_is_captured_and_merged_in_order() {
        let Ended::Exited { status, stdout, stderr } =
            run(shell("echo out; echo err >&2"), PROGRAM, false).unwrap()
        else {
            panic!("should exit");
        };
        assert!(status.success());
        assert_eq!((stdout.as_str(), stderr.as_str()), ("out\n", "err\n"));
        let Ended::Exited { stdout, .. } =
            run(shell("echo a; echo b >&2; echo c"), PROGRAM, true).unwrap()
        else {
            panic!("should exit");
        };
        assert_eq!(stdout, "a\nb\nc\n");
    }

    #[test]
    fn a_program_that_never_ends_is_stopped() {
        let started = Instant::now();
        let ended = run(shell("echo started; exec sleep 30"), short(300), false);
        assert!(matches!(ended.unwrap(), Ended::TimedOut { stdout, .. } if stdout == "started\n"));
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    /// Whether process `pid` still runs (a zombie, dead but not yet reaped, does not).
    #[cfg(target_os = "linux")]
    fn runs(pid: &str) -> bool {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let state = stat.rsplit_once(") ").and_then(|(_, rest)| rest.chars().next());
        state.is_some_and(|state| state != 'Z')
    }

    /// As `cargo test` runs a test binary: a time limit that ends the program must end what
    /// it started too, or a test that loops forever outlives `cargo test`.
    #[test]
    #[cfg(target_os = "linux")]
    fn a_time_limit_ends_what_the_program_started_too() {
        let ended =
            run(shell("sleep 30 >/dev/null 2>&1 & echo $!; wait"), short(300), false).unwrap();
        let Ended::TimedOut { stdout, .. } = ended else {
            panic!("should time out: {ended:?}");
        };
        let started = stdout.trim();
        assert!(!started.is_empty(), "the program printed no process id");
        let gone = Instant::now() + Duration::from_secs(5);
        while runs(started) && Instant::now() < gone {
            thread::sleep(Duration::from_millis(10));
        }
        let outlived = runs(started);
        if outlived {
            let _ = Command::new("kill").args(["-KILL", started]).status();
        }
        assert!(!outlived, "the program's child {started} outlived its time limit");
    }

    #[test]
    fn a_program_that_prints_without_end_is_stopped() {
        let started = Instant::now();
        let ended = run(shell("exec yes"), PROGRAM, false).unwrap();
        assert!(matches!(ended, Ended::PrintedTooMuch));
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}

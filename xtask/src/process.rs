//! Running a program the chapters built, within limits: a time limit, after which it is
//! killed, and a cap on what it may print, past which it is killed too. So a program that
//! never ends, or prints without end, costs a bounded time and memory, never a hang.

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
    let mut child = command.spawn()?;
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
    let mut child = command.spawn()?;
    let pipes: [Box<dyn Read + Send>; 2] = [boxed(child.stdout.take()), Box::new(io::empty())];
    wait(child, pipes, limits)
}

/// Reads the child's two pipes until they end, within `limits`, and waits for it.
fn wait(mut child: Child, pipes: [Box<dyn Read + Send>; 2], limits: Limits) -> io::Result<Ended> {
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

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
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

    #[test]
    fn a_program_that_prints_without_end_is_stopped() {
        let started = Instant::now();
        let ended = run(shell("exec yes"), PROGRAM, false).unwrap();
        assert!(matches!(ended, Ended::PrintedTooMuch));
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}

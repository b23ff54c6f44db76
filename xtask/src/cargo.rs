//! Running cargo in the project: always from the workspace root, always `--locked`.

use std::process::{Command, Output, Stdio};

use crate::project::Project;

/// `cargo SUBCOMMAND --locked ARGS…` in the project root (`cargo fmt` reads no lock file,
/// so it gets no `--locked`).
pub fn command(project: &Project, subcommand: &str, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(&project.root).arg(subcommand);
    if subcommand != "fmt" {
        command.arg("--locked");
    }
    command.args(args);
    command
}

/// Runs `command` with its output shown; an error says what failed.
pub fn status(mut command: Command) -> Result<(), String> {
    match command.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("`{}` failed ({status})", describe(&command))),
        Err(error) => Err(format!("cannot start `{}`: {error}", describe(&command))),
    }
}

/// Runs `command` and captures what it prints; an error carries the tail of its stderr.
pub fn output(command: Command) -> Result<String, String> {
    captured(command, false)
}

/// Like [`output`], for tools that report on stdout: an error carries all of stdout.
pub fn output_with_stdout(command: Command) -> Result<String, String> {
    captured(command, true)
}

fn captured(mut command: Command, report_stdout: bool) -> Result<String, String> {
    let result: std::io::Result<Output> = command.stdin(Stdio::null()).output();
    match result {
        Ok(out) if out.status.success() => Ok(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) if report_stdout => Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )),
        Ok(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let lines: Vec<&str> = stderr.lines().collect();
            let tail = lines[lines.len().saturating_sub(20)..].join("\n    ");
            Err(format!("`{}` failed ({}):\n    {tail}", describe(&command), out.status))
        }
        Err(error) => Err(format!("cannot start `{}`: {error}", describe(&command))),
    }
}

fn describe(command: &Command) -> String {
    let program = command.get_program().to_string_lossy().into_owned();
    let program = if program.ends_with("cargo") { "cargo".to_string() } else { program };
    std::iter::once(program)
        .chain(command.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

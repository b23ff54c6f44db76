//! verify's run of the workspace's tests: what `cargo test --workspace` does, with the test
//! binaries side by side rather than one after another. cargo builds them
//! (`cargo test --no-run`); each then runs as cargo would run it, in its package's folder
//! with the variables cargo gives a test, and the doc tests run in one `cargo test --doc`
//! beside them. A failure names the package and test binary, with libtest's report of the
//! failing tests, cut short, and the command that runs that binary alone.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::Duration;

use serde_json::Value;

use crate::cargo;
use crate::parallel;
use crate::problem::{Problem, Problems};
use crate::process::{self, Ended, Limits};
use crate::project::Project;

/// How long one test binary, or the doc tests, may run: cargo sets no limit, and this one
/// only stops a test that never ends.
const LIMITS: Limits = Limits { time: Duration::from_secs(3600), output: 64 << 20 };

/// A test binary cargo built, and how cargo would run it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestBinary {
    pub package: String,
    /// The target's source, relative to the package: `tests/outputs.rs`, `src/lib.rs`.
    pub source: String,
    /// The target's name and kind, for `cargo test -p PACKAGE --test NAME` and the like.
    pub target: String,
    pub kind: String,
    pub executable: PathBuf,
    /// The package's folder, where cargo runs its tests.
    pub dir: PathBuf,
}

impl TestBinary {
    /// The cargo command that runs this binary alone.
    pub fn command(&self) -> String {
        let select = match self.kind.as_str() {
            "lib" | "proc-macro" => "--lib".to_string(),
            "bin" => format!("--bin {}", self.target),
            kind => format!("--{kind} {}", self.target),
        };
        format!("cargo test -p {} {select}", self.package)
    }

    /// `outputs` of `tests/outputs.rs`, as the test binary's tests are named in reports.
    pub fn test_file(&self) -> Option<&str> {
        self.source.strip_prefix("tests/")?.strip_suffix(".rs")
    }
}

/// A test that verify need not run, with why: another step has checked what it checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub package: String,
    /// The test file's name (`outputs` for `tests/outputs.rs`) and the test's name in it.
    pub test_file: String,
    pub test: String,
}

/// Builds every test binary of the workspace with one `cargo test --no-run`.
pub fn build(project: &Project) -> Result<Vec<TestBinary>, Problems> {
    let mut command = cargo::command(
        project,
        "test",
        &["--workspace", "--no-run", "--quiet", "--message-format=json"],
    );
    command.env("CARGO_TERM_COLOR", "never");
    let failed = |message: String| vec![Problem::new("cargo test", 0, message)];
    let printed = match process::run(command, process::BUILD, false) {
        Ok(Ended::Exited { status, stdout, stderr }) if status.success() => {
            let _ = stderr;
            stdout
        }
        Ok(Ended::Exited { stdout, stderr, .. }) => {
            let errors = stdout
                .lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .filter(|m| m["reason"] == "compiler-message" && m["message"]["level"] == "error")
                .filter_map(|m| m["message"]["rendered"].as_str().map(str::to_string))
                .collect::<Vec<_>>()
                .join("\n");
            let said = if errors.is_empty() { stderr } else { errors };
            return Err(failed(format!(
                "building the tests failed:\n{}",
                crate::programs::tail(&said, 40)
            )));
        }
        Ok(_) => return Err(failed("building the tests took too long or printed too much".into())),
        Err(e) => return Err(failed(format!("cannot start cargo: {e}"))),
    };
    Ok(binaries(&printed))
}

/// The test binaries in the JSON messages of `cargo test --no-run`, in cargo's order.
fn binaries(messages: &str) -> Vec<TestBinary> {
    let mut found = vec![];
    for message in messages.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()) {
        if message["reason"] != "compiler-artifact" || message["profile"]["test"] != true {
            continue;
        }
        let (Some(executable), Some(manifest), Some(target), Some(source)) = (
            message["executable"].as_str(),
            message["manifest_path"].as_str(),
            message["target"]["name"].as_str(),
            message["target"]["src_path"].as_str(),
        ) else {
            continue;
        };
        let dir = Path::new(manifest).parent().map(Path::to_path_buf).unwrap_or_default();
        let source = Path::new(source).strip_prefix(&dir).unwrap_or(Path::new(source));
        let kind = message["target"]["kind"][0].as_str().unwrap_or("lib");
        found.push(TestBinary {
            package: package_name(&message["package_id"], &dir),
            source: source.to_string_lossy().into_owned(),
            target: target.to_string(),
            kind: kind.to_string(),
            executable: PathBuf::from(executable),
            dir,
        });
    }
    found
}

/// The package's name: from its id (`path+file:///…/name#0.1.0`, or `…/dir#name@0.1.0`
/// when the folder is named otherwise), else its folder's name.
fn package_name(id: &Value, dir: &Path) -> String {
    let folder = || dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let Some((path, version)) = id.as_str().and_then(|id| id.rsplit_once('#')) else {
        return folder();
    };
    match version.split_once('@') {
        Some((name, _)) => name.to_string(),
        None => path.rsplit('/').next().map_or_else(folder, str::to_string),
    }
}

/// What one test binary (or the doc tests) reported.
struct Outcome {
    /// The tests that passed, and the ones skipped because another step checked them.
    passed: usize,
    skipped: Vec<String>,
    problem: Option<Problem>,
}

/// Runs every test binary, two or more at once, and the doc tests beside them. The
/// binaries of the test files in `waiting` (package, test file) run last, each once
/// `skips()` has said which of their tests to leave out (`--exact --skip NAME`). On success,
/// says how many tests passed; otherwise a problem per failing binary.
pub fn run(
    project: &Project,
    binaries: &[TestBinary],
    waiting: &[(String, String)],
    skips: &(dyn Fn() -> Vec<Skip> + Sync),
) -> Result<String, Problems> {
    let environment = match package_environment(project) {
        Ok(environment) => environment,
        Err(message) => return Err(vec![Problem::new("cargo metadata", 0, message)]),
    };
    let waits = |binary: &TestBinary| {
        waiting.iter().any(|(p, f)| *p == binary.package && binary.test_file() == Some(f))
    };
    // The doc tests first: they compile as they go, so they take long.
    let environment = |binary: &TestBinary| {
        environment.get(&binary.package).map_or(&[][..], Vec::as_slice).to_vec()
    };
    // The doc tests first: they compile as they go, so they take long.
    let now: Vec<Option<&TestBinary>> =
        std::iter::once(None).chain(binaries.iter().filter(|b| !waits(b)).map(Some)).collect();
    let later: Vec<&TestBinary> = binaries.iter().filter(|b| waits(b)).collect();
    // The binaries that wait, wait in a thread of their own, holding no slot of `parallel`.
    let (now, later) = thread::scope(|scope| {
        let later = scope.spawn(|| {
            let skips = skips();
            parallel::map(&later, |binary| {
                let skips: Vec<Skip> = skips
                    .iter()
                    .filter(|s| s.package == binary.package)
                    .filter(|s| binary.test_file() == Some(&s.test_file))
                    .cloned()
                    .collect();
                run_binary(project, binary, &environment(binary), &skips)
            })
        });
        let now = parallel::map(&now, |job| match job {
            None => doc_tests(project),
            Some(binary) => run_binary(project, binary, &environment(binary), &[]),
        });
        (now, later.join().unwrap_or_default())
    });
    if later.len() != binaries.iter().filter(|b| waits(b)).count() {
        return Err(vec![Problem::new("cargo test", 0, "the xtask's test run panicked")]);
    }
    let outcomes = now.into_iter().chain(later);
    let mut problems = vec![];
    let (mut passed, mut skipped) = (0, vec![]);
    for outcome in outcomes {
        passed += outcome.passed;
        skipped.extend(outcome.skipped);
        problems.extend(outcome.problem);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut summary =
        format!("{passed} tests passed, in {} test binaries and the doc tests", binaries.len());
    if !skipped.is_empty() {
        summary.push_str(&format!(
            "; {} snapshot tests not run again, their snapshots matching what the outputs step saw their programs print ({})",
            skipped.len(),
            packages(&skipped)
        ));
    }
    Ok(summary)
}

/// The packages of `tests` (`package::file::test`), each once, with how many: `a (2), b (1)`.
fn packages(tests: &[String]) -> String {
    let mut counted: Vec<(&str, usize)> = vec![];
    for package in tests.iter().map(|t| t.split("::").next().unwrap_or(t)) {
        match counted.iter_mut().find(|(p, _)| *p == package) {
            Some((_, n)) => *n += 1,
            None => counted.push((package, 1)),
        }
    }
    counted.iter().map(|(p, n)| format!("{p} ({n})")).collect::<Vec<_>>().join(", ")
}

/// Runs one test binary as cargo would, leaving out `skips`.
fn run_binary(
    project: &Project,
    binary: &TestBinary,
    environment: &[(String, String)],
    skips: &[Skip],
) -> Outcome {
    let mut command = Command::new(&binary.executable);
    command.current_dir(&binary.dir).envs(environment.iter().map(|(k, v)| (k, v)));
    command.env("CARGO", cargo_program()).env("INSTA_UPDATE", "no").env("CI", "true");
    if !skips.is_empty() {
        command.arg("--exact");
        for skip in skips {
            command.args(["--skip", &skip.test]);
        }
    }
    let skipped =
        skips.iter().map(|s| format!("{}::{}::{}", s.package, s.test_file, s.test)).collect();
    let place = relative(project, &binary.dir.join(&binary.source));
    let (passed, problem) = judge(command, &place, &format!("`{}`", binary.command()));
    Outcome { passed, skipped, problem }
}

/// `cargo test --workspace --doc`.
fn doc_tests(project: &Project) -> Outcome {
    let mut command = cargo::command(project, "test", &["--workspace", "--doc"]);
    command.env("INSTA_UPDATE", "no").env("CI", "true").env("CARGO_TERM_COLOR", "never");
    let (passed, problem) = judge(command, "cargo test --doc", "`cargo test --workspace --doc`");
    Outcome { passed, skipped: vec![], problem }
}

/// Runs a test command; the tests it passed, or the problem to report at `place`.
fn judge(command: Command, place: &str, rerun: &str) -> (usize, Option<Problem>) {
    let printed = match process::run(command, LIMITS, true) {
        Ok(Ended::Exited { status, stdout, .. }) if status.success() => {
            return (passed(&stdout), None);
        }
        Ok(Ended::Exited { status, stdout, .. }) => {
            let report = crate::bless::failures(&stdout, "");
            let report =
                if report.is_empty() { crate::programs::tail(&stdout, 30) } else { report };
            format!("{rerun} failed ({status}):\n{report}")
        }
        Ok(Ended::TimedOut { .. }) => {
            format!("{rerun} was stopped after {} minutes", LIMITS.time.as_secs() / 60)
        }
        Ok(Ended::PrintedTooMuch) => format!("{rerun} printed too much: stopped"),
        Err(e) => format!("cannot start {rerun}: {e}"),
    };
    (0, Some(Problem::new(place, 0, printed)))
}

/// The number of passed tests in libtest's `test result:` lines.
fn passed(printed: &str) -> usize {
    printed
        .lines()
        .filter_map(|l| l.strip_prefix("test result: "))
        .filter_map(|l| {
            l.split("; ").next()?.strip_suffix(" passed")?.rsplit(' ').next()?.parse::<usize>().ok()
        })
        .sum()
}

/// The variables cargo gives a package's tests when it runs them, by package name.
fn package_environment(
    project: &Project,
) -> Result<HashMap<String, Vec<(String, String)>>, String> {
    let command = cargo::command(project, "metadata", &["--no-deps", "--format-version", "1"]);
    let metadata: Value = cargo::output(command)
        .and_then(|json| serde_json::from_str(&json).map_err(|e| e.to_string()))?;
    let packages = metadata["packages"].as_array().map_or(&[][..], Vec::as_slice);
    Ok(packages
        .iter()
        .map(|p| (p["name"].as_str().unwrap_or("").to_string(), environment(p)))
        .collect())
}

/// The variables of one package of `cargo metadata` (cargo's list for a program it runs).
fn environment(package: &Value) -> Vec<(String, String)> {
    let text = |key: &str| package[key].as_str().unwrap_or("").to_string();
    let manifest = text("manifest_path");
    let dir = Path::new(&manifest).parent().map(|d| d.to_string_lossy().into_owned());
    let version = text("version");
    let (numbers, pre) = version.split_once('-').unwrap_or((&version, ""));
    let mut numbers = numbers.split('.').map(str::to_string);
    let authors: Vec<&str> = package["authors"]
        .as_array()
        .map_or(vec![], |a| a.iter().filter_map(Value::as_str).collect());
    vec![
        ("CARGO_MANIFEST_DIR".into(), dir.unwrap_or_default()),
        ("CARGO_MANIFEST_PATH".into(), manifest.clone()),
        ("CARGO_PKG_NAME".into(), text("name")),
        ("CARGO_PKG_VERSION".into(), version.clone()),
        ("CARGO_PKG_VERSION_MAJOR".into(), numbers.next().unwrap_or_default()),
        ("CARGO_PKG_VERSION_MINOR".into(), numbers.next().unwrap_or_default()),
        ("CARGO_PKG_VERSION_PATCH".into(), numbers.next().unwrap_or_default()),
        ("CARGO_PKG_VERSION_PRE".into(), pre.to_string()),
        ("CARGO_PKG_AUTHORS".into(), authors.join(":")),
        ("CARGO_PKG_DESCRIPTION".into(), text("description")),
        ("CARGO_PKG_HOMEPAGE".into(), text("homepage")),
        ("CARGO_PKG_REPOSITORY".into(), text("repository")),
        ("CARGO_PKG_LICENSE".into(), text("license")),
        ("CARGO_PKG_LICENSE_FILE".into(), text("license_file")),
        ("CARGO_PKG_RUST_VERSION".into(), text("rust_version")),
        ("CARGO_PKG_README".into(), text("readme")),
    ]
}

/// The cargo that runs the xtask, for tests that run cargo (as insta does to find the
/// workspace).
fn cargo_program() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn relative(project: &Project, path: &Path) -> String {
    path.strip_prefix(&project.root).unwrap_or(path).to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_binaries_are_read_from_cargo_messages() {
        let messages = [
            r#"{"reason":"compiler-artifact","package_id":"path+file:///w/crates/ch11-fast#0.1.0","manifest_path":"/w/crates/ch11-fast/Cargo.toml","target":{"kind":["test"],"name":"outputs","src_path":"/w/crates/ch11-fast/tests/outputs.rs"},"profile":{"test":true},"executable":"/w/target/debug/deps/outputs-1"}"#,
            r#"{"reason":"compiler-artifact","package_id":"path+file:///w/crates/engine#micrograd@0.1.0","manifest_path":"/w/crates/engine/Cargo.toml","target":{"kind":["lib"],"name":"micrograd","src_path":"/w/crates/engine/src/lib.rs"},"profile":{"test":true},"executable":"/w/target/debug/deps/micrograd-2"}"#,
            r#"{"reason":"compiler-artifact","package_id":"path+file:///w/crates/ch11-fast#0.1.0","manifest_path":"/w/crates/ch11-fast/Cargo.toml","target":{"kind":["bin"],"name":"ch11-engines","src_path":"/w/crates/ch11-fast/src/bin/ch11-engines.rs"},"profile":{"test":false},"executable":"/w/target/debug/ch11-engines"}"#,
            r#"{"reason":"compiler-artifact","package_id":"path+file:///w/crates/viz#0.1.0","manifest_path":"/w/crates/viz/Cargo.toml","target":{"kind":["lib"],"name":"viz","src_path":"/w/crates/viz/src/lib.rs"},"profile":{"test":true},"executable":null}"#,
            r#"{"reason":"build-finished","success":true}"#,
        ];
        let found = binaries(&messages.join("\n"));
        let commands: Vec<(String, &str, Option<&str>)> =
            found.iter().map(|b| (b.command(), b.source.as_str(), b.test_file())).collect();
        assert_eq!(
            commands,
            [
                (
                    "cargo test -p ch11-fast --test outputs".into(),
                    "tests/outputs.rs",
                    Some("outputs")
                ),
                ("cargo test -p micrograd --lib".into(), "src/lib.rs", None),
            ]
        );
        assert_eq!(found[0].dir, Path::new("/w/crates/ch11-fast"));
    }

    #[test]
    fn skipped_tests_are_counted_by_package() {
        let tests = ["a::outputs::x", "b::outputs::y", "a::outputs::z"].map(String::from);
        assert_eq!(packages(&tests), "a (2), b (1)");
    }

    #[test]
    fn passed_tests_are_counted_from_libtest_results() {
        let printed = "running 2 tests\ntest a ... ok\ntest b ... ok\n\ntest result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 1 filtered out; finished in 0.01s\n\nrunning 1 test\ntest result: ok. 1 passed; 0 failed\n";
        assert_eq!(passed(printed), 3);
    }

    #[test]
    fn a_failing_binary_is_reported_with_its_failures_and_how_to_rerun_it() {
        let mut command = Command::new("sh");
        command.args([
            "-c",
            "echo 'running 1 test'; echo 'test it ... FAILED'; echo; echo failures:; echo; echo '---- it stdout ----'; echo 'assertion failed'; echo; echo failures:; echo '    it'; echo; echo 'test result: FAILED. 0 passed; 1 failed'; exit 101",
        ]);
        let (passed, problem) = judge(command, "crates/a/tests/b.rs", "`cargo test -p a --test b`");
        let problem = problem.expect("it failed");
        assert_eq!((passed, problem.file.as_str(), problem.line), (0, "crates/a/tests/b.rs", 0));
        assert!(
            problem.message.starts_with("`cargo test -p a --test b` failed"),
            "{}",
            problem.message
        );
        assert!(
            problem.message.contains("---- it stdout ----\nassertion failed"),
            "{}",
            problem.message
        );
        assert!(!problem.message.contains("running 1 test"), "{}", problem.message);
    }

    #[test]
    fn package_variables_are_cargos() {
        let package: Value = serde_json::from_str(
            r#"{"name":"ch11-fast","version":"0.1.0-pre.1","authors":["a","b"],"manifest_path":"/w/crates/ch11-fast/Cargo.toml","rust_version":"1.88","description":null}"#,
        )
        .unwrap();
        let variables: HashMap<String, String> = environment(&package).into_iter().collect();
        assert_eq!(variables["CARGO_MANIFEST_DIR"], "/w/crates/ch11-fast");
        assert_eq!(variables["CARGO_PKG_VERSION_PATCH"], "0");
        assert_eq!(variables["CARGO_PKG_VERSION_PRE"], "pre.1");
        assert_eq!(variables["CARGO_PKG_AUTHORS"], "a:b");
        assert_eq!(variables["CARGO_PKG_DESCRIPTION"], "");
    }
}

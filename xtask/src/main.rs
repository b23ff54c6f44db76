use std::path::PathBuf;
use std::process::ExitCode;

use xtask::problem::Problem;
use xtask::project::Project;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    if let Some(i) = args.iter().position(|a| a == "--root") {
        let Some(dir) = args.get(i + 1).cloned() else {
            return usage("`--root` needs a folder after it");
        };
        root = PathBuf::from(dir);
        args.drain(i..=i + 1);
    }
    let project = Project::new(root.canonicalize().unwrap_or(root));
    let result = match args.as_slice() {
        [command, options @ ..] if command == "bench" => {
            match xtask::bench::Options::parse(options) {
                Ok(options) => xtask::bench::bench(&project, &options),
                Err(problem) => return usage(&problem),
            }
        }
        [command] => match command.as_str() {
            "serve" => xtask::regenerate(&project)
                .and_then(|()| xtask::mdbook::serve(&project).map_err(failed("mdbook serve"))),
            "verify" => xtask::verify(&project),
            "bless" => xtask::bless(&project),
            "check" => xtask::check(&project),
            "tangle" => xtask::tangle(&project),
            "figures" => xtask::figures(&project),
            "book" => xtask::mdbook::build(&project)
                .map(|html| println!("{}", html.join("index.html").display()))
                .map_err(failed("mdbook build")),
            "help" | "--help" | "-h" => {
                print!("{}", xtask::HELP);
                Ok(())
            }
            other => return usage(&format!("unknown command `{other}`")),
        },
        [] => return usage("no command given"),
        [_, extra, ..] => return usage(&format!("unexpected `{extra}`: give one command")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            for problem in &problems {
                eprintln!("error: {problem}");
            }
            eprintln!("xtask: {} problem(s)", problems.len());
            ExitCode::FAILURE
        }
    }
}

fn failed(what: &'static str) -> impl Fn(String) -> Vec<Problem> {
    move |message| vec![Problem::new(what, 0, message)]
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\n");
    eprint!("{}", xtask::HELP);
    ExitCode::from(2)
}

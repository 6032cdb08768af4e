//! `cargo xtask bench [DOCUMENT-OR-FOLDER...] [--runs N] [--builds] [--program] ...`: how
//! fast the generator is and how fast its output builds, beside the peers that are installed
//! (oas3-gen, cargo-progenitor, openapi-generator-cli). Prints markdown tables; writes only
//! under `target/bench/`.
//!
//! Each generation is one process, timed from spawn to exit, with its peak resident memory.
//! The tools take turns within each run (every tool on a document, then the next document), so
//! that a noisy moment on a shared machine costs them alike; the median of the runs is shown.
//! The heavy parts run when asked: `--builds` builds each tool's crate for Stripe, GitHub and
//! Video (`builds.rs`), `--program` the programs calling three operations (`program.rs`),
//! `--check` checks each tool's crate for the largest document, `--kinds` counts our output's
//! lines by kind of item (`kinds.rs`), `--phases` times our generation's phases in this
//! process (`phases.rs`), `--scaled` adds GitHub's document three times over (`scaled.rs`).

mod builds;
mod generation;
mod kinds;
mod measure;
mod options;
mod phases;
mod program;
mod scaled;
mod table;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use options::Options;

pub fn main(root: &Path, args: &[&str]) -> ExitCode {
    if let ["--write-scaled", document, dir] = args {
        return match scaled::write(Path::new(document), Path::new(dir), SCALE) {
            Ok(_) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: cannot write the scaled document: {err}");
                ExitCode::FAILURE
            }
        };
    }
    let options = match options::parse(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n{}", options::USAGE);
            return ExitCode::from(2);
        }
    };
    let scratch = root.join("target/bench");
    let documents = match documents(root, &scratch, &options) {
        Ok(documents) => documents,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    if options.phases {
        phases::print(&documents);
        return ExitCode::SUCCESS;
    }
    eprintln!("building the generator (release)...");
    if !cargo(root, &["build", "--release", "--quiet", "-p", "generator"]) {
        eprintln!("error: the generator does not build");
        return ExitCode::FAILURE;
    }
    run(&scratch, &documents, &options)
}

/// The documents of the inputs, with the scaled one when asked.
fn documents(root: &Path, scratch: &Path, options: &Options) -> Result<Vec<PathBuf>, String> {
    let mut documents = options::documents(root, &options.inputs)
        .map_err(|err| format!("cannot read the inputs: {err}"))?;
    if options.scaled {
        let github = root.join("../shared/corpus/realworld/github.json");
        documents.push(write_scaled(&github, &scratch.join("inputs/scaled"))?);
    }
    if documents.is_empty() {
        return Err("no OpenAPI document in the inputs".to_owned());
    }
    Ok(documents)
}

/// How many times the scaled document holds GitHub's paths.
const SCALE: usize = 3;

/// Writes the scaled document in a child process: a process's peak memory counts its parent's
/// (the parent's pages are resident in it until it executes the program), so this one must
/// stay small before it runs the generators.
fn write_scaled(document: &Path, dir: &Path) -> Result<PathBuf, String> {
    let me = std::env::current_exe().map_err(|err| err.to_string())?;
    let status = Command::new(me)
        .arg("bench")
        .arg("--write-scaled")
        .args([document, dir])
        .status();
    if !status.is_ok_and(|s| s.success()) {
        return Err("the scaled document could not be written".to_owned());
    }
    Ok(scaled::path(document, dir, SCALE))
}

fn run(scratch: &Path, documents: &[PathBuf], options: &Options) -> ExitCode {
    let tools = tools::available();
    print_heading(&tools, options);
    let generation = match generation::run_all(scratch, &tools, documents, options.runs) {
        Ok(generation) => generation,
        Err(err) => {
            eprintln!("error: cannot write under {}: {err}", scratch.display());
            return ExitCode::FAILURE;
        }
    };
    generation::print_totals(&generation, &tools);
    generation::print_per_operation(&generation, &tools);
    if options.kinds {
        kinds::print(scratch, &tools[0], &generation);
    }
    if options.builds {
        let builds = builds::run_all(scratch, &tools, &generation, options.build_runs);
        builds::print(&builds, &tools, options.build_runs);
    }
    if options.program {
        let programs = program::run_all(scratch, &tools[0], &generation, options.build_runs);
        program::print(&programs, options.build_runs);
    }
    if options.check {
        if let Some(largest) = documents
            .iter()
            .max_by_key(|d| std::fs::metadata(d).map_or(0, |m| m.len()))
        {
            builds::print_checks(scratch, &tools, largest);
        }
    }
    ExitCode::SUCCESS
}

/// The date, the tools and their versions, and how the bench was run.
fn print_heading(tools: &[tools::Tool], options: &Options) {
    let date = Command::new("date").arg("+%Y-%m-%d %H:%M %Z").output();
    let date = date.map_or(String::new(), |o| {
        String::from_utf8_lossy(&o.stdout).trim().to_owned()
    });
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    println!("Bench of {date}, {cores} cores; tools:");
    for tool in tools {
        println!("- {}: {}", tool.short, tool.version());
    }
    println!("Arguments: {options:?}\n");
}

fn cargo(dir: &Path, args: &[&str]) -> bool {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .status()
        .is_ok_and(|s| s.success())
}

//! `cargo xtask bench [DIR] [--runs N]`: how fast the generator is and how fast its output
//! builds, beside the peers that are installed (oas3-gen, cargo-progenitor,
//! openapi-generator-cli). Prints tables; writes only under `target/bench/`.
//!
//! Each generation is one process, timed from spawn to exit, with its peak resident memory.
//! The tools take turns within each run (every tool on a document, then the next document), so
//! that a noisy moment on a shared machine costs them alike; the median of the runs is shown,
//! and a tool's loop time is its time for all documents within one run. Then each tool's
//! generated Video crate is built alone (dependencies first, then after touching `lib.rs`), and
//! each tool's output for the largest document goes through `cargo check`.

mod measure;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use measure::Sample;
use tools::Tool;

pub fn main(root: &Path, args: &[&str]) -> ExitCode {
    let mut runs = 5;
    let mut dir = root.join("../shared/corpus/twilio-oai");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match *arg {
            "--runs" => match rest.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => runs = n,
                _ => return usage(),
            },
            other if !other.starts_with('-') => dir = PathBuf::from(other),
            _ => return usage(),
        }
    }
    let documents = match crate::corpus::documents(&dir) {
        Ok(documents) if !documents.is_empty() => documents,
        _ => {
            eprintln!("error: no OpenAPI document in {}", dir.display());
            return ExitCode::from(2);
        }
    };
    let scratch = root.join("target/bench");
    eprintln!("building the generator (release)...");
    if !cargo(root, &["build", "--release", "--quiet", "-p", "generator"]) {
        eprintln!("error: the generator does not build");
        return ExitCode::FAILURE;
    }
    let tools = tools::available();
    let inputs = match prepare_inputs(&scratch, &tools, &documents) {
        Ok(inputs) => inputs,
        Err(err) => {
            eprintln!("error: cannot write under {}: {err}", scratch.display());
            return ExitCode::FAILURE;
        }
    };
    let samples = generate_all(&scratch, &tools, &documents, &inputs, runs);
    print_generation(&scratch, &tools, &documents, &samples, runs);
    if let Some(video) = documents
        .iter()
        .find(|d| file_name(d).contains("video") && file_name(d).ends_with(".yaml"))
    {
        print_build_times(&scratch, &tools, video);
        print_program_build(&scratch, &tools[0], video);
    }
    if let Some(largest) = documents
        .iter()
        .max_by_key(|d| std::fs::metadata(d).map_or(0, |m| m.len()))
    {
        print_checks(&scratch, &tools, largest);
    }
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("usage: cargo xtask bench [DIR] [--runs N]");
    ExitCode::from(2)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The document each tool reads: the original, or a patched copy under `target/bench/inputs`.
fn prepare_inputs(
    scratch: &Path,
    tools: &[Tool],
    documents: &[PathBuf],
) -> std::io::Result<Vec<Vec<PathBuf>>> {
    let mut inputs = Vec::new();
    for tool in tools {
        let mut paths = Vec::new();
        for document in documents {
            let Some(patch) = &tool.patch else {
                paths.push(document.clone());
                continue;
            };
            let dir = scratch.join("inputs").join(folder(tool));
            std::fs::create_dir_all(&dir)?;
            let patched = dir.join(file_name(document));
            std::fs::write(&patched, (patch.apply)(&std::fs::read_to_string(document)?))?;
            paths.push(patched);
        }
        inputs.push(paths);
    }
    Ok(inputs)
}

fn folder(tool: &Tool) -> String {
    tool.name.replace([' ', '(', ')'], "")
}

fn output_dir(scratch: &Path, tool: &Tool, document: &Path) -> PathBuf {
    scratch
        .join("out")
        .join(folder(tool))
        .join(crate::corpus::crate_name(document))
}

/// `samples[tool][document]`: one sample per successful run, each into an empty folder.
fn generate_all(
    scratch: &Path,
    tools: &[Tool],
    documents: &[PathBuf],
    inputs: &[Vec<PathBuf>],
    runs: usize,
) -> Vec<Vec<Vec<Sample>>> {
    let mut samples = vec![vec![Vec::new(); documents.len()]; tools.len()];
    for run in 0..runs {
        eprintln!("run {} of {runs}...", run + 1);
        for (d, document) in documents.iter().enumerate() {
            for (t, tool) in tools.iter().enumerate() {
                let out = output_dir(scratch, tool, document);
                let _ = std::fs::remove_dir_all(&out);
                if let Some(sample) = measure::run((tool.command)(&inputs[t][d], &out)) {
                    samples[t][d].push(sample);
                }
            }
        }
    }
    samples
}

fn print_generation(
    scratch: &Path,
    tools: &[Tool],
    documents: &[PathBuf],
    samples: &[Vec<Vec<Sample>>],
    runs: usize,
) {
    let baseline = tools.iter().position(|t| t.name == "oas3-gen");
    let ratio = |t: usize, d: Option<usize>, wall: Duration| -> String {
        let Some(b) = baseline.filter(|&b| b != t) else {
            return String::new();
        };
        let base = match d {
            Some(d) => measure::summarize(&samples[b][d]).map(|s| s.wall),
            None => loop_time(&samples[b], runs),
        };
        base.map_or_else(String::new, |base| {
            format!("{:.2}x", wall.as_secs_f64() / base.as_secs_f64())
        })
    };
    println!(
        "\nGeneration, median of {runs} runs, tools taking turns (one process per document):\n"
    );
    println!(
        "{:<22} {:<26} {:>9} {:>10} {:>7} {:>5} {:>8} {:>8} {:>8}",
        "tool", "document", "time", "/oas3-gen", "peak", "ops", "lines", "lines/op", "ms/op"
    );
    for (t, tool) in tools.iter().enumerate() {
        for (d, document) in documents.iter().enumerate() {
            let Some(summary) = measure::summarize(&samples[t][d]) else {
                println!(
                    "{:<22} {:<26} {:>9}",
                    tool.name,
                    file_name(document),
                    "failed"
                );
                continue;
            };
            let operations = count_operations(document);
            let lines = measure::rust_lines(&output_dir(scratch, tool, document));
            let ms = summary.wall.as_secs_f64() * 1000.0;
            println!(
                "{:<22} {:<26} {:>7.1}ms {:>10} {:>4}MiB {:>5} {:>8} {:>8} {:>8.2}",
                tool.name,
                file_name(document),
                ms,
                ratio(t, Some(d), summary.wall),
                summary.peak_kib / 1024,
                operations,
                lines,
                lines.checked_div(operations).unwrap_or(0),
                ms / operations.max(1) as f64,
            );
        }
        match loop_time(&samples[t], runs) {
            Some(total) => println!(
                "{:<22} {:<26} {:>7.1}ms {:>10}",
                tool.name,
                format!("loop over all {}", documents.len()),
                total.as_secs_f64() * 1000.0,
                ratio(t, None, total)
            ),
            None => println!("{:<22} loop over all: some document failed", tool.name),
        }
        if let Some(patch) = &tool.patch {
            println!("{:<22} (documents patched: {})", "", patch.what);
        }
        println!();
    }
}

/// The median over runs of one tool's time for every document, when every run succeeded.
fn loop_time(per_document: &[Vec<Sample>], runs: usize) -> Option<Duration> {
    let mut totals: Vec<Duration> = (0..runs)
        .map(|run| {
            per_document
                .iter()
                .map(|samples| samples.get(run).map(|s| s.wall))
                .sum::<Option<Duration>>()
        })
        .collect::<Option<_>>()?;
    totals.sort();
    totals.get(totals.len() / 2).copied()
}

/// Operations in a document, as our frontend counts them.
fn count_operations(document: &Path) -> usize {
    generator::read_api(&[document.to_path_buf()]).map_or(0, |(api, _, _)| api.operations.len())
}

/// Debug build time of each tool's generated crate for `document`, alone: its dependencies
/// are built first, then `lib.rs` is touched and the crate rebuilt (median of 3).
fn print_build_times(scratch: &Path, tools: &[Tool], document: &Path) {
    println!(
        "Build of the generated {} crate alone (debug, dependencies built), median of 3:\n",
        file_name(document)
    );
    for tool in tools {
        let Some(dir) = standalone_crate(&output_dir(scratch, tool, document)) else {
            println!("{:<22} no crate in its output", tool.name);
            continue;
        };
        let build = || cargo_in(scratch, tool, &dir, "build");
        if measure::run(build()).is_none() {
            println!("{:<22} does not build", tool.name);
            continue;
        }
        match rebuild_time(&dir.join("src/lib.rs"), build) {
            Some(time) => println!("{:<22} {:>8.2} s", tool.name, time.as_secs_f64()),
            None => println!("{:<22} does not build", tool.name),
        }
    }
    println!();
}

/// The median of 3 rebuilds after touching `touch` (its text written back unchanged).
fn rebuild_time(touch: &Path, build: impl Fn() -> Command) -> Option<Duration> {
    let samples: Vec<Sample> = (0..3)
        .filter_map(|_| {
            let text = std::fs::read_to_string(touch).ok()?;
            std::fs::write(touch, text).ok()?;
            measure::run(build())
        })
        .collect();
    measure::summarize(&samples).map(|s| s.wall)
}

/// A program that calls three of the Video API's operations, on our crate: what a user
/// builds on top of it. Operation methods are `#[inline]` (compiled where they are called),
/// so this shows where that code went.
const PROGRAM: &str = r#"use bench::{Client, CreateRoomRequest, FetchRoomRequest, ListRoomRequest};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), bench::Error> {
    let client = Client::new("ACxxxxxxxx", "token")?;
    let room = client.create_room(&CreateRoomRequest::new().unique_name("standup")).await?;
    let sid = room.body.sid.unwrap_or_default();
    let again = client.fetch_room(&FetchRoomRequest::new(&sid)).await?;
    println!("{:?}", again.body.status);
    let page = client.list_room(&ListRoomRequest::new()).await?;
    println!("{}", page.body.rooms.map(|rooms| rooms.len()).unwrap_or(0));
    Ok(())
}
"#;

/// Debug build times of [`PROGRAM`] alone and of our crate with it (median of 3).
fn print_program_build(scratch: &Path, ours: &Tool, document: &Path) {
    let out = output_dir(scratch, ours, document);
    let dir = scratch.join("program");
    let manifest = format!(
        "[package]\nname = \"program\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [dependencies]\nbench = {{ path = {:?} }}\n\
         tokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n\n[workspace]\n",
        out.display().to_string()
    );
    let written = std::fs::create_dir_all(dir.join("src"))
        .and_then(|()| std::fs::write(dir.join("Cargo.toml"), manifest))
        .and_then(|()| std::fs::write(dir.join("src/main.rs"), PROGRAM));
    if written.is_err() {
        println!("(the program could not be written; not measured)");
        return;
    }
    let build = || cargo_in(scratch, ours, &dir, "build");
    let results = measure::run(build()).and_then(|_| {
        Some((
            rebuild_time(&dir.join("src/main.rs"), build)?,
            rebuild_time(&out.join("src/lib.rs"), build)?,
        ))
    });
    match results {
        Some((program, both)) => {
            println!(
                "A program calling three operations, on {}'s crate: {:.2} s alone, {:.2} s with the crate\n",
                ours.name,
                program.as_secs_f64(),
                both.as_secs_f64()
            );
        }
        None => println!("(the program calling three operations does not build; not measured)\n"),
    }
}

/// Whether each tool's crate for `document` passes `cargo check`, with its error count.
fn print_checks(scratch: &Path, tools: &[Tool], document: &Path) {
    println!(
        "Does the generated {} crate pass `cargo check`?\n",
        file_name(document)
    );
    for tool in tools {
        let Some(dir) = standalone_crate(&output_dir(scratch, tool, document)) else {
            println!("{:<22} no crate in its output", tool.name);
            continue;
        };
        let (ok, output) = measure::run_with_output(cargo_in(scratch, tool, &dir, "check"));
        let errors = output
            .lines()
            .filter(|l| l.starts_with("error[") || l.starts_with("error: "))
            .filter(|l| !l.starts_with("error: could not compile") && !l.contains("aborting"))
            .count();
        let verdict = if ok {
            "yes".to_owned()
        } else {
            format!("no, {errors} error{}", if errors == 1 { "" } else { "s" })
        };
        println!("{:<22} {verdict}", tool.name);
    }
}

/// The folder of the crate in a tool's output, made a workspace of its own so that it builds
/// alone; `None` when the output has no `Cargo.toml`.
fn standalone_crate(out: &Path) -> Option<PathBuf> {
    let manifest = find_manifest(out)?;
    let text = std::fs::read_to_string(&manifest).ok()?;
    if !text.contains("[workspace]") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n")).ok()?;
    }
    manifest.parent().map(Path::to_path_buf)
}

fn find_manifest(dir: &Path) -> Option<PathBuf> {
    let direct = dir.join("Cargo.toml");
    if direct.exists() {
        return Some(direct);
    }
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("Cargo.toml"))
        .find(|p| p.exists())
}

/// `cargo <verb> --quiet` in a crate, with a target folder per tool (kept between runs, so
/// dependencies are built once). Incremental compilation is off: with it, a rebuild of an
/// unchanged crate reuses most of the last one and says little about the code's cost.
fn cargo_in(scratch: &Path, tool: &Tool, dir: &Path, verb: &str) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args([verb, "--quiet"])
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            scratch.join("build-target").join(folder(tool)),
        )
        .env("CARGO_INCREMENTAL", "0");
    command
}

fn cargo(dir: &Path, args: &[&str]) -> bool {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .status()
        .is_ok_and(|s| s.success())
}

//! `cargo xtask bench [DIR] [--runs N]`: how fast the generator is and how fast its output
//! builds, beside the peers that are installed (oas3-gen, cargo-progenitor,
//! openapi-generator-cli). Prints tables; writes only under `target/bench/`.
//!
//! Each generation is one process, timed from spawn to exit, with its peak resident memory
//! (`wait4`'s `ru_maxrss`); the median of the runs is shown. The build time is that of the
//! generated Video crate alone: its dependencies are built first, then the crate is rebuilt
//! after touching its `lib.rs`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// One measured command: median wall time and the peak memory of the slowest run.
struct Measure {
    median: Duration,
    peak_kib: u64,
}

/// A generator to compare: how it turns a document into files in a folder.
struct Tool {
    name: &'static str,
    /// The program and its arguments, given the document and the output folder.
    command: fn(&Path, &Path) -> Command,
}

pub fn main(root: &Path, args: &[&str]) -> ExitCode {
    let mut runs = 5;
    let mut dir = root.join("../shared/corpus/twilio-oai");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match *arg {
            "--runs" => match rest.next().and_then(|n| n.parse().ok()) {
                Some(n) => runs = n,
                None => return usage(),
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
    let tools = tools();
    println!("Generation, median of {runs} runs (one process per document):\n");
    println!(
        "{:<24} {:<28} {:>10} {:>10} {:>9} {:>11} {:>9}",
        "tool", "document", "time", "peak", "ops", "lines", "lines/op"
    );
    for tool in &tools {
        let mut total = Duration::ZERO;
        for document in &documents {
            let name = crate::corpus::crate_name(document);
            let out = scratch.join(tool.name).join(&name);
            let _ = std::fs::remove_dir_all(&out);
            let Some(measure) = measure(|| (tool.command)(document, &out), runs) else {
                println!(
                    "{:<24} {:<28} {:>10}",
                    tool.name,
                    file_name(document),
                    "failed"
                );
                continue;
            };
            total += measure.median;
            let operations = count_operations(document);
            let lines = rust_lines(&out);
            println!(
                "{:<24} {:<28} {:>8.1}ms {:>7}MiB {:>9} {:>11} {:>9}",
                tool.name,
                file_name(document),
                measure.median.as_secs_f64() * 1000.0,
                measure.peak_kib / 1024,
                operations,
                lines,
                lines.checked_div(operations).unwrap_or(0)
            );
        }
        println!(
            "{:<24} {:<28} {:>8.1}ms\n",
            tool.name,
            "all documents, one by one",
            total.as_secs_f64() * 1000.0
        );
    }
    build_times(&scratch, &tools, &documents);
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

/// Ours, and each peer found on `PATH`.
fn tools() -> Vec<Tool> {
    let mut tools = vec![Tool {
        name: "generator (this)",
        command: |document, out| {
            let mut command = Command::new(
                env!("CARGO_MANIFEST_DIR").to_owned() + "/../target/release/generator",
            );
            command
                .args(["generate"])
                .arg(document)
                .arg("--out")
                .arg(out)
                .args(["--crate-name", "bench"]);
            command
        },
    }];
    let peers = [
        Tool {
            name: "oas3-gen",
            command: |document, out| {
                let mut command = Command::new("oas3-gen");
                command
                    .args(["generate", "client-mod", "-i"])
                    .arg(document)
                    .arg("-o")
                    .arg(out);
                command
            },
        },
        Tool {
            name: "cargo-progenitor",
            command: |document, out| {
                let mut command = Command::new("cargo");
                command
                    .args(["progenitor", "-i"])
                    .arg(document)
                    .arg("-o")
                    .arg(out)
                    .args(["-n", "bench", "-v", "0.1.0"]);
                command
            },
        },
        Tool {
            name: "openapi-generator-cli",
            command: |document, out| {
                let mut command = Command::new("openapi-generator-cli");
                command
                    .args(["generate", "-g", "rust", "-i"])
                    .arg(document)
                    .arg("-o")
                    .arg(out);
                command
            },
        },
    ];
    for peer in peers {
        let program = if peer.name == "cargo-progenitor" {
            "cargo-progenitor"
        } else {
            peer.name
        };
        if on_path(program) {
            tools.push(peer);
        } else {
            println!("({} is not installed; not measured)", peer.name);
        }
    }
    tools
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// Runs `command()` `runs` times; `None` when any run fails.
fn measure(command: impl Fn() -> Command, runs: usize) -> Option<Measure> {
    let mut times = Vec::new();
    let mut peak_kib = 0;
    for _ in 0..runs.max(1) {
        let (elapsed, kib) = run_measured(command())?;
        times.push(elapsed);
        peak_kib = peak_kib.max(kib);
    }
    times.sort();
    Some(Measure {
        median: times[times.len() / 2],
        peak_kib,
    })
}

/// Wall time and peak resident memory (KiB) of one process.
fn run_measured(mut command: Command) -> Option<(Duration, u64)> {
    let started = Instant::now();
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut status = 0;
    // SAFETY: `rusage` is plain data, zero is a valid value; `wait4` fills it for our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = libc::pid_t::try_from(child.id()).ok()?;
    // SAFETY: waits for the child spawned above, which nothing else waits for.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    let exited_ok = waited == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    exited_ok.then_some((elapsed, u64::try_from(usage.ru_maxrss).unwrap_or(0)))
}

/// Operations in a document: method keys under `paths` (counted by our own frontend).
fn count_operations(document: &Path) -> usize {
    generator::read_api(&[document.to_path_buf()]).map_or(0, |(api, _, _)| api.operations.len())
}

/// Lines of Rust under `dir`.
fn rust_lines(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .map(|path| {
            if path.is_dir() {
                rust_lines(&path)
            } else if path.extension().is_some_and(|e| e == "rs") {
                std::fs::read_to_string(&path).map_or(0, |text| text.lines().count())
            } else {
                0
            }
        })
        .sum()
}

/// Debug build time of each tool's generated Video crate alone, dependencies already built.
fn build_times(scratch: &Path, tools: &[Tool], documents: &[PathBuf]) {
    let Some(video) = documents
        .iter()
        .find(|d| file_name(d).contains("video") && file_name(d).ends_with(".yaml"))
    else {
        return;
    };
    println!(
        "Build of the generated {} crate alone (debug, dependencies built), median of 3:\n",
        file_name(video)
    );
    for tool in tools {
        let crate_dir = scratch
            .join(tool.name)
            .join(crate::corpus::crate_name(video));
        let Some(manifest) = find_manifest(&crate_dir) else {
            println!("{:<24} no Cargo.toml in its output", tool.name);
            continue;
        };
        let dir = manifest.parent().unwrap_or(&crate_dir).to_path_buf();
        let text = std::fs::read_to_string(&manifest).unwrap_or_default();
        if !text.contains("[workspace]") {
            let _ = std::fs::write(&manifest, format!("{text}\n[workspace]\n"));
        }
        let target = scratch
            .join("build-target")
            .join(tool.name.replace(' ', "_"));
        let build = || {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let mut command = Command::new(cargo);
            command
                .args(["build", "--quiet"])
                .current_dir(&dir)
                .env("CARGO_TARGET_DIR", &target);
            command
        };
        if run_measured(build()).is_none() {
            println!("{:<24} does not build", tool.name);
            continue;
        }
        let lib = ["src/lib.rs", "lib.rs"]
            .iter()
            .map(|p| dir.join(p))
            .find(|p| p.exists());
        let rebuild = || {
            if let Some(lib) = &lib {
                let text = std::fs::read_to_string(lib).unwrap_or_default();
                let _ = std::fs::write(lib, text);
            }
            build()
        };
        match measure(rebuild, 3) {
            Some(measure) => println!("{:<24} {:>8.2} s", tool.name, measure.median.as_secs_f64()),
            None => println!("{:<24} does not build", tool.name),
        }
    }
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

fn cargo(dir: &Path, args: &[&str]) -> bool {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .status()
        .is_ok_and(|s| s.success())
}

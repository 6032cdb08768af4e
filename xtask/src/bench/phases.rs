//! `--phases`: our generation of each document in this process, timed by phase (wall time and
//! CPU time of the process, which is more than the wall time where a phase runs on every
//! core). The phases are the library's own steps: reading the files, parsing them into the IR
//! (YAML or JSON, then conversion), the plan, emission with formatting (files are emitted and
//! formatted together, on every core), `api.json`, and writing the files. Meaningful only in a
//! release build: `cargo run --release -p xtask -- bench --phases DOCUMENT...`. This process
//! uses the system allocator, not the generator binary's mimalloc.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use generator::emit::CrateOptions;

use super::generation::file_name;
use super::table::{Table, thousands};

/// One phase's cost.
struct Span {
    name: &'static str,
    wall: Duration,
    cpu: Duration,
}

/// Times `step`, adding its span to `spans`.
fn timed<T>(spans: &mut Vec<Span>, name: &'static str, step: impl FnOnce() -> T) -> T {
    let (wall_start, cpu_start) = (Instant::now(), cpu_time());
    let value = step();
    spans.push(Span {
        name,
        wall: wall_start.elapsed(),
        cpu: cpu_time().saturating_sub(cpu_start),
    });
    value
}

/// User and system time of this process so far.
fn cpu_time() -> Duration {
    // SAFETY: `rusage` is plain data, zero is a valid value; `getrusage` fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF with a valid pointer.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// The phases of one document's generation, written under `target/bench/phases/`; `Err` names
/// the phase that failed.
fn phases_of(document: &Path, out: &Path) -> Result<(Vec<Span>, usize), String> {
    let mut spans = Vec::new();
    let inputs = [document.to_path_buf()];
    let sources = timed(&mut spans, "read", || {
        generator::frontend::read_inputs(&inputs)
    })
    .map_err(|_| "read".to_owned())?;
    let parsed = timed(&mut spans, "parse to IR", || {
        generator::frontend::parse_sources(&sources)
    });
    let api = parsed.api.ok_or("parse")?;
    let plan = timed(&mut spans, "plan", || generator::plan::build(&api));
    let options = CrateOptions {
        name: "bench".to_owned(),
        regenerate: "cargo xtask bench --phases".to_owned(),
        example_tests: false,
        conformance_tests: false,
    };
    let mut files = timed(&mut spans, "emit + format", || {
        generator::emit::emit_crate(&plan, &options)
    })?;
    let api_json = timed(&mut spans, "api.json", || {
        generator::api_json::render(&api, &options.regenerate)
    })?;
    files.push(generator::emit::OutputFile {
        path: generator::api_json::PATH.to_owned(),
        contents: api_json,
    });
    let _ = std::fs::remove_dir_all(out);
    timed(&mut spans, "write", || {
        generator::output::sync(out, &files, generator::output::Mode::Write)
    })
    .map_err(|err| format!("write: {err}"))?;
    Ok((spans, api.operations.len()))
}

/// A table per document: each phase's wall and CPU time and its share of the wall time.
pub fn print(documents: &[PathBuf]) {
    if cfg!(debug_assertions) {
        println!("(a debug build: run `cargo run --release -p xtask -- bench --phases ...`)\n");
    }
    let scratch = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench/phases");
    for document in documents {
        match phases_of(document, &scratch.join(crate::corpus::crate_name(document))) {
            Ok((spans, operations)) => print_spans(document, operations, &spans),
            Err(phase) => println!("{}: failed in {phase}\n", file_name(document)),
        }
    }
}

fn print_spans(document: &Path, operations: usize, spans: &[Span]) {
    let total: Duration = spans.iter().map(|s| s.wall).sum();
    let mut table = Table::new(
        ["phase", "wall", "CPU", "share of wall"]
            .map(String::from)
            .to_vec(),
    );
    for span in spans {
        table.row(vec![
            span.name.to_owned(),
            format!("{} ms", thousands(span.wall.as_millis() as u64)),
            format!("{} ms", thousands(span.cpu.as_millis() as u64)),
            format!(
                "{:.0}%",
                100.0 * span.wall.as_secs_f64() / total.as_secs_f64().max(1e-9)
            ),
        ]);
    }
    let cpu: Duration = spans.iter().map(|s| s.cpu).sum();
    table.row(vec![
        "all".to_owned(),
        format!("{} ms", thousands(total.as_millis() as u64)),
        format!("{} ms", thousands(cpu.as_millis() as u64)),
        String::new(),
    ]);
    println!("{} ({operations} operations):\n", file_name(document));
    table.print();
}

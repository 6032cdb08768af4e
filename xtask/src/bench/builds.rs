//! Build times of the generated crates: each tool's crate for a document, alone (debug,
//! dependencies built, incremental compilation off, all features), timed after touching its
//! `lib.rs`; a crate that does not build gives its time to fail and its error count.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::generation::{Generation, file_name, output_dir};
use super::measure::{self, Outcome};
use super::table::{Table, ratio, seconds, thousands};
use super::tools::Tool;

/// The documents whose crates are built, when they are among the inputs.
pub const BUILT_DOCUMENTS: &[&str] = &["twilio_video_v1.yaml", "github.json", "stripe.yaml"];

/// How a crate's build went: the median time of the timed builds, and whether (and with how
/// many errors) the last failed.
#[derive(Debug, Clone)]
pub struct Built {
    pub wall: Duration,
    pub ok: bool,
    pub errors: usize,
}

impl Built {
    /// `1.63 s`, or `fails after 57.00 s, 12 errors`.
    pub fn describe(&self) -> String {
        if self.ok {
            seconds(self.wall)
        } else {
            format!(
                "fails after {}, {} errors",
                seconds(self.wall),
                thousands(self.errors as u64)
            )
        }
    }
}

/// `built[document][tool]` for the documents of [`BUILT_DOCUMENTS`] among the generation's.
pub struct Builds {
    pub documents: Vec<PathBuf>,
    pub built: Vec<Vec<Option<Built>>>,
}

/// Builds every tool's crate for each document of [`BUILT_DOCUMENTS`] that was generated.
pub fn run_all(scratch: &Path, tools: &[Tool], generation: &Generation, runs: usize) -> Builds {
    let documents: Vec<PathBuf> = BUILT_DOCUMENTS
        .iter()
        .filter_map(|name| {
            let found = generation.documents.iter().find(|d| file_name(d) == *name);
            found.cloned()
        })
        .collect();
    let built = documents
        .iter()
        .map(|document| {
            let crates = tools.iter().map(|tool| {
                eprintln!(
                    "building {}'s crate for {}...",
                    tool.short,
                    file_name(document)
                );
                build_crate(scratch, tool, &output_dir(scratch, tool, document), runs)
            });
            crates.collect()
        })
        .collect();
    Builds { documents, built }
}

/// One tool's crate in `out`: built once for its dependencies (untimed), then `runs` times
/// after touching `lib.rs`. `None` when the output holds no crate.
pub fn build_crate(scratch: &Path, tool: &Tool, out: &Path, runs: usize) -> Option<Built> {
    let dir = standalone_crate(out)?;
    let build = || cargo_in(scratch, tool, &dir, &["build", "--all-features"]);
    let _ = measure::run_with_output(build());
    let lib = dir.join("src/lib.rs");
    let outcomes: Vec<Outcome> = (0..runs)
        .map(|_| {
            touch(&lib);
            measure::run_with_output(build())
        })
        .collect();
    let last = outcomes.last()?;
    let mut walls: Vec<Duration> = outcomes.iter().map(|o| o.wall).collect();
    walls.sort();
    Some(Built {
        wall: walls[walls.len() / 2],
        ok: last.ok,
        errors: last.errors(),
    })
}

/// Writes a file back unchanged, so that cargo builds it again.
pub fn touch(path: &Path) {
    if let Ok(text) = std::fs::read_to_string(path) {
        let _ = std::fs::write(path, text);
    }
}

pub fn print(builds: &Builds, tools: &[Tool], runs: usize) {
    let base = super::generation::baseline(tools);
    let mut header = vec!["crate of".to_owned()];
    header.extend(tools.iter().map(|t| format!("{} build", t.short)));
    if let Some(b) = base {
        header.push(format!("ours / {}", tools[b].short));
    }
    let mut table = Table::new(header);
    for (d, document) in builds.documents.iter().enumerate() {
        let crates = &builds.built[d];
        let mut row = vec![file_name(document)];
        row.extend(crates.iter().map(|built| {
            built
                .as_ref()
                .map_or("no crate".to_owned(), Built::describe)
        }));
        if let Some(b) = base {
            let time = |built: &Option<Built>| built.as_ref().map(|b| b.wall.as_secs_f64());
            let failed = crates[b].as_ref().is_some_and(|built| !built.ok);
            let shown = ratio(time(&crates[0]), time(&crates[b]));
            row.push(if failed && !shown.is_empty() {
                format!("{shown} of its time to fail")
            } else {
                shown
            });
        }
        table.row(row);
    }
    println!(
        "Crate builds (`cargo build --all-features`, debug, dependencies built, incremental off, \
         `lib.rs` touched; median of {runs}):\n"
    );
    table.print();
}

/// Whether each tool's crate for `document` passes `cargo check`, with its error count.
pub fn print_checks(scratch: &Path, tools: &[Tool], document: &Path) {
    println!(
        "Does the generated {} crate pass `cargo check`?\n",
        file_name(document)
    );
    for tool in tools {
        let Some(dir) = standalone_crate(&output_dir(scratch, tool, document)) else {
            println!("- {}: no crate in its output", tool.short);
            continue;
        };
        let outcome = measure::run_with_output(cargo_in(scratch, tool, &dir, &["check"]));
        let verdict = if outcome.ok {
            "yes".to_owned()
        } else {
            let errors = outcome.errors();
            format!("no, {errors} error{}", if errors == 1 { "" } else { "s" })
        };
        println!("- {}: {verdict} ({})", tool.short, seconds(outcome.wall));
    }
    println!();
}

/// The folder of the crate in a tool's output, made a workspace of its own so that it builds
/// alone; `None` when the output has no `Cargo.toml`.
pub fn standalone_crate(out: &Path) -> Option<PathBuf> {
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

/// `cargo ARGS --quiet` in a crate, with a target folder per tool (kept between runs, so
/// dependencies are built once). Incremental compilation is off: with it, a rebuild of an
/// unchanged crate reuses most of the last one and says little about the code's cost.
pub fn cargo_in(scratch: &Path, tool: &Tool, dir: &Path, args: &[&str]) -> Command {
    cargo_with_target(&scratch.join("build-target").join(tool.folder()), dir, args)
}

/// `cargo ARGS --quiet` in `dir`, building into `target`, incremental compilation off.
pub fn cargo_with_target(target: &Path, dir: &Path, args: &[&str]) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(args)
        .arg("--quiet")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0");
    command
}

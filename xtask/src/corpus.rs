//! `cargo xtask corpus DIR`: every OpenAPI document in DIR is generated into a scratch crate
//! under `target/corpus/`, built with warnings denied, and its example tests are run. One row
//! per document: operations, types, warnings, result, times.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use generator::emit::CrateOptions;

/// One document's outcome.
struct Row {
    document: String,
    operations: usize,
    types: usize,
    warnings: usize,
    examples: Option<usize>,
    generate: Duration,
    build: Duration,
    result: Result<(), String>,
}

pub fn main(root: &Path, dir: &Path) -> ExitCode {
    let documents = match documents(dir) {
        Ok(documents) if !documents.is_empty() => documents,
        Ok(_) => {
            eprintln!(
                "error: {} holds no OpenAPI document (.yaml, .yml, .json)",
                dir.display()
            );
            return ExitCode::from(2);
        }
        Err(err) => {
            eprintln!("error: cannot read {}: {err}", dir.display());
            return ExitCode::from(2);
        }
    };
    let scratch = root.join("target/corpus");
    let mut rows = Vec::new();
    for document in &documents {
        let row = run_one(document, &scratch);
        eprintln!("{}", format_row(&row));
        rows.push(row);
    }
    println!("{}", table(&rows));
    if rows.iter().all(|r| r.result.is_ok()) {
        ExitCode::SUCCESS
    } else {
        for row in rows.iter().filter(|r| r.result.is_err()) {
            eprintln!(
                "\n{} failed:\n{}",
                row.document,
                row.result.as_ref().unwrap_err()
            );
        }
        ExitCode::FAILURE
    }
}

pub fn documents(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        })
        .collect();
    found.sort();
    Ok(found)
}

/// `twilio_video_v1.yaml` -> `twilio_video_v1_yaml`: a crate name per document.
pub fn crate_name(document: &Path) -> String {
    document
        .file_name()
        .map(|n| n.to_string_lossy().replace(['.', '-'], "_"))
        .unwrap_or_else(|| "document".to_owned())
}

fn run_one(document: &Path, scratch: &Path) -> Row {
    let name = crate_name(document);
    let mut row = Row {
        document: document
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        operations: 0,
        types: 0,
        warnings: 0,
        examples: None,
        generate: Duration::ZERO,
        build: Duration::ZERO,
        result: Ok(()),
    };
    let options = CrateOptions {
        name: name.clone(),
        regenerate: format!("cargo xtask corpus {}", document.display()),
        example_tests: true,
    };
    let started = Instant::now();
    let generation = match generator::generate(&[document.to_path_buf()], &options) {
        Ok(generation) => generation,
        Err(failure) => {
            row.result = Err(failure.render());
            return row;
        }
    };
    row.generate = started.elapsed();
    row.operations = generation.api.operations.len();
    row.types = generation.type_count();
    row.warnings = generation.warnings.len();

    let crate_dir = scratch.join(&name);
    let mut files = generation.files;
    // A crate of its own, outside the workspace above it, with the hand-written tests kept for
    // this document (`xtask/corpus-tests/<crate>.rs`) and what they need.
    let extra_tests = corpus_tests_dir().join(format!("{name}.rs"));
    let extra = std::fs::read_to_string(&extra_tests).ok();
    let mut modules = Vec::new();
    if let Some(manifest) = files.iter_mut().find(|f| f.path == "Cargo.toml") {
        modules = module_features(&manifest.contents);
        if extra.is_some() {
            manifest.contents.push_str(DEV_DEPENDENCIES);
        }
        manifest.contents.push_str("\n[workspace]\n");
    }
    if let Some(text) = extra {
        files.push(generator::emit::OutputFile {
            path: "tests/corpus.rs".into(),
            contents: format!("// @generated copy of xtask/corpus-tests/{name}.rs\n{text}"),
        });
    }
    if let Err(err) = generator::output::sync(&crate_dir, &files, generator::output::Mode::Write) {
        row.result = Err(format!("cannot write {}: {err}", crate_dir.display()));
        return row;
    }
    let started = Instant::now();
    let target = scratch.join("target");
    // Every feature on, so the blocking client is built and checked too.
    let build = cargo(
        &crate_dir,
        &target,
        &["build", "--all-targets", "--all-features"],
    );
    let test = build.and_then(|_| cargo(&crate_dir, &target, &["test", "--all-features"]));
    // Each module of operations is a feature: the crate also builds with only one of them.
    let subsets = [modules.first(), modules.last()];
    let test = subsets.into_iter().flatten().fold(test, |done, module| {
        let args = [
            "check",
            "--lib",
            "--no-default-features",
            "--features",
            module,
        ];
        done.and_then(|output| cargo(&crate_dir, &target, &args).map(|_| output))
    });
    row.build = started.elapsed();
    match test {
        Ok(output) => row.examples = Some(passed_tests(&output)),
        Err(message) => row.result = Err(message),
    }
    row
}

/// The module features of a generated crate's manifest (the list of its feature that turns
/// every module on).
fn module_features(manifest: &str) -> Vec<String> {
    let list = format!("{} = [", generator::emit::ALL_OPERATIONS);
    manifest
        .lines()
        .find_map(|line| line.strip_prefix(&list))
        .map(|list| {
            list.trim_end_matches(']')
                .split(',')
                .map(|name| name.trim().trim_matches('"').to_owned())
                .filter(|name| !name.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Dev-dependencies of the hand-written corpus tests.
const DEV_DEPENDENCIES: &str = r#"
[dev-dependencies]
futures-util = "0.3"
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
wiremock = "0.6"
"#;

fn corpus_tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-tests")
}

/// Runs cargo in `dir` with warnings denied; the output on success, the failure otherwise.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<String, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .arg("--quiet")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if output.status.success() {
        Ok(text)
    } else {
        Err(format!("`cargo {}` failed:\n{text}", args.join(" ")))
    }
}

/// The sum of `N passed` over every `test result:` line.
fn passed_tests(output: &str) -> usize {
    output
        .lines()
        .filter_map(|line| line.split("test result:").nth(1))
        .filter_map(|rest| {
            rest.split(" passed")
                .next()?
                .rsplit(' ')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum()
}

const HEADER: &str = "document                      operations  types  warnings  generate  build+test  examples  result";

fn format_row(row: &Row) -> String {
    format!(
        "{:<28}  {:>10}  {:>5}  {:>8}  {:>6} ms  {:>8.1} s  {:>8}  {}",
        row.document,
        row.operations,
        row.types,
        row.warnings,
        row.generate.as_millis(),
        row.build.as_secs_f64(),
        row.examples
            .map_or_else(|| "-".to_owned(), |n| n.to_string()),
        if row.result.is_ok() { "ok" } else { "FAILED" },
    )
}

fn table(rows: &[Row]) -> String {
    let mut lines = vec![HEADER.to_owned()];
    lines.extend(rows.iter().map(format_row));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_features_come_from_the_manifest() {
        let manifest = "[features]\nall-operations = [\"a\", \"b_c\"]\na = []\n";
        assert_eq!(module_features(manifest), ["a", "b_c"]);
        assert!(module_features("[features]\n").is_empty());
    }

    #[test]
    fn counts_passed_tests_over_every_result_line() {
        let output = "running 3 tests\ntest result: ok. 3 passed; 0 failed;\n\nrunning 0 tests\ntest result: ok. 0 passed; 0 failed;\n";
        assert_eq!(passed_tests(output), 3);
        assert_eq!(
            crate_name(Path::new("a/twilio_video_v1.yaml")),
            "twilio_video_v1_yaml"
        );
    }
}

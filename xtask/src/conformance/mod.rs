//! `cargo xtask conformance [--check] [--slice N] [--timeout S] DOCUMENT-OR-FOLDER...`: every
//! request right on the wire, proven against a validating mock of its document.
//!
//! For each OpenAPI document: a crate is generated with `--conformance-tests` into
//! `target/conformance/<crate>/` (built in the target dir `target/corpus/target`, which the
//! corpus runs share, so dependencies are compiled once), Stoplight Prism (`prism.rs`) is
//! started on the document on a free loopback port, the crate's `tests/conformance.rs` runs
//! against it (`CONFORMANCE_BASE_URL`), and Prism is stopped by its pid. Each test sends one
//! operation's request; Prism answers one that breaks the document with a 4xx and its
//! violations. Each test also reads the mock's answers: the success, and each documented error
//! asked for with Prism's `Prefer: code=<status>` (a range or `default` as a status no other
//! answer lists), read with `ApiError::body_as` into the operation's error enum, which must
//! pick the variant the status is documented for. The tables (`report.rs`) count per document
//! the operations accepted, rejected (with the violation, shortened) and not testable (with
//! the reason), and the answers decoded, failed (with the decode error) and not testable (the
//! mock gave another status). `--slice N` tests a document with more than N operations on a
//! slice of it (`slice.rs`): its first N operations and what they reference. `--check` fails
//! when a request is rejected that the allow-list of Prism's own misjudgements
//! (`allowed::ALLOWED`) does not excuse, a test broke, or an answer does not read as
//! documented outside `allowed::ALLOWED_ANSWERS`.

mod allowed;
mod prism;
mod report;
mod slice;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use generator::emit::CrateOptions;
use report::{Run, Verdict};

const USAGE: &str =
    "cargo xtask conformance [--check] [--slice N] [--timeout SECONDS] DOCUMENT-OR-FOLDER...";

#[derive(Debug, PartialEq)]
struct Args {
    inputs: Vec<PathBuf>,
    check: bool,
    slice: Option<usize>,
    timeout: Duration,
}

fn parse_args(args: &[&str]) -> Result<Args, String> {
    let mut parsed = Args {
        inputs: Vec::new(),
        check: false,
        slice: None,
        timeout: Duration::from_secs(120),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut number = |what: &str| -> Result<u64, String> {
            let n = args.next().ok_or(format!("{arg} needs {what}"))?;
            n.parse()
                .map_err(|_| format!("{arg} needs {what}, not `{n}`"))
        };
        match *arg {
            "--check" => parsed.check = true,
            "--slice" => parsed.slice = Some(number("a number of operations")? as usize),
            "--timeout" => parsed.timeout = Duration::from_secs(number("a number of seconds")?),
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path => parsed.inputs.push(PathBuf::from(path)),
        }
    }
    if parsed.inputs.is_empty() {
        return Err("a document or a folder of documents is needed".to_owned());
    }
    Ok(parsed)
}

pub fn main(root: &Path, args: &[&str]) -> ExitCode {
    let args = match parse_args(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\nusage: {USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut documents = Vec::new();
    for input in &args.inputs {
        if input.is_dir() {
            match crate::corpus::documents(input) {
                Ok(found) => documents.extend(found),
                Err(err) => {
                    eprintln!("error: cannot read {}: {err}", input.display());
                    return ExitCode::from(2);
                }
            }
        } else if input.is_file() {
            documents.push(input.clone());
        } else {
            eprintln!(
                "error: {} is neither a document nor a folder",
                input.display()
            );
            return ExitCode::from(2);
        }
    }
    let prism = match prism::binary(root) {
        Ok(prism) => prism,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let scratch = root.join("target/conformance");
    let started = Instant::now();
    let mut runs = Vec::new();
    for document in &documents {
        let run = run_one(document, &scratch, &prism, &args);
        eprintln!("{}", progress(&run));
        runs.push(run);
    }
    println!("{}", report::table(&runs));
    eprintln!(
        "{} document{} in {:.1} s",
        runs.len(),
        if runs.len() == 1 { "" } else { "s" },
        started.elapsed().as_secs_f64()
    );
    let failed: Vec<&Run> = runs.iter().filter(|r| r.failure.is_some()).collect();
    for run in &failed {
        eprintln!(
            "error: {}: {}",
            run.document,
            run.failure.as_deref().unwrap_or_default()
        );
    }
    let misread: usize = runs.iter().map(|r| r.misread().len()).sum();
    if args.check && misread > 0 {
        for run in &runs {
            for answer in run.misread() {
                if let report::Read::Failed { why, .. } = &answer.read {
                    eprintln!(
                        "misread: {}: {}: {}: {why}",
                        run.document, answer.operation, answer.status
                    );
                }
            }
        }
        eprintln!(
            "error: {misread} answer{} of the mock did not read as documented, outside the \
             allow-list (xtask/src/conformance/allowed.rs)",
            if misread == 1 { "" } else { "s" }
        );
        return ExitCode::FAILURE;
    }
    let unexpected: usize = runs.iter().map(|r| r.unexpected().len()).sum();
    if args.check && unexpected > 0 {
        for run in &runs {
            for outcome in run.unexpected() {
                eprintln!(
                    "rejected: {}: {}: {}",
                    run.document,
                    outcome.operation,
                    match &outcome.verdict {
                        Verdict::Rejected { violation, .. } => violation.as_str(),
                        Verdict::Broken { detail, .. } => detail.as_str(),
                        Verdict::Accepted { .. } | Verdict::NotTestable { .. } => "",
                    }
                );
            }
        }
        eprintln!(
            "error: {unexpected} request{} the mock rejected (or tests that broke) outside the \
             allow-list (xtask/src/conformance/allowed.rs)",
            if unexpected == 1 { "" } else { "s" }
        );
        return ExitCode::FAILURE;
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn progress(run: &Run) -> String {
    match &run.failure {
        Some(failure) => format!(
            "{}: failed: {}",
            run.document,
            failure.lines().next().unwrap_or_default()
        ),
        None => format!(
            "{}: {} operations, {} accepted, {} rejected ({} allowed), {} not testable, {} broken \
             ({} allowed); \
             answers: {} decoded, {} failed ({} allowed), {} not testable; Prism loaded in {:.1} s",
            run.document,
            run.outcomes.len(),
            run.count(report::is_accepted),
            run.count(report::is_rejected),
            run.count(report::is_allowed),
            run.count(report::is_not_testable),
            run.count(report::is_broken),
            run.count(report::is_broken_allowed),
            run.answered(report::is_decoded),
            run.answered(report::is_failed),
            run.answered(report::is_failed_allowed),
            run.answered(report::is_unasked),
            run.load.as_secs_f64()
        ),
    }
}

fn run_one(document: &Path, scratch: &Path, prism: &Path, args: &Args) -> Run {
    let name = format!("conformance_{}", crate::corpus::crate_name(document));
    let mut run = Run {
        document: document
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        ..Run::default()
    };
    if let Err(failure) = std::fs::create_dir_all(scratch) {
        run.failure = Some(format!("cannot create {}: {failure}", scratch.display()));
        return run;
    }
    // The document the mock and the generator read: the whole, or a slice of it.
    let tested = match args.slice {
        Some(keep) => match sliced(document, keep, &scratch.join(format!("{name}.slice.json"))) {
            Ok(Some((path, all))) => {
                run.slice = Some((keep, all));
                path
            }
            Ok(None) => document.to_path_buf(),
            Err(failure) => {
                run.failure = Some(format!("slice: {failure}"));
                return run;
            }
        },
        None => document.to_path_buf(),
    };

    let options = CrateOptions {
        name: name.clone(),
        regenerate: format!("cargo xtask conformance {}", document.display()),
        example_tests: false,
        conformance_tests: true,
    };
    let started = Instant::now();
    let generation = generator::generate(std::slice::from_ref(&tested), &options);
    run.generate = started.elapsed();
    let generation = match generation {
        Ok(generation) => generation,
        Err(failure) => {
            run.failure = Some(format!("generate: {}", failure.render()));
            return run;
        }
    };
    let tests: Vec<(String, String)> = generation
        .plan
        .conformance
        .iter()
        .map(|t| {
            (
                t.name.trim_start_matches("r#").to_owned(),
                t.operation.clone(),
            )
        })
        .collect();
    let mut files = generation.files;
    if let Some(manifest) = files.iter_mut().find(|f| f.path == "Cargo.toml") {
        // A crate of its own, outside the workspace above it.
        manifest.contents.push_str("\n[workspace]\n");
    }
    let crate_dir = scratch.join(&name);
    if let Err(err) = generator::output::sync(&crate_dir, &files, generator::output::Mode::Write) {
        run.failure = Some(format!("cannot write {}: {err}", crate_dir.display()));
        return run;
    }
    let target = scratch
        .parent()
        .map_or_else(|| scratch.join("target"), |t| t.join("corpus/target"));
    let started = Instant::now();
    let built = crate::corpus::cargo_with(
        &crate_dir,
        &target,
        &["test", "--quiet", "--no-run", "--test", "conformance"],
        &[],
    );
    run.build = started.elapsed();
    if let Err(detail) = built {
        run.failure = Some(format!("build: {detail}"));
        return run;
    }

    let log = scratch.join(format!("{name}.prism.log"));
    let mock = match prism::Mock::start(prism, &tested, &log, args.timeout) {
        Ok(mock) => mock,
        Err(failure) => {
            run.failure = Some(format!("prism: {failure}"));
            return run;
        }
    };
    run.load = mock.load;
    let started = Instant::now();
    // The tests' verdicts are read from their output; failing tests fail the run, which is
    // not an error of the command.
    let output = crate::corpus::cargo_with(
        &crate_dir,
        &target,
        &[
            "test",
            "--quiet",
            "--test",
            "conformance",
            "--",
            "--nocapture",
            "--test-threads",
            "4",
        ],
        &[
            (
                generator::emit::CONFORMANCE_BASE_URL,
                mock.base_url.as_str(),
            ),
            ("RUST_BACKTRACE", "0"),
        ],
    );
    run.tests = started.elapsed();
    drop(mock);
    let output = output.unwrap_or_else(|failed| failed);
    run.outcomes = report::verdicts(&run.document, &output, &tests);
    run.answers = report::answers(&run.document, &output, &tests);
    run
}

/// Writes the slice of `document` with its first `keep` operations to `to`; `None` when the
/// document has no more than that. Gives the slice and the whole's number of operations.
fn sliced(document: &Path, keep: usize, to: &Path) -> Result<Option<(PathBuf, usize)>, String> {
    let text = std::fs::read_to_string(document)
        .map_err(|err| format!("cannot read {}: {err}", document.display()))?;
    let whole = slice::read(&text)?;
    let all = slice::operations(&whole);
    if all <= keep {
        return Ok(None);
    }
    let part = slice::slice(&whole, keep)?;
    let text = serde_json::to_string(&part).map_err(|err| err.to_string())?;
    std::fs::write(to, text).map_err(|err| format!("cannot write {}: {err}", to.display()))?;
    Ok(Some((to.to_owned(), all)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_installs_the_prism_this_command_installs() {
        let ci = std::fs::read_to_string(crate::codegen::workspace_root().join(".ci/run")).unwrap();
        assert!(
            ci.contains(&format!("prism_version={}", prism::VERSION)),
            ".ci/run pins another Prism than prism::VERSION ({})",
            prism::VERSION
        );
    }

    #[test]
    fn arguments_name_documents_and_options() {
        let parsed = parse_args(&["--check", "a.yaml", "dir", "--slice", "40"]).unwrap();
        assert_eq!(
            parsed.inputs,
            [PathBuf::from("a.yaml"), PathBuf::from("dir")]
        );
        assert!(parsed.check);
        assert_eq!(parsed.slice, Some(40));
        assert_eq!(parsed.timeout, Duration::from_secs(120));
        let parsed = parse_args(&["--timeout", "9", "a.yaml"]).unwrap();
        assert_eq!(parsed.timeout, Duration::from_secs(9));
        assert!(parse_args(&[]).is_err());
        assert!(parse_args(&["--slice", "many", "a.yaml"]).is_err());
        assert!(parse_args(&["--slice"]).is_err());
        assert!(parse_args(&["--fast", "a.yaml"]).is_err());
    }
}

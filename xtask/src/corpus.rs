//! `cargo xtask corpus [--check | --check-above N] DIR`: every OpenAPI document in DIR is
//! generated into a scratch crate under `target/corpus/` (one target dir for all of them),
//! compiled with warnings denied, and its example tests are run. A document's crate is either
//! built (`cargo build`, then `cargo test`) or, for the largest documents, only checked
//! (`cargo check` of the library and its tests, which proves the tests compile without
//! generating code for the crate); either way it is also checked with only its first and with
//! only its last module's feature. The table (markdown, stdout) is built in `report.rs`; the
//! detail of each failed step goes to stderr.

mod report;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use generator::emit::CrateOptions;
use report::{Failure, Mode, Row, Step, Tests};

const USAGE: &str = "cargo xtask corpus [--check | --check-above N] DIR";

/// Which documents are only checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Policy {
    BuildAll,
    CheckAll,
    /// Documents whose crates have more types than this are checked, the others built (the
    /// types, not the operations, make a crate large: Stripe has 468 operations and 5,696
    /// types, GitHub 623 and 1,420).
    CheckAbove(usize),
}

impl Policy {
    fn mode(self, types: usize) -> Mode {
        match self {
            Policy::BuildAll => Mode::Build,
            Policy::CheckAll => Mode::Check,
            Policy::CheckAbove(limit) if types > limit => Mode::Check,
            Policy::CheckAbove(_) => Mode::Build,
        }
    }
}

/// The folder and the policy, from the arguments after `corpus`.
fn parse_args(args: &[&str]) -> Result<(PathBuf, Policy), String> {
    let mut policy = Policy::BuildAll;
    let mut dir = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--check" => policy = Policy::CheckAll,
            "--check-above" => {
                let n = args.next().ok_or("--check-above needs a number of types")?;
                let n = n
                    .parse()
                    .map_err(|_| format!("--check-above needs a number of types, not `{n}`"))?;
                policy = Policy::CheckAbove(n);
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path if dir.is_none() => dir = Some(PathBuf::from(path)),
            extra => return Err(format!("one folder only (`{extra}` is a second)")),
        }
    }
    Ok((dir.ok_or("a folder of documents is needed")?, policy))
}

pub fn main(root: &Path, args: &[&str]) -> ExitCode {
    let (dir, policy) = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\nusage: {USAGE}");
            return ExitCode::from(2);
        }
    };
    let documents = match documents(&dir) {
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
    let started = Instant::now();
    let mut rows = Vec::new();
    for document in &documents {
        let row = run_one(document, &scratch, policy);
        eprintln!("{}", report::progress(&row));
        rows.push(row);
    }
    println!("{}", report::table(&rows));
    eprintln!(
        "{} documents in {:.1} s",
        rows.len(),
        started.elapsed().as_secs_f64()
    );
    if rows.iter().all(Row::passed) {
        ExitCode::SUCCESS
    } else {
        eprint!("{}", report::failures(&rows));
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

fn run_one(document: &Path, scratch: &Path, policy: Policy) -> Row {
    let name = crate_name(document);
    let mut row = Row::new(
        document
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let options = CrateOptions {
        name: name.clone(),
        regenerate: format!("cargo xtask corpus {}", document.display()),
        example_tests: true,
        conformance_tests: false,
    };
    let started = Instant::now();
    let generation = generator::generate(&[document.to_path_buf()], &options);
    row.generate = started.elapsed();
    let generation = match generation {
        Ok(generation) => generation,
        Err(failure) => {
            row.failures.push(Failure {
                step: Step::Generate,
                detail: failure.render(),
            });
            return row;
        }
    };
    row.generated = true;
    row.operations = generation.api.operations.len();
    row.types = generation.type_count();
    row.warnings = generation
        .warnings
        .iter()
        .map(|w| w.message.clone())
        .collect();
    let mode = policy.mode(row.types);
    row.mode = Some(mode);
    let example_tests = generation.plan.examples.len();

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
    let test_targets: Vec<String> = files
        .iter()
        .filter_map(|f| f.path.strip_prefix("tests/")?.strip_suffix(".rs"))
        .map(str::to_owned)
        .collect();
    // The hand-written tests, counted by their attributes (the example tests are the plan's).
    let other_tests: usize = files
        .iter()
        .filter(|f| f.path.starts_with("tests/") && f.path != "tests/examples.rs")
        .map(|f| report::test_functions(&f.contents))
        .sum();
    if let Err(err) = generator::output::sync(&crate_dir, &files, generator::output::Mode::Write) {
        row.failures.push(Failure {
            step: Step::Write,
            detail: format!("cannot write {}: {err}", crate_dir.display()),
        });
        return row;
    }
    let target = scratch.join("target");
    let cargo = |args: &[&str]| cargo(&crate_dir, &target, args);

    let started = Instant::now();
    // Every feature on, so the blocking client is compiled too.
    let compiled = match mode {
        Mode::Build => cargo(&["build", "--quiet", "--all-targets", "--all-features"]),
        Mode::Check => {
            // The library once (not again as a test harness: it has no unit tests) and each
            // integration test against it: the example tests type-check without code being
            // generated for the crate, which is most of a build.
            let mut args = vec!["check", "--quiet", "--all-features", "--lib"];
            for test in &test_targets {
                args.extend(["--test", test]);
            }
            cargo(&args)
        }
    };
    row.compile = started.elapsed();
    row.compiled = Some(compiled.is_ok());
    if let Err(detail) = compiled {
        row.failures.push(Failure {
            step: Step::Compile(mode),
            detail,
        });
        return row;
    }

    let started = Instant::now();
    match mode {
        Mode::Build => {
            // Not `--quiet`: its `Running` lines tell the example tests from the others.
            let tested = cargo(&["test", "--all-features", "--no-fail-fast"]);
            let output = tested.as_ref().unwrap_or_else(|detail| detail);
            (row.examples, row.other_tests) = report::test_counts(output);
            if let Err(detail) = tested {
                row.failures.push(Failure {
                    step: Step::Tests,
                    detail,
                });
            }
        }
        Mode::Check => {
            row.examples = Tests::Compiled(example_tests);
            row.other_tests = match other_tests {
                0 => Tests::NotReached,
                n => Tests::Compiled(n),
            };
        }
    }
    // Each module of operations is a feature: the crate also compiles with only one of them.
    let mut subsets = vec![modules.first(), modules.last()];
    subsets.dedup();
    for module in subsets.into_iter().flatten() {
        let args = [
            "check",
            "--quiet",
            "--lib",
            "--no-default-features",
            "--features",
            module,
        ];
        if let Err(detail) = cargo(&args) {
            row.failures.push(Failure {
                step: Step::Feature(module.clone()),
                detail,
            });
        }
    }
    row.rest = started.elapsed();
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

/// Runs cargo in `dir` with warnings denied; what it printed, as `Ok` when it succeeded.
/// Its stdout and stderr go to one file, so that `cargo test`'s `Running` lines (stderr) stay
/// before the results of the tests they name (stdout).
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<String, String> {
    cargo_with(dir, target, args, &[])
}

/// [`cargo`] with more environment variables (the conformance tests' mock).
pub fn cargo_with(
    dir: &Path,
    target: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<String, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let log = target.join("corpus-cargo.log");
    let run = || -> std::io::Result<(std::process::ExitStatus, String)> {
        std::fs::create_dir_all(target)?;
        let file = std::fs::File::create(&log)?;
        let status = Command::new(&cargo)
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .env("RUSTFLAGS", "-D warnings")
            .envs(env.iter().copied())
            .stdout(file.try_clone()?)
            .stderr(file)
            .status()?;
        let text = String::from_utf8_lossy(&std::fs::read(&log)?).into_owned();
        Ok((status, text))
    };
    match run() {
        Ok((status, text)) if status.success() => Ok(text),
        Ok((_, text)) => Err(format!("`cargo {}` failed:\n{text}", args.join(" "))),
        Err(err) => Err(format!("cannot run cargo: {err}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_features_come_from_the_manifest() {
        let manifest = "[features]\nall-operations = [\"a\", \"b_c\"]\na = []\n";
        assert_eq!(module_features(manifest), ["a", "b_c"]);
        assert!(module_features("[features]\n").is_empty());
        assert_eq!(
            crate_name(Path::new("a/twilio_video_v1.yaml")),
            "twilio_video_v1_yaml"
        );
    }

    #[test]
    fn the_policy_picks_each_document_s_mode() {
        let parse = parse_args;
        assert_eq!(
            parse(&["docs"]),
            Ok((PathBuf::from("docs"), Policy::BuildAll))
        );
        assert_eq!(
            parse(&["--check", "docs"]),
            Ok((PathBuf::from("docs"), Policy::CheckAll))
        );
        let (_, above) = parse(&["docs", "--check-above", "400"]).unwrap();
        assert_eq!(above, Policy::CheckAbove(400));
        assert_eq!(above.mode(400), Mode::Build);
        assert_eq!(above.mode(401), Mode::Check);
        assert_eq!(Policy::CheckAll.mode(1), Mode::Check);
        assert_eq!(Policy::BuildAll.mode(10_000), Mode::Build);
        assert!(parse(&["--check-above", "many", "docs"]).is_err());
        assert!(parse(&["--check-above"]).is_err());
        assert!(parse(&["--fast", "docs"]).is_err());
        assert!(parse(&["a", "b"]).is_err());
        assert!(parse(&[]).is_err());
    }
}

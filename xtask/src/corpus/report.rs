//! What `cargo xtask corpus` found, as data, and the markdown it prints: pure functions, so
//! that the table, the warning kinds and the reading of cargo's test output are tested without
//! building anything.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

/// How a document's crate is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `cargo build` of every target with all features, then `cargo test`.
    Build,
    /// `cargo check` of the library and its integration tests with all features; the tests are
    /// compiled (type-checked), not run.
    Check,
}

impl Mode {
    pub fn word(self) -> &'static str {
        match self {
            Mode::Build => "build",
            Mode::Check => "check",
        }
    }
}

/// A step of a document's run, for the failure's detail and the result column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Generate,
    Write,
    /// The whole crate with all features, by `cargo build` or `cargo check`.
    Compile(Mode),
    Tests,
    /// `cargo check` with only this module's feature.
    Feature(String),
}

impl Step {
    pub fn word(&self) -> String {
        match self {
            Step::Generate => "generate".into(),
            Step::Write => "write".into(),
            Step::Compile(mode) => mode.word().into(),
            Step::Tests => "tests".into(),
            Step::Feature(module) => format!("feature {module}"),
        }
    }
}

/// A step that failed, and what it printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub step: Step,
    pub detail: String,
}

/// Tests of one kind (the example tests, or the others) in one document's crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tests {
    /// Not compiled: the crate was not generated, or did not compile.
    #[default]
    NotReached,
    /// Compiled by `cargo check` (check mode), not run.
    Compiled(usize),
    Ran {
        passed: usize,
        failed: usize,
    },
}

/// One document's outcome.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub document: String,
    pub operations: usize,
    pub types: usize,
    pub generated: bool,
    /// `None` until the document is generated (the mode depends on its operations).
    pub mode: Option<Mode>,
    /// Whether the all-features build or check passed; `None`: not tried.
    pub compiled: Option<bool>,
    pub examples: Tests,
    /// The tests other than the example tests (`xtask/corpus-tests/`).
    pub other_tests: Tests,
    /// The generator's warning messages, in its order.
    pub warnings: Vec<String>,
    pub generate: Duration,
    /// The all-features build or check.
    pub compile: Duration,
    /// The test run and the single-module checks.
    pub rest: Duration,
    pub failures: Vec<Failure>,
}

impl Row {
    pub fn new(document: String) -> Row {
        Row {
            document,
            ..Row::default()
        }
    }

    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// Unions generated as `serde_json::Value` because a variant accepts any JSON kind.
    pub fn untyped_unions(&self) -> usize {
        self.warnings
            .iter()
            .filter(|m| m.contains(UNTYPED_UNION))
            .count()
    }

    fn result(&self) -> String {
        if self.passed() {
            return "ok".into();
        }
        let steps: Vec<String> = self.failures.iter().map(|f| f.step.word()).collect();
        format!("FAILED: {}", steps.join(", "))
    }
}

/// What the generator says of a union it leaves as `serde_json::Value`.
pub use generator::frontend::openapi::UNTYPED_UNION;

/// A warning's kind: its message with every backquoted name replaced by `` `…` ``, every
/// number that is not part of a word by `N`, and a leading name (`GetCharges: the request
/// body ...`, the operation's) by `…`, so that messages that differ only in the names and
/// numbers they quote share one key.
pub fn warning_kind(message: &str) -> String {
    let mut key = String::with_capacity(message.len());
    let mut rest = message;
    if let Some((name, after)) = message.split_once(": ") {
        if !name.is_empty() && !name.contains(|c: char| c.is_whitespace() || c == '`') {
            key.push_str("…: ");
            rest = after;
        }
    }
    while let Some(open) = rest.find('`') {
        let Some(close) = rest[open + 1..].find('`') else {
            break;
        };
        key.push_str(&rest[..open]);
        key.push_str("`…`");
        rest = &rest[open + 1 + close + 1..];
    }
    key.push_str(rest);
    let mut out = String::with_capacity(key.len());
    let mut previous: Option<char> = None;
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        let starts_number =
            c.is_ascii_digit() || (c == '-' && chars.peek().is_some_and(char::is_ascii_digit));
        if starts_number && !previous.is_some_and(|p| p.is_alphanumeric() || p == '_') {
            while chars
                .peek()
                .is_some_and(|d| d.is_ascii_digit() || *d == '.' || *d == '_')
            {
                chars.next();
            }
            out.push('N');
            previous = Some('N');
            continue;
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// The warning kinds of these messages with their counts, most frequent first (ties by key).
pub fn warning_kinds<'a>(messages: impl IntoIterator<Item = &'a String>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for message in messages {
        *counts.entry(warning_kind(message)).or_default() += 1;
    }
    let mut kinds: Vec<(String, usize)> = counts.into_iter().collect();
    // Stable sort: keys stay in order among equal counts.
    kinds.sort_by_key(|kind| std::cmp::Reverse(kind.1));
    kinds
}

/// How many warning kinds a row of the table shows.
const TOP_KINDS: usize = 3;

/// The table (markdown): one row per document in the given order, then every warning kind
/// with its count in each document.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| document | operations | types | generated | compiled | example tests | other tests \
         | warnings | untyped unions | top warning kinds | generate | build/check | tests + features | result |\n\
         |---|--:|--:|---|---|---|---|--:|--:|---|--:|--:|--:|---|\n",
    );
    for row in rows {
        let top: Vec<String> = warning_kinds(&row.warnings)
            .into_iter()
            .take(TOP_KINDS)
            .map(|(key, count)| format!("{count} × {}", short(&key)))
            .collect();
        let compiled = match (row.compiled, row.mode) {
            (Some(ok), Some(mode)) => format!("{} ({})", yes_no(ok), mode.word()),
            _ => "-".into(),
        };
        let cells = [
            row.document.clone(),
            row.operations.to_string(),
            row.types.to_string(),
            yes_no(row.generated).into(),
            compiled,
            tests(row.examples),
            tests(row.other_tests),
            row.warnings.len().to_string(),
            row.untyped_unions().to_string(),
            top.join("<br>"),
            millis(row.generate),
            seconds(row.compile),
            seconds(row.rest),
            row.result(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push_str(&kinds_table(rows));
    out
}

/// Every warning kind: its count over all documents and in each one.
fn kinds_table(rows: &[Row]) -> String {
    let mut by_kind: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for row in rows {
        for (key, count) in warning_kinds(&row.warnings) {
            by_kind
                .entry(key)
                .or_default()
                .push((row.document.clone(), count));
        }
    }
    if by_kind.is_empty() {
        return String::new();
    }
    let total = |documents: &[(String, usize)]| documents.iter().map(|(_, n)| n).sum::<usize>();
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by_key(|(_, documents)| std::cmp::Reverse(total(documents)));
    let mut out = String::from("\n| warning kind | count | documents |\n|---|--:|---|\n");
    for (key, documents) in kinds {
        let total = total(&documents);
        let documents: Vec<String> = documents
            .iter()
            .map(|(document, n)| format!("{document} {n}"))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {total} | {} |",
            cell(&key),
            cell(&documents.join(", "))
        );
    }
    out
}

/// A kind's first clause, for the document's row (the kinds table has the whole key).
fn short(key: &str) -> &str {
    key.split("; ").next().unwrap_or(key)
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn yes_no(yes: bool) -> &'static str {
    if yes { "yes" } else { "no" }
}

fn tests(tests: Tests) -> String {
    match tests {
        Tests::NotReached => "-".into(),
        Tests::Compiled(n) => format!("{n} compiled, not run"),
        Tests::Ran { passed, failed: 0 } => format!("{passed} passed"),
        Tests::Ran { passed, failed } => format!("{passed} passed, {failed} failed"),
    }
}

fn millis(duration: Duration) -> String {
    format!("{} ms", duration.as_millis())
}

fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

/// One line per document for stderr while the run goes on.
pub fn progress(row: &Row) -> String {
    format!(
        "{}: {} operations, {} warnings, generate {}, {} {}, tests + features {}: {}",
        row.document,
        row.operations,
        row.warnings.len(),
        millis(row.generate),
        row.mode.map_or("build", Mode::word),
        seconds(row.compile),
        seconds(row.rest),
        row.result()
    )
}

/// Each failed step of each document, named, with what it printed.
pub fn failures(rows: &[Row]) -> String {
    let mut out = String::new();
    for row in rows {
        for failure in &row.failures {
            let _ = write!(
                out,
                "\n{}: step `{}` failed:\n{}\n",
                row.document,
                failure.step.word(),
                failure.detail.trim_end()
            );
        }
    }
    out
}

/// Passed and failed tests in `cargo test` output (not `--quiet`): the example tests
/// (`tests/examples.rs`) and the others, summed over every `test result:` line, each counted
/// for the test target whose `Running` (or `Doc-tests`) line came before it.
pub fn test_counts(output: &str) -> (Tests, Tests) {
    let mut examples = (0, 0);
    let mut other = (0, 0);
    let mut in_examples = false;
    for line in output.lines() {
        let trimmed = line.trim_start();
        if let Some(target) = trimmed.strip_prefix("Running ") {
            in_examples = target.starts_with("tests/examples.rs");
        } else if trimmed.starts_with("Doc-tests ") {
            in_examples = false;
        } else if let Some(result) = line.split("test result:").nth(1) {
            let counts = if in_examples {
                &mut examples
            } else {
                &mut other
            };
            counts.0 += count_before(result, " passed");
            counts.1 += count_before(result, " failed");
        }
    }
    let ran = |(passed, failed)| Tests::Ran { passed, failed };
    (ran(examples), ran(other))
}

/// The test functions in a test file's text: its `#[test]` and `#[tokio::test...]` lines.
pub fn test_functions(text: &str) -> usize {
    text.lines()
        .map(str::trim_start)
        .filter(|line| *line == "#[test]" || line.starts_with("#[tokio::test"))
        .count()
}

/// `3` in `ok. 3 passed; 0 failed;` for `" passed"`.
fn count_before(text: &str, word: &str) -> usize {
    text.split(word)
        .next()
        .and_then(|before| before.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warning_kinds_drop_names_and_numbers() {
        assert_eq!(
            warning_kind(
                "`oneOf` cannot be told apart by JSON kind (variants 0 and 12 are both objects); it is generated as `serde_json::Value`"
            ),
            "`…` cannot be told apart by JSON kind (variants N and N are both objects); it is generated as `…`"
        );
        assert_eq!(
            warning_kind(
                "`minimum: -9223372036854776000` is beyond 64-bit integers; read as -9223372036854775808"
            ),
            "`…` is beyond N-bit integers; read as N"
        );
        // Numbers inside words stay; an unclosed backquote is kept as it is.
        assert_eq!(warning_kind("v1 and i64 `open"), "v1 and i64 `open");
        assert_eq!(warning_kind("a 3.5 x"), "a N x");
        // A leading operation name is a name too; a leading phrase is not.
        assert_eq!(
            warning_kind(
                "repos/upload-release-asset: the request body (`text/plain`, not an object) is not encoded yet"
            ),
            "…: the request body (`…`, not an object) is not encoded yet"
        );
        assert_eq!(
            warning_kind("server variables are fixed at their defaults: `region`"),
            "server variables are fixed at their defaults: `…`"
        );
    }

    #[test]
    fn warning_kinds_are_counted_most_frequent_first() {
        let messages: Vec<String> = [
            "unknown format `uri-map` on `object`; ignored",
            "the operation has no `operationId`; it is named `a`",
            "unknown format `int32` on `string`; ignored",
            "callbacks are not generated",
            "the operation has no `operationId`; it is named `b`",
            "unknown format `x` on `y`; ignored",
        ]
        .map(String::from)
        .into();
        assert_eq!(
            warning_kinds(&messages),
            [
                ("unknown format `…` on `…`; ignored".to_owned(), 3),
                ("the operation has no `…`; it is named `…`".to_owned(), 2),
                ("callbacks are not generated".to_owned(), 1),
            ]
        );
    }

    fn row(document: &str) -> Row {
        Row {
            operations: 4,
            types: 7,
            generated: true,
            mode: Some(Mode::Build),
            compiled: Some(true),
            examples: Tests::Ran {
                passed: 3,
                failed: 0,
            },
            other_tests: Tests::Ran {
                passed: 0,
                failed: 0,
            },
            generate: Duration::from_millis(12),
            compile: Duration::from_millis(4_250),
            rest: Duration::from_millis(1_000),
            ..Row::new(document.into())
        }
    }

    #[test]
    fn the_table_has_a_row_per_document_in_order_and_the_kinds() {
        let ok = row("a.yaml");
        let untyped = "`anyOf` cannot be told apart by JSON kind (variant 0 has no single JSON kind); it is generated as `serde_json::Value`";
        let checked = Row {
            mode: Some(Mode::Check),
            examples: Tests::Compiled(9),
            other_tests: Tests::NotReached,
            warnings: vec![
                untyped.into(),
                "callbacks are not generated".into(),
                untyped.replace("anyOf", "oneOf"),
            ],
            ..row("b|c.json")
        };
        let broken = Row {
            compiled: Some(false),
            examples: Tests::NotReached,
            other_tests: Tests::NotReached,
            failures: vec![Failure {
                step: Step::Compile(Mode::Build),
                detail: "error[E0428]".into(),
            }],
            ..row("d.yaml")
        };
        let refused = Row {
            failures: vec![Failure {
                step: Step::Generate,
                detail: "1 error".into(),
            }],
            ..Row::new("e.yaml".into())
        };
        let failing_tests = Row {
            examples: Tests::Ran {
                passed: 2,
                failed: 1,
            },
            failures: vec![
                Failure {
                    step: Step::Tests,
                    detail: String::new(),
                },
                Failure {
                    step: Step::Feature("pets".into()),
                    detail: String::new(),
                },
            ],
            ..row("f.yaml")
        };
        let table = table(&[ok, checked, broken, refused, failing_tests]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[2],
            "| a.yaml | 4 | 7 | yes | yes (build) | 3 passed | 0 passed | 0 | 0 |  | 12 ms | 4.2 s | 1.0 s | ok |"
        );
        assert_eq!(
            lines[3],
            "| b\\|c.json | 4 | 7 | yes | yes (check) | 9 compiled, not run | - | 3 | 2 \
             | 2 × `…` cannot be told apart by JSON kind (variant N has no single JSON kind)<br>1 × callbacks are not generated \
             | 12 ms | 4.2 s | 1.0 s | ok |"
        );
        assert_eq!(
            lines[4],
            "| d.yaml | 4 | 7 | yes | no (build) | - | - | 0 | 0 |  | 12 ms | 4.2 s | 1.0 s | FAILED: build |"
        );
        assert_eq!(
            lines[5],
            "| e.yaml | 0 | 0 | no | - | - | - | 0 | 0 |  | 0 ms | 0.0 s | 0.0 s | FAILED: generate |"
        );
        assert_eq!(
            lines[6],
            "| f.yaml | 4 | 7 | yes | yes (build) | 2 passed, 1 failed | 0 passed | 0 | 0 |  | 12 ms | 4.2 s | 1.0 s | FAILED: tests, feature pets |"
        );
        assert_eq!(lines[7], "");
        assert_eq!(lines[8], "| warning kind | count | documents |");
        assert_eq!(
            lines[10],
            "| `…` cannot be told apart by JSON kind (variant N has no single JSON kind); it is generated as `…` | 2 | b\\|c.json 2 |"
        );
        assert_eq!(
            lines[11],
            "| callbacks are not generated | 1 | b\\|c.json 1 |"
        );
        assert_eq!(lines.len(), 12);
    }

    #[test]
    fn failures_name_the_document_and_the_step() {
        let broken = Row {
            failures: vec![Failure {
                step: Step::Compile(Mode::Check),
                detail: "`cargo check` failed:\nerror\n\n".into(),
            }],
            ..row("d.yaml")
        };
        assert_eq!(
            failures(&[row("a.yaml"), broken]),
            "\nd.yaml: step `check` failed:\n`cargo check` failed:\nerror\n"
        );
    }

    #[test]
    fn test_functions_are_counted_by_their_attributes() {
        let text = "#[test]\nfn a() {}\n    #[tokio::test(flavor = \"multi_thread\")]\nasync fn b() {}\n// #[test]\n";
        assert_eq!(test_functions(text), 2);
    }

    #[test]
    fn test_counts_tell_the_example_tests_from_the_others() {
        let output = "\
   Compiling video v0.1.0
     Running unittests src/lib.rs (target/debug/deps/video-1)
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
     Running tests/corpus.rs (target/debug/deps/corpus-2)
test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
     Running tests/examples.rs (target/debug/deps/examples-3)
test result: FAILED. 48 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s
   Doc-tests video
test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";
        assert_eq!(
            test_counts(output),
            (
                Tests::Ran {
                    passed: 48,
                    failed: 2
                },
                Tests::Ran {
                    passed: 3,
                    failed: 0
                }
            )
        );
    }
}

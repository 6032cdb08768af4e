//! What a conformance run found, as data, and its pure functions: each test's verdict read
//! from what the tests printed (through the allow-lists of `allowed.rs`), and the tables.

use std::collections::BTreeMap;
use std::time::Duration;

use super::allowed::{allowed, allowed_answer};

/// What the mock said of one operation's request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A 2xx, or another answer without violations of the request; `note` when its made-up
    /// answer did not decode or broke the document, or was not a 2xx (a documented 302).
    Accepted { note: Option<String> },
    /// Not a 2xx: the status and the mock's violations, with the allow-list entry's reason
    /// when Prism is known to judge this wrongly.
    Rejected {
        status: u16,
        violation: String,
        allowed: Option<&'static str>,
    },
    /// The plan could build no request.
    NotTestable { reason: String },
    /// No answer (a transport error, a value that did not read as its type, a test that did
    /// not report): the detail says what, with the allow-list entry's reason when the mock is
    /// known to answer so that no client can read it.
    Broken {
        detail: String,
        allowed: Option<&'static str>,
    },
}

/// One operation's test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub operation: String,
    pub verdict: Verdict,
}

/// How one answer of the mock (a success, or a documented error it was asked for) read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    Decoded,
    /// It does not read as its documented type (or as the variant its status is documented
    /// for): why, with the allow-list entry's reason when the mock's answer is known to be
    /// wrong.
    Failed {
        why: String,
        allowed: Option<&'static str>,
    },
    /// The mock did not give the answer asked for.
    NotTestable {
        reason: String,
    },
}

/// One answer of one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub operation: String,
    pub status: u16,
    pub read: Read,
}

/// One document's run.
#[derive(Debug, Default)]
pub struct Run {
    pub document: String,
    /// The sliced document's operations of the whole's, when only a slice was tested.
    pub slice: Option<(usize, usize)>,
    pub outcomes: Vec<Outcome>,
    pub answers: Vec<Answer>,
    /// A step that failed before any test ran (generate, build, Prism), with its detail.
    pub failure: Option<String>,
    pub generate: Duration,
    pub build: Duration,
    pub load: Duration,
    pub tests: Duration,
}

impl Run {
    pub fn count(&self, what: fn(&Verdict) -> bool) -> usize {
        self.outcomes.iter().filter(|o| what(&o.verdict)).count()
    }

    /// Answers that do not read as documented, outside the allow-list: what `--check` fails
    /// on too.
    pub fn misread(&self) -> Vec<&Answer> {
        self.answers
            .iter()
            .filter(|a| is_failed(&a.read) && !is_failed_allowed(&a.read))
            .collect()
    }

    /// Answers read in the way `what` names.
    pub fn answered(&self, what: fn(&Read) -> bool) -> usize {
        self.answers.iter().filter(|a| what(&a.read)).count()
    }

    /// Rejections and broken tests outside the allow-list: what `--check` fails on.
    pub fn unexpected(&self) -> Vec<&Outcome> {
        self.outcomes
            .iter()
            .filter(|o| match &o.verdict {
                Verdict::Rejected { allowed, .. } => allowed.is_none(),
                Verdict::Broken { allowed, .. } => allowed.is_none(),
                Verdict::Accepted { .. } | Verdict::NotTestable { .. } => false,
            })
            .collect()
    }
}

pub fn is_accepted(v: &Verdict) -> bool {
    matches!(v, Verdict::Accepted { .. })
}

pub fn is_rejected(v: &Verdict) -> bool {
    matches!(v, Verdict::Rejected { .. })
}

pub fn is_allowed(v: &Verdict) -> bool {
    matches!(
        v,
        Verdict::Rejected {
            allowed: Some(_),
            ..
        }
    )
}

pub fn is_broken_allowed(v: &Verdict) -> bool {
    matches!(
        v,
        Verdict::Broken {
            allowed: Some(_),
            ..
        }
    )
}

pub fn is_not_testable(v: &Verdict) -> bool {
    matches!(v, Verdict::NotTestable { .. })
}

pub fn is_broken(v: &Verdict) -> bool {
    matches!(v, Verdict::Broken { .. })
}

fn is_noted(v: &Verdict) -> bool {
    matches!(v, Verdict::Accepted { note: Some(_) })
}

pub fn is_decoded(r: &Read) -> bool {
    matches!(r, Read::Decoded)
}

pub fn is_failed(r: &Read) -> bool {
    matches!(r, Read::Failed { .. })
}

pub fn is_failed_allowed(r: &Read) -> bool {
    matches!(
        r,
        Read::Failed {
            allowed: Some(_),
            ..
        }
    )
}

pub fn is_unasked(r: &Read) -> bool {
    matches!(r, Read::NotTestable { .. })
}

/// How each answer read, from the lines the tests print
/// (`conformance-answer: <operation>: <status>: decoded|failed: ...|not testable: ...`), in the
/// order printed. `tests` maps test names to operations.
pub fn answers(document: &str, output: &str, tests: &[(String, String)]) -> Vec<Answer> {
    let mut found = Vec::new();
    for line in output.lines() {
        let Some((operation, said)) = said_of("conformance-answer: ", line, tests) else {
            continue;
        };
        let Some((status, said)) = said.split_once(": ") else {
            continue;
        };
        let read = if said == "decoded" {
            Read::Decoded
        } else if let Some(why) = said.strip_prefix("failed: ") {
            Read::Failed {
                why: why.to_owned(),
                allowed: allowed_answer(document, why),
            }
        } else if let Some(reason) = said.strip_prefix("not testable: ") {
            Read::NotTestable {
                reason: reason.to_owned(),
            }
        } else {
            continue;
        };
        found.push(Answer {
            operation: operation.to_owned(),
            status: status.parse().unwrap_or(0),
            read,
        });
    }
    found
}

/// The operation a printed line (`<prefix><operation>: <said>`) is about, and what it says:
/// the longest operation name the line starts with (one may be a prefix of another).
fn said_of<'a>(
    prefix: &str,
    line: &'a str,
    tests: &'a [(String, String)],
) -> Option<(&'a str, &'a str)> {
    let rest = line.trim_start_matches('.').strip_prefix(prefix)?;
    tests
        .iter()
        .filter_map(|(_, op)| Some((op.as_str(), rest.strip_prefix(op)?.strip_prefix(": ")?)))
        .max_by_key(|(op, _)| op.len())
}

/// Each test's verdict from what `cargo test -- --nocapture` printed: the line each test
/// prints (`conformance: <operation>: accepted|rejected|not testable|unsent: ...`), else the
/// message it panicked with. `tests` maps test names to operations, in the plan's order.
pub fn verdicts(document: &str, output: &str, tests: &[(String, String)]) -> Vec<Outcome> {
    let mut found: BTreeMap<&str, Verdict> = BTreeMap::new();
    for line in output.lines() {
        let Some((operation, said)) = said_of("conformance: ", line, tests) else {
            continue;
        };
        let verdict = if let Some(detail) = said.strip_prefix("accepted") {
            let note = detail
                .strip_prefix(": ")
                .filter(|d| !d.starts_with("HTTP "));
            Verdict::Accepted {
                note: note.map(str::to_owned),
            }
        } else if let Some(detail) = said.strip_prefix("rejected: HTTP ") {
            let (status, violation) = detail.split_once(": ").unwrap_or((detail, ""));
            Verdict::Rejected {
                status: status.parse().unwrap_or(0),
                violation: violation.to_owned(),
                allowed: allowed(document, violation),
            }
        } else if let Some(reason) = said.strip_prefix("not testable: ") {
            Verdict::NotTestable {
                reason: reason.to_owned(),
            }
        } else if let Some(detail) = said.strip_prefix("unsent: ") {
            Verdict::Broken {
                detail: format!("not answered: {detail}"),
                allowed: allowed(document, detail),
            }
        } else if said.starts_with("skipped: ") {
            Verdict::Broken {
                detail: "skipped: the mock's URL did not reach the test".to_owned(),
                allowed: None,
            }
        } else {
            continue;
        };
        found.insert(operation, verdict);
    }
    let panics = panics(output);
    tests
        .iter()
        .map(|(test, operation)| Outcome {
            operation: operation.clone(),
            verdict: found
                .remove(operation.as_str())
                .unwrap_or_else(|| Verdict::Broken {
                    detail: panics.get(test.as_str()).map_or_else(
                        || "the test printed no verdict".to_owned(),
                        |message| format!("panicked: {message}"),
                    ),
                    allowed: None,
                }),
        })
        .collect()
}

/// `thread '<test>' (123) panicked at <place>:` and the message line after it, per test.
fn panics(output: &str) -> BTreeMap<&str, String> {
    let mut found = BTreeMap::new();
    let mut lines = output.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("thread '") else {
            continue;
        };
        let Some((test, _)) = rest.split_once('\'') else {
            continue;
        };
        if line.contains(" panicked at ") {
            found.insert(test, lines.next().unwrap_or_default().to_owned());
        }
    }
    found
}

/// A message cut to `max` characters.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.replace('|', "\\|");
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text,
    }
}

/// Each violation of a rejection without what differs between operations (locations, names
/// and numbers), to count how often each kind is met:
/// `body.Configuration: Request body property Configuration must be object` is
/// `body: Request body property * must be object`.
pub fn violation_kinds(violation: &str) -> Vec<String> {
    let mut kinds: Vec<String> = violation
        .split("; ")
        .map(|one| {
            let (location, message) = one.split_once(": ").unwrap_or(("", one));
            let place = location.split('.').next().unwrap_or_default();
            let mut words: Vec<String> = Vec::new();
            for word in message.split(' ') {
                let named = matches!(
                    words.last().map(String::as_str),
                    Some("property" | "parameter" | "header")
                );
                let quoted = word.starts_with('\'') || word.starts_with('"');
                let number = word.chars().any(|c| c.is_ascii_digit());
                words.push(if named || quoted || number {
                    "*".to_owned()
                } else {
                    word.to_owned()
                });
            }
            format!("{place}: {}", words.join(" "))
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// The summary table (one row per document), then each document's rejections, broken tests
/// and operations that could not be tested.
pub fn table(runs: &[Run]) -> String {
    let mut out = String::from(
        "| document | operations | accepted | of them with a note | rejected | allowed (Prism's \
         misjudgement) | not testable | broken | of them allowed | Prism load | generate | build | \
         tests |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for run in runs {
        let document = match run.slice {
            Some((tested, all)) => {
                format!("{} (slice: {tested} of {all} operations)", run.document)
            }
            None => run.document.clone(),
        };
        if run.failure.is_some() && run.outcomes.is_empty() {
            out.push_str(&format!(
                "| {document} | failed | | | | | | | | {} | {} | {} | |\n",
                seconds(run.load),
                seconds(run.generate),
                seconds(run.build)
            ));
            continue;
        }
        out.push_str(&format!(
            "| {document} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            run.outcomes.len(),
            run.count(is_accepted),
            run.count(is_noted),
            run.count(is_rejected),
            run.count(is_allowed),
            run.count(is_not_testable),
            run.count(is_broken),
            run.count(is_broken_allowed),
            seconds(run.load),
            seconds(run.generate),
            seconds(run.build),
            seconds(run.tests),
        ));
    }
    out.push_str(
        "\n| document | answers read | decoded | failed | allowed (the mock's made-up answer) | \
         not testable (the mock gave another) |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for run in runs.iter().filter(|r| !r.answers.is_empty()) {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            run.document,
            run.answers.len(),
            run.answered(is_decoded),
            run.answered(is_failed),
            run.answered(is_failed_allowed),
            run.answered(is_unasked),
        ));
    }
    for run in runs {
        let failed: Vec<&Answer> = run
            .answers
            .iter()
            .filter(|a| is_failed(&a.read) && !is_failed_allowed(&a.read))
            .collect();
        if failed.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n### {}: answers that do not read as documented\n\n",
            run.document
        ));
        out.push_str("| operation | status | why |\n|---|---:|---|\n");
        for answer in failed {
            if let Read::Failed { why, .. } = &answer.read {
                out.push_str(&format!(
                    "| {} | {} | {} |\n",
                    answer.operation,
                    answer.status,
                    shorten(why, 160)
                ));
            }
        }
    }
    for run in runs {
        let rejected: Vec<&Outcome> = run
            .outcomes
            .iter()
            .filter(|o| !is_accepted(&o.verdict))
            .collect();
        if rejected.is_empty() && run.failure.is_none() {
            continue;
        }
        out.push_str(&format!("\n### {}\n\n", run.document));
        if let Some(failure) = &run.failure {
            out.push_str(&format!(
                "failed: {}\n\n",
                shorten(failure.lines().next().unwrap_or_default(), 300)
            ));
        }
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for outcome in &rejected {
            if let Verdict::Rejected { violation, .. } = &outcome.verdict {
                for kind in violation_kinds(violation) {
                    *kinds.entry(kind).or_default() += 1;
                }
            }
        }
        if !kinds.is_empty() {
            let mut kinds: Vec<(String, usize)> = kinds.into_iter().collect();
            kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            out.push_str("| rejected requests | with a violation of the kind |\n|---:|---|\n");
            for (kind, count) in kinds.iter().take(8) {
                out.push_str(&format!("| {count} | {} |\n", shorten(kind, 160)));
            }
            out.push('\n');
        }
        if rejected.is_empty() {
            continue;
        }
        out.push_str("| operation | verdict | why |\n|---|---|---|\n");
        for outcome in rejected {
            let (verdict, why) = match &outcome.verdict {
                Verdict::Rejected {
                    status,
                    violation,
                    allowed,
                } => (
                    match allowed {
                        Some(_) => format!("rejected {status} (allowed)"),
                        None => format!("rejected {status}"),
                    },
                    violation.clone(),
                ),
                Verdict::NotTestable { reason } => ("not testable".to_owned(), reason.clone()),
                Verdict::Broken { detail, allowed } => (
                    match allowed {
                        Some(_) => "broken (allowed)".to_owned(),
                        None => "broken".to_owned(),
                    },
                    detail.clone(),
                ),
                Verdict::Accepted { .. } => continue,
            };
            out.push_str(&format!(
                "| {} | {verdict} | {} |\n",
                outcome.operation,
                shorten(&why, 160)
            ));
        }
    }
    out
}

fn seconds(d: Duration) -> String {
    if d.is_zero() {
        String::new()
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests;

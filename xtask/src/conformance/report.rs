//! What a conformance run found, as data, and its pure functions: each test's verdict read
//! from what the tests printed, the allow-list of Prism's own misjudgements, and the tables.

use std::collections::BTreeMap;
use std::time::Duration;

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

/// A rejection Prism itself gets wrong: for documents whose file name starts with
/// `document`, a violation message containing `message` (and starting with `location`).
pub struct Allowed {
    pub document: &'static str,
    pub location: &'static str,
    pub message: &'static str,
    pub reason: &'static str,
}

/// Where the mock's judgement is known to be wrong for a request the API itself accepts. Each
/// entry says why; keep it small.
pub const ALLOWED: &[Allowed] = &[
    Allowed {
        document: "twilio_",
        location: "body.",
        message: "must be object",
        reason: "Twilio reads a form field whose schema is an object as one field of JSON text \
                 (its SDKs send `RecordingRules={\"rules\":...}`, FORMATS.md); Prism expects \
                 the object's members as form keys (OpenAPI's default style, `form`, exploded)",
    },
    Allowed {
        document: "twilio_",
        location: "body.",
        message: "must be array",
        reason: "Twilio reads a form array as repeated keys (`VideoCodecs=VP8&VideoCodecs=H264`, \
                 OpenAPI's default for forms); Prism reads a repeated key of a form as one \
                 string and refuses it",
    },
    Allowed {
        document: "box",
        location: "body.attributes",
        message: "must be object",
        reason: "Box reads the multipart `attributes` part as JSON (\"these attributes are part \
                 of the multi part request body and are in JSON format\"), which the client sends \
                 with `Content-Type: application/json`, OpenAPI's default for an object part; \
                 Prism reads every multipart part as a string",
    },
    // Mistakes in the documents, which the generator warns about and the mock follows.
    Allowed {
        document: "box",
        location: "body",
        message: "must have required property 'grant_type'",
        reason: "Box's `PostOAuth2Revoke` requires `grant_type`, which its properties do not \
                 define (the generator warns at `#/components/schemas/PostOAuth2Revoke/required`); \
                 revoking takes `client_id`, `client_secret` and `token`",
    },
    Allowed {
        document: "box",
        location: "body.actionable_by",
        message: "must have required property 'id'",
        reason: "Box's `POST /invites` requires an `id` of `actionable_by`, which its properties \
                 do not define (the generator warns there); the invited user is named by `login`",
    },
    Allowed {
        document: "openai",
        location: "path",
        message: "must have required property 'cert_id'",
        reason: "OpenAI's `getCertificate` documents a path parameter `cert_id` that its path \
                 template (`/organization/certificates/{certificate_id}`) does not hold (the \
                 generator warns and leaves it out); the mock requires it all the same",
    },
    Allowed {
        document: "github",
        location: "request failed",
        message: "end of file before message length reached",
        reason: "GitHub documents `Content-Length: 279` as a header of `markdown/render`'s \
                 answer; Prism sends that header with an empty body, so no client can read the \
                 answer to its end",
    },
];

/// Where the mock's made-up answer is known not to be what the API sends: for documents whose
/// file name starts with `document`, a decode error containing `message`.
pub struct AllowedAnswer {
    pub document: &'static str,
    pub message: &'static str,
    pub reason: &'static str,
}

pub const ALLOWED_ANSWERS: &[AllowedAnswer] = &[
    AllowedAnswer {
        document: "twilio_",
        message: "header `Access-Control-Allow-Credentials`: expected `true` or `false`, got \"null\"",
        reason: "Prism makes up `null` for a documented boolean header without an example; \
                 Twilio sends `true`",
    },
    AllowedAnswer {
        document: "box",
        message: "created_by`: invalid type: sequence, expected a map",
        reason: "Box's document gives `created_by` (a user object) an example that is a list of \
                 one-member objects; Prism answers with that example",
    },
    AllowedAnswer {
        document: "box",
        message: "body field `application_type`: missing",
        reason: "Box documents two operations for `GET /shared_items`, told apart by a URL \
                 fragment (`#app_items`) that never reaches a server; Prism answers the other \
                 one's file or folder",
    },
    AllowedAnswer {
        document: "openai",
        message: "matches none of the variants (`EvalCustomDataSourceConfig`: field `schema`",
        reason: "OpenAI's document gives `schema`, an object, an example that is JSON text (a \
                 string); Prism answers with that example",
    },
    AllowedAnswer {
        document: "discord",
        message: "resolved.channels`: matches none of the variants (`ThreadResponse`: field `id`: missing",
        reason: "Prism makes up two entries for the map `resolved.channels` (its values a \
                 `oneOf` of four channel objects), the second an empty object, which none of \
                 the four allows (each requires `id`, `type` and `flags`); the first decodes",
    },
    AllowedAnswer {
        document: "openai.yaml",
        message: "body field `output[0].content[0].logprobs`: missing",
        reason: "OpenAI's 3.1 document gives `Response` an example whose `output_text` content \
                 has no `logprobs`, which `OutputTextContent` requires; Prism answers with that \
                 example",
    },
    AllowedAnswer {
        document: "openai.yaml",
        message: "body field `workflow.tracing`: missing",
        reason: "OpenAI's 3.1 document gives `ChatSessionResource` an example whose `workflow` \
                 has no `tracing`, which its schema requires; Prism answers with that example",
    },
    AllowedAnswer {
        document: "openai.yaml",
        message: "body field `output[0].id`: missing",
        reason: "OpenAI's 3.1 document gives `CompactResource` an example whose output messages \
                 have no `id`, which their schema requires; Prism answers with that example",
    },
    AllowedAnswer {
        document: "openai",
        message: "`testing_criteria`: invalid type: a string, expected an array",
        reason: "OpenAI's document gives `testing_criteria`, a list, the default `\"eval\"`; \
                 Prism answers with that default",
    },
];

/// The allow-list's reason for an answer that does not decode, if it has an entry.
pub fn allowed_answer(document: &str, why: &str) -> Option<&'static str> {
    ALLOWED_ANSWERS
        .iter()
        .find(|a| document.starts_with(a.document) && why.contains(a.message))
        .map(|a| a.reason)
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

/// The allow-list's reason for a rejection, if it has an entry.
pub fn allowed(document: &str, violation: &str) -> Option<&'static str> {
    ALLOWED
        .iter()
        .find(|a| {
            document.starts_with(a.document)
                && !violation.is_empty()
                && violation
                    .split("; ")
                    .all(|v| v.starts_with(a.location) && v.contains(a.message))
        })
        .map(|a| a.reason)
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
mod tests {
    use super::*;

    fn tests(names: &[(&str, &str)]) -> Vec<(String, String)> {
        names
            .iter()
            .map(|(t, o)| ((*t).to_owned(), (*o).to_owned()))
            .collect()
    }

    #[test]
    fn verdicts_come_from_the_printed_lines_and_the_panics() {
        let output = "\
running 5 tests
conformance: CreateRoom: accepted: HTTP 201
conformance: CreateRoomX: rejected: HTTP 422: body.Configuration: Request body property Configuration must be object
.conformance: FetchRoom: accepted: the mock's answer does not decode: HTTP 200 bad header
conformance: Odd: not testable: no value for `next`: it holds itself

thread 'broken_one' (77) panicked at tests/conformance.rs:12:5:
BrokenOne: the value of `at` (\"x\") does not read as its type: premature end
test broken_one ... FAILED
";
        let found = verdicts(
            "twilio_video_v1.yaml",
            output,
            &tests(&[
                ("create_room", "CreateRoom"),
                ("create_room_x", "CreateRoomX"),
                ("fetch_room", "FetchRoom"),
                ("odd", "Odd"),
                ("broken_one", "BrokenOne"),
                ("silent", "Silent"),
            ]),
        );
        let verdicts: Vec<&Verdict> = found.iter().map(|o| &o.verdict).collect();
        assert_eq!(verdicts[0], &Verdict::Accepted { note: None });
        assert!(
            matches!(verdicts[1], Verdict::Rejected { status: 422, allowed: Some(_), violation } if violation.starts_with("body.Configuration")),
            "{:?}",
            verdicts[1]
        );
        assert!(matches!(verdicts[2], Verdict::Accepted { note: Some(n) } if n.contains("decode")));
        assert!(
            matches!(verdicts[3], Verdict::NotTestable { reason } if reason.contains("itself"))
        );
        assert!(
            matches!(verdicts[4], Verdict::Broken { detail, .. } if detail.contains("premature end"))
        );
        assert!(
            matches!(verdicts[5], Verdict::Broken { detail, .. } if detail.contains("no verdict"))
        );
    }

    #[test]
    fn answers_come_from_their_own_lines_and_operation_names_may_hold_spaces() {
        let output = "\
conformance: find pet by id: accepted: HTTP 200
conformance-answer: find pet by id: 200: decoded
conformance-answer: find pet by id: 500: failed: HTTP 500 response does not match the documented types: body field `code`: invalid type
.conformance-answer: find pet: 404: not testable: the mock answered HTTP 200
conformance-answer: unknown op: 200: decoded
";
        let found = answers(
            "petstore-expanded.yaml",
            output,
            &tests(&[
                ("find_pet_by_id", "find pet by id"),
                ("find_pet", "find pet"),
            ]),
        );
        let read: Vec<(&str, u16, &Read)> = found
            .iter()
            .map(|a| (a.operation.as_str(), a.status, &a.read))
            .collect();
        assert_eq!(read.len(), 3, "{read:?}");
        assert_eq!(read[0], ("find pet by id", 200, &Read::Decoded));
        assert!(
            matches!(read[1], ("find pet by id", 500, Read::Failed { why, allowed: None }) if why.contains("`code`"))
        );
        assert!(matches!(
            read[2],
            ("find pet", 404, Read::NotTestable { .. })
        ));
    }

    #[test]
    fn the_allow_list_names_its_documents_and_every_violation_must_match() {
        let object = "body.Configuration: Request body property Configuration must be object";
        assert!(allowed("twilio_video_v1.yaml", object).is_some());
        assert!(
            allowed("github.json", object).is_none(),
            "Twilio's rule only"
        );
        let mixed = format!("{object}; body.Name: Request body must have required property 'Name'");
        assert!(allowed("twilio_video_v1.yaml", &mixed).is_none());
        assert!(allowed("twilio_video_v1.yaml", "").is_none());
        let revoke = "body: Request body must have required property 'grant_type'";
        assert!(allowed("box.json", revoke).is_some());
        assert!(
            allowed("github.json", revoke).is_none(),
            "Box's mistake only"
        );
        for entry in ALLOWED {
            assert!(!entry.reason.is_empty());
        }
        let default = "HTTP 200 response does not match the documented types: body field \
                       `testing_criteria`: invalid type: a string, expected an array";
        assert!(allowed_answer("openai-3.0.yaml", default).is_some());
        assert!(allowed_answer("box.json", default).is_none());
        for entry in ALLOWED_ANSWERS {
            assert!(!entry.reason.is_empty());
        }
    }

    #[test]
    fn violation_kinds_drop_names_and_numbers() {
        assert_eq!(
            violation_kinds(
                "body.Configuration: Request body property Configuration must be object; \
                 body.a.b: Request body property a.b must be object"
            ),
            ["body: Request body property * must be object"]
        );
        assert_eq!(
            violation_kinds("query.limit: Request query parameter limit must be <= 100"),
            ["query: Request query parameter * must be <= *"]
        );
        assert_eq!(
            violation_kinds("body: Request body must have required property 'name'"),
            ["body: Request body must have required property *"]
        );
    }

    #[test]
    fn the_table_counts_each_verdict() {
        let run = Run {
            document: "pets.yaml".into(),
            outcomes: vec![
                Outcome {
                    operation: "A".into(),
                    verdict: Verdict::Accepted { note: None },
                },
                Outcome {
                    operation: "B".into(),
                    verdict: Verdict::Rejected {
                        status: 422,
                        violation: "body: wrong | very".into(),
                        allowed: None,
                    },
                },
            ],
            answers: vec![
                Answer {
                    operation: "A".into(),
                    status: 200,
                    read: Read::Decoded,
                },
                Answer {
                    operation: "A".into(),
                    status: 404,
                    read: Read::Failed {
                        why: "body field `code`: missing".into(),
                        allowed: None,
                    },
                },
            ],
            ..Run::default()
        };
        let table = table(&[run]);
        assert!(
            table.contains("| pets.yaml | 2 | 1 | 0 | 1 | 0 | 0 | 0 | 0 |"),
            "{table}"
        );
        assert!(
            table.contains("| pets.yaml | 2 | 1 | 1 | 0 | 0 |"),
            "{table}"
        );
        assert!(
            table.contains("| A | 404 | body field `code`: missing |"),
            "{table}"
        );
        assert!(
            table.contains("| B | rejected 422 | body: wrong \\| very |"),
            "{table}"
        );
    }
}

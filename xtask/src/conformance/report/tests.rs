//! Verdicts read from printed test output, the allow-lists applied, and the table.

use super::*;
use crate::conformance::allowed::{ALLOWED, ALLOWED_ANSWERS};

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
    assert!(matches!(verdicts[3], Verdict::NotTestable { reason } if reason.contains("itself")));
    assert!(
        matches!(verdicts[4], Verdict::Broken { detail, .. } if detail.contains("premature end"))
    );
    assert!(matches!(verdicts[5], Verdict::Broken { detail, .. } if detail.contains("no verdict")));
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

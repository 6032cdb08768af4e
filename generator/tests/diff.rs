//! The API change report on small edits of the seed page and of an OpenAPI fixture: each edit
//! with the exact lines it must produce, each line with its class and rule.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use generator::diff::{Class, Kind};

mod diff_cases;
mod diff_edits;
use diff_cases::*;

#[test]
fn each_edit_gives_its_report_lines_and_classes() {
    let mut failures = Vec::new();
    for case in CASES {
        let report = report(case);
        let lines: Vec<String> = report.changes.iter().map(|c| short(&c.line())).collect();
        if lines != case.expected {
            failures.push(format!(
                "{}:\n    expected {:#?}\n    got {:#?}",
                case.name, case.expected, lines
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(CASES.len() >= 20);
}

/// The table covers every kind of change the report is asked to tell, in both classes.
#[test]
fn the_table_covers_every_kind_of_change() {
    let mut kinds = BTreeSet::new();
    let mut classes = BTreeSet::new();
    for case in CASES {
        for change in report(case).changes {
            kinds.insert(change.kind);
            classes.insert(change.class());
        }
    }
    for kind in [
        Kind::OperationAdded,
        Kind::OperationRemoved,
        Kind::FieldAdded,
        Kind::FieldRemoved,
        Kind::FieldRenamed,
        Kind::Retyped,
        Kind::BecameNullable,
        Kind::BecameNonNullable,
        Kind::BecameRequired,
        Kind::BecameOptional,
        Kind::EnumValueAdded,
        Kind::EnumValueRemoved,
        Kind::TypeAdded,
        Kind::TypeRemoved,
        Kind::DefaultServerChanged,
        Kind::ServerAdded,
        Kind::ServerVariableAdded,
        Kind::ServerVariableRemoved,
        Kind::ServerVariableChanged,
        Kind::AuthChanged,
        Kind::GroupChanged,
        Kind::PagingAdded,
        Kind::PagingRemoved,
        Kind::EventsAdded,
        Kind::EventsRemoved,
    ] {
        assert!(kinds.contains(&kind), "no case gives {kind:?}");
    }
    assert_eq!(
        classes,
        BTreeSet::from([Class::Breaking, Class::Compatible])
    );
}

#[test]
fn a_line_gives_the_rule_and_its_reason() {
    let report = report(&CASES[2]);
    assert_eq!(
        report.text(),
        "breaking: CreateRoom: response 201 field `links` removed (was `links: \
         Option<BTreeMap<String, String>>`) [rule field-removed: code that reads or sets the field \
         no longer compiles]\nAPI changes: 1 breaking, 0 compatible\n"
    );
}

fn generator(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the generator binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Folders `old/` and `new/` with the seed page, the new one edited.
fn old_and_new(edits: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut edited = SEED.to_owned();
    for (from, to) in edits {
        assert!(edited.contains(from), "{from}");
        edited = edited.replace(from, to);
    }
    for (folder, text) in [("old", SEED), ("new", edited.as_str())] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join("create_room.md"), text).unwrap();
    }
    dir
}

const ADD_REQUEST_FIELD: (&str, &str) = (
    "- **LargeRoom** (boolean)",
    "- **Region** (string) Where. - **LargeRoom** (boolean)",
);
const DROP_RESPONSE_FIELD: (&str, &str) = (
    " - **links** (object(uri-map) | null) The URLs of related resources.",
    "",
);

#[test]
fn diff_exits_0_when_nothing_changed_or_everything_is_compatible() {
    let same = old_and_new(&[]);
    let output = generator(&["diff", "old", "new"], same.path());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "no API changes\n");

    let compatible = old_and_new(&[ADD_REQUEST_FIELD]);
    let output = generator(&["diff", "old", "new/create_room.md"], compatible.path());
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).starts_with("compatible: CreateRoom: request field `Region` added"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn diff_exits_1_when_a_change_breaks() {
    let dir = old_and_new(&[ADD_REQUEST_FIELD, DROP_RESPONSE_FIELD]);
    let output = generator(&["diff", "old", "new"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("compatible: "), "{text}");
    assert!(lines[1].starts_with("breaking: "), "{text}");
    assert_eq!(lines[2], "API changes: 1 breaking, 1 compatible");
}

#[test]
fn diff_exits_2_on_bad_input_with_located_diagnostics() {
    let dir = old_and_new(&[]);
    std::fs::write(dir.path().join("new/notes.md"), "Meeting notes\n").unwrap();
    let output = generator(&["diff", "old", "new"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("new/notes.md:1:1"), "{message}");
    assert!(message.contains("1 error in new; no report"), "{message}");
    assert_eq!(stdout(&output), "");

    let missing = generator(&["diff", "old", "nowhere"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&missing.stderr).contains("panicked"));
}

#[test]
fn diff_prints_json_for_tools() {
    let dir = old_and_new(&[ADD_REQUEST_FIELD, DROP_RESPONSE_FIELD]);
    let output = generator(&["diff", "old", "new", "--format", "json"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["breaking"], 1);
    assert_eq!(json["compatible"], 1);
    assert_eq!(
        json["changes"][1],
        serde_json::json!({
            "kind": "field_removed",
            "class": "breaking",
            "rule": "field-removed",
            "reason": "code that reads or sets the field no longer compiles",
            "operation": "CreateRoom",
            "location": "response 201 field `links`",
            "detail": "removed (was `links: Option<BTreeMap<String, String>>`)",
        })
    );
}

#[test]
fn generate_check_reports_the_api_changes_before_the_diff() {
    let dir = old_and_new(&[DROP_RESPONSE_FIELD]);
    let written = generator(&["generate", "old", "--out", "client"], dir.path());
    assert_eq!(written.status.code(), Some(0));
    assert!(dir.path().join("client/api.json").exists());

    let check = generator(
        &["generate", "new", "--out", "client", "--check"],
        dir.path(),
    );
    assert_eq!(check.status.code(), Some(1));
    let text = stdout(&check);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("breaking: CreateRoom: response 201 field `links` removed"),
        "{text}"
    );
    assert_eq!(lines[1], "API changes: 1 breaking, 0 compatible");
    assert_eq!(lines[2], "");
    assert!(lines[3].starts_with("--- a/"), "{text}");
}

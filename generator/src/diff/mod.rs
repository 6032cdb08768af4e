//! What changed between two APIs, and whether code that uses the generated crate still
//! compiles: each change is `breaking` or `compatible` by a [`Rule`] stated in the terms of
//! the generated Rust (see [`rules`] for the table and the reasoning).
//!
//! Both APIs are planned ([`crate::plan`]) and the plans compared: every name, Rust type, place
//! and decoder the report speaks of is the one the emitter prints. Only what reaches the
//! crate's Rust API or the client's behaviour is compared: descriptions, examples, facts
//! (bounds, defaults, patterns), field order and input file names are not.

pub mod rules;
mod walk;

use std::io;

use serde::Serialize;

use crate::api_json;
use crate::ir::Api;
pub use rules::Rule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Breaking,
    Compatible,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Compatible => "compatible",
        }
    }
}

/// What kind of change: the `kind` of the JSON report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    OperationAdded,
    OperationRemoved,
    OperationRenamed,
    EndpointChanged,
    GroupChanged,
    PagingAdded,
    PagingRemoved,
    EventsAdded,
    EventsRemoved,
    WebhookAdded,
    WebhookRemoved,
    RequestEncodingChanged,
    RequestArgumentAdded,
    RequestArgumentRemoved,
    FieldAdded,
    FieldRemoved,
    FieldRenamed,
    FieldMoved,
    Retyped,
    BecameNullable,
    BecameNonNullable,
    BecameRequired,
    BecameOptional,
    PresenceUnstated,
    EnumValueAdded,
    EnumValueRemoved,
    EnumValueRenamed,
    TypeAdded,
    TypeRemoved,
    TypeRenamed,
    ResponseAdded,
    ResponseRemoved,
    SuccessStatusChanged,
    ServerAdded,
    ServerRemoved,
    DefaultServerChanged,
    ServerVariableAdded,
    ServerVariableRemoved,
    ServerVariableChanged,
    AuthChanged,
}

/// One change of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    pub rule: &'static Rule,
    /// The operation's id (its wire name), or `None` for the API as a whole.
    pub operation: Option<String>,
    /// Where in the operation or API: `request field \`Region\``, `response 201 field \`links\``.
    pub location: String,
    /// What happened there, with the Rust types involved.
    pub detail: String,
}

impl Change {
    pub fn class(&self) -> Class {
        self.rule.class
    }

    /// `breaking: CreateRoom: response 201 field \`links\` removed (...) [rule field-removed: ...]`.
    pub fn line(&self) -> String {
        format!(
            "{}: {}: {} {} [rule {}: {}]",
            self.class().as_str(),
            self.operation.as_deref().unwrap_or("API"),
            self.location,
            self.detail,
            self.rule.id,
            self.rule.reason
        )
    }
}

/// Every change, sorted: API-wide ones first, then by operation, location and detail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
}

/// The changes from `old` to `new`.
pub fn compare(old: &Api, new: &Api) -> Report {
    let mut changes = walk::changes(old, new);
    changes.sort_by(|a, b| {
        (a.operation.is_some(), &a.operation, &a.location, &a.detail).cmp(&(
            b.operation.is_some(),
            &b.operation,
            &b.location,
            &b.detail,
        ))
    });
    changes.dedup();
    Report { changes }
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class() == class).count()
    }

    pub fn is_breaking(&self) -> bool {
        self.count(Class::Breaking) > 0
    }

    /// One line per change, then a count; `no API changes` when there are none.
    pub fn text(&self) -> String {
        if self.is_empty() {
            return "no API changes\n".to_owned();
        }
        let mut text: String = self.changes.iter().map(|c| c.line() + "\n").collect();
        text.push_str(&format!(
            "API changes: {} breaking, {} compatible\n",
            self.count(Class::Breaking),
            self.count(Class::Compatible)
        ));
        text
    }

    /// `{"breaking": n, "compatible": n, "changes": [{kind, class, rule, reason, operation,
    /// location, detail}]}`, pretty-printed.
    pub fn json(&self) -> String {
        #[derive(Serialize)]
        struct Entry<'a> {
            kind: Kind,
            class: Class,
            rule: &'a str,
            reason: &'a str,
            operation: Option<&'a str>,
            location: &'a str,
            detail: &'a str,
        }
        let changes: Vec<Entry> = self
            .changes
            .iter()
            .map(|c| Entry {
                kind: c.kind,
                class: c.class(),
                rule: c.rule.id,
                reason: c.rule.reason,
                operation: c.operation.as_deref(),
                location: &c.location,
                detail: &c.detail,
            })
            .collect();
        #[derive(Serialize)]
        struct Json<'a> {
            breaking: usize,
            compatible: usize,
            changes: Vec<Entry<'a>>,
        }
        let report = Json {
            breaking: self.count(Class::Breaking),
            compatible: self.count(Class::Compatible),
            changes,
        };
        // Strings, numbers and enums without data always serialize.
        serde_json::to_string_pretty(&report).unwrap_or_default()
    }
}

/// What a drift check prints before its text diff: the changes from the IR committed beside
/// the output (`committed`, the text of `api.json` as read from disk) to `current`; empty when
/// nothing changed, a note when the committed IR cannot be used. A non-empty report ends with
/// an empty line, to stand apart from the diff.
pub fn drift_report(committed: io::Result<String>, current: &Api) -> String {
    let unavailable =
        |why: String| format!("note: no API change report: {why}; the text diff follows\n\n");
    match committed {
        Ok(text) => match api_json::parse(&text) {
            Ok(old) => {
                let report = compare(&old, current);
                if report.is_empty() {
                    String::new()
                } else {
                    report.text() + "\n"
                }
            }
            Err(err) => unavailable(format!("{} cannot be read: {err}", api_json::PATH)),
        },
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            unavailable(format!("{} is missing", api_json::PATH))
        }
        Err(err) => unavailable(format!("cannot read {}: {err}", api_json::PATH)),
    }
}

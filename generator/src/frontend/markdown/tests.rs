//! The two readers of the vocabulary agree: for every word of the layout, in every spelling the
//! matching rule allows and at every level its form allows, a page that uses it gives the same
//! operation and messages in its multi-line and its one-line form, and the word does its work.

use super::reflow::reflow;
use super::vocabulary::{Form, Meaning, WORDS, Word};
use crate::ir::{Operation, ParamLocation, Type};

/// A field with a description right before each word: a word the re-flow missed would end up in
/// this description.
const BEFORE: &str = "### Path parameters\n\n- **P** (string)\n  Text before.\n\n";
const STATUS: &str = "## Responses\n\n### 200 OK\n\n";
const FIELD: &str = "- **F** (string)\n  Its text.\n";

fn parse(src: &str) -> (Option<Operation>, Vec<String>) {
    let mut diagnostics = Vec::new();
    let operation = super::parse("probe.md", src, &mut diagnostics);
    (
        operation,
        diagnostics.into_iter().map(|d| d.message).collect(),
    )
}

fn one_line(page: &str) -> String {
    page.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page that uses `word`, spelled `text`, at `level` (headings only).
fn page(word: &Word, text: &str, level: usize) -> String {
    let hashes = "#".repeat(level);
    let section = match word.meaning {
        Meaning::Servers => format!("{hashes} {text}\n\n- https://a.test: https://a.test (A)\n\n"),
        Meaning::AuthMethods => format!("{hashes} {text}\n\n- Account sid auth token\n\n"),
        Meaning::Parameters => format!("{hashes} {text}\n\n### Query parameters\n\n{FIELD}\n"),
        Meaning::Params(_) | Meaning::BodyParameters => format!("{hashes} {text}\n\n{FIELD}\n"),
        Meaning::Responses => format!("{hashes} {text}\n\n### 201 Created\n\n"),
        Meaning::ResponseHeaders => {
            format!(
                "{STATUS}#### Body: application/json (object)\n\n- **B** (string)\n  B.\n\n{hashes} {text}\n\n{FIELD}"
            )
        }
        Meaning::Body => format!("{hashes} {text} application/json (object)\n\n{FIELD}\n"),
        Meaning::ContentType => {
            format!("## Body parameters\n\n{text} application/json\n\n{FIELD}\n")
        }
        Meaning::Footer => format!("{text}(https://bump.sh)\n"),
    };
    let path = match word.meaning {
        Meaning::Params(ParamLocation::Path) => "/v1/Things/{P}/{F}",
        _ => "/v1/Things/{P}",
    };
    let after = match word.meaning {
        Meaning::Responses | Meaning::ResponseHeaders => "",
        _ => STATUS,
    };
    format!("# Probe\n\n**POST {path}**\n\nAbout the probe.\n\n{BEFORE}{section}{after}")
}

/// What the word did to the operation: the part of it the section filled.
fn effect(word: &Word, op: &Operation) -> String {
    let body = |op: &Operation| {
        let body = op.body.as_ref().expect("a request body");
        let Type::Object { fields, .. } = &body.ty else {
            panic!("{:?}", body.ty)
        };
        let names: Vec<_> = fields.iter().map(|f| f.name.wire.as_str()).collect();
        format!("{} {names:?}", body.content_type)
    };
    match word.meaning {
        Meaning::Servers => op.servers[0].url.clone(),
        Meaning::AuthMethods => op.auth[0].name.clone(),
        Meaning::Parameters | Meaning::Params(_) => format!(
            "{:?} {}",
            op.params[1].location, op.params[1].field.name.wire
        ),
        Meaning::BodyParameters | Meaning::Body | Meaning::ContentType => body(op),
        Meaning::Responses => op.responses[0].status.to_string(),
        Meaning::ResponseHeaders => op.responses[0].headers[0].name.wire.clone(),
        Meaning::Footer => op.description.clone(),
    }
}

fn expected(word: &Word) -> String {
    match word.meaning {
        Meaning::Servers => "https://a.test".into(),
        Meaning::AuthMethods => "Account sid auth token".into(),
        Meaning::Parameters => "Query F".into(),
        Meaning::Params(location) => format!("{location:?} F"),
        Meaning::BodyParameters => "application/x-www-form-urlencoded [\"F\"]".into(),
        Meaning::Body | Meaning::ContentType => "application/json [\"F\"]".into(),
        Meaning::Responses => "201".into(),
        Meaning::ResponseHeaders => "F".into(),
        Meaning::Footer => "About the probe.".into(),
    }
}

fn levels(word: &Word) -> Vec<usize> {
    match &word.form {
        Form::Heading(level) => vec![*level],
        Form::HeadingStart(levels) => levels.clone().collect(),
        Form::Paragraph { .. } => vec![0],
    }
}

#[test]
fn every_word_in_every_allowed_spelling_reads_the_same_in_both_forms() {
    for word in WORDS {
        let spellings = [
            word.text.to_owned(),
            word.text.to_ascii_uppercase(),
            word.text.to_ascii_lowercase(),
        ];
        for (text, level) in spellings
            .iter()
            .flat_map(|t| levels(word).into_iter().map(move |l| (t, l)))
        {
            let page = page(word, text, level);
            let context = format!("{word:?} as `{text}` at level {level}:\n{page}");
            let (multi, messages) = parse(&page);
            assert_eq!(messages, Vec::<String>::new(), "{context}");
            let multi = multi.unwrap_or_else(|| panic!("{context}"));
            assert_eq!(effect(word, &multi), expected(word), "{context}");
            assert_eq!(
                multi.params[0].field.description, "Text before.",
                "{context}"
            );
            let line = one_line(&page);
            let mark = match level {
                0 => format!("\n{text}"),
                _ => format!("\n{} {text}", "#".repeat(level)),
            };
            let reflowed = reflow(&line).text;
            assert!(
                reflowed.contains(&mark),
                "{context}\nre-flowed:\n{reflowed}"
            );
            assert_eq!(parse(&line), (Some(multi), messages), "{context}");
        }
    }
}

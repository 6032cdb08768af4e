//! A whole API reference as pages: every operation of Twilio's documents rendered in the page
//! layout (`support/pages.rs`), in both forms, read as one folder. The pages must all read, and
//! agree with the document they were rendered from on every wire name, type kind and
//! nullability (nested members included where the layout keeps them).
//!
//! The documents are test data under `../shared/corpus`; without them the tests say so and
//! pass (a fresh clone has no corpus).

#[path = "support/pages.rs"]
mod pages;

use std::path::PathBuf;

use generator::frontend::{self, Source};
use generator::ir::{Api, Field, NamedType, Operation, Type};

fn corpus(file: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/twilio-oai");
    match std::fs::read_to_string(path.join(file)) {
        Ok(text) => Some(text),
        Err(err) => {
            eprintln!("skipped: ../shared/corpus/twilio-oai/{file} cannot be read ({err})");
            None
        }
    }
}

fn document(file: &str, text: &str) -> Api {
    let parsed = frontend::parse_sources(&[Source {
        name: file.to_owned(),
        text: text.to_owned(),
    }]);
    parsed.api.expect("the document reads")
}

/// One fact the layout carries: where a member is, its kind and whether it may be null.
type Fact = (String, &'static str, bool);

struct Facts<'a> {
    types: &'a [NamedType],
    /// Nested members too (the multi-line layout); else only what the one-line layout keeps.
    nested: bool,
}

impl Facts<'_> {
    fn resolve<'t>(&'t self, ty: &'t Type) -> &'t Type {
        pages::resolve(self.types, ty)
    }

    fn kind(&self, ty: &Type) -> &'static str {
        match self.resolve(ty) {
            Type::String { .. } | Type::Enum { .. } => "string",
            Type::Integer { .. } | Type::IntegerEnum { .. } => "integer",
            Type::Number { .. } => "number",
            Type::Boolean => "boolean",
            Type::Array { items } => match self.kind(items) {
                "object" => "array of objects",
                "array of objects" | "array of arrays" => "array of arrays",
                _ => "array",
            },
            Type::Map { .. } | Type::Object { .. } => "object",
            Type::Tuple { .. } => "array",
            Type::Any | Type::Named { .. } => "any",
            Type::Union { variants, .. } => variants.first().map_or("any", |v| self.kind(v)),
        }
    }

    fn members<'t>(&'t self, ty: &'t Type) -> &'t [Field] {
        match self.resolve(ty) {
            Type::Object { fields, .. } => fields,
            Type::Array { items } => self.members(items),
            _ => &[],
        }
    }

    /// In the multi-line layout, paths name the parent (`rules.type`); in the one-line layout a
    /// child is read as the next sibling, so its facts come in document order at the top.
    fn fields(&self, prefix: &str, fields: &[Field], out: &mut Vec<Fact>) {
        for field in fields {
            let path = format!("{prefix}{}", field.name.wire);
            let members = self.members(&field.ty);
            out.push((path.clone(), self.kind(&field.ty), field.nullable));
            let child_prefix = if self.nested {
                format!("{path}.")
            } else {
                prefix.to_owned()
            };
            self.fields(&child_prefix, members, out);
        }
    }

    fn operation(&self, op: &Operation) -> Vec<Fact> {
        let mut out = Vec::new();
        for param in &op.params {
            let prefix = format!("{:?} ", param.location);
            self.fields(&prefix, std::slice::from_ref(&param.field), &mut out);
        }
        if let Some(body) = &op.body {
            out.push(("body".into(), self.kind(&body.ty), false));
            self.fields("body ", self.members(&body.ty), &mut out);
        }
        for response in op.responses.iter().filter(|r| r.range.is_none()) {
            let status = response.status;
            self.fields(&format!("{status} header "), &response.headers, &mut out);
            if let Some(body) = &response.body {
                out.push((format!("{status} body"), self.kind(&body.ty), false));
                self.fields(&format!("{status} "), self.members(&body.ty), &mut out);
            }
        }
        if !self.nested {
            // A member named like an earlier sibling is dropped, with a warning, so the first
            // of the name is read.
            let mut seen = std::collections::HashSet::new();
            out.retain(|(path, ..)| seen.insert(path.clone()));
        }
        out
    }
}

struct Agreement {
    read: usize,
    total: usize,
    /// Errors, and every disagreement with the document.
    problems: Vec<String>,
    /// The pages' warnings.
    warnings: Vec<String>,
}

/// Renders every operation of `file`, reads the pages as one folder, and says how many pages
/// read and where they disagree with the document.
fn pages_agree(file: &str, one_line: bool) -> Option<Agreement> {
    let text = corpus(file)?;
    let api = document(file, &text);
    let chosen: Vec<&Operation> = api.operations.iter().collect();
    let sources: Vec<Source> = chosen
        .iter()
        .map(|op| {
            let page = pages::multi_line(&api, op);
            Source {
                name: format!("pages/{}.md", op.name.rust),
                text: if one_line {
                    pages::one_line(&page)
                } else {
                    page
                },
            }
        })
        .collect();
    let parsed = frontend::parse_sources(&sources);
    let mut problems: Vec<String> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.file, d.message))
        .collect();
    let failed_pages = {
        let mut files: Vec<&str> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.file.as_str())
            .collect();
        files.dedup();
        files.len()
    };
    if let Some(read) = &parsed.api {
        let expected = Facts {
            types: &api.types,
            nested: !one_line,
        };
        let got = Facts {
            types: &read.types,
            nested: !one_line,
        };
        for op in &chosen {
            let Some(page_op) = read
                .operations
                .iter()
                .find(|p| p.method == op.method && p.path.template == op.path.template)
            else {
                problems.push(format!("{}: no page operation", op.name.wire));
                continue;
            };
            let (want, have) = (expected.operation(op), got.operation(page_op));
            if want != have {
                let first = want
                    .iter()
                    .zip(&have)
                    .find(|(a, b)| a != b)
                    .map_or("(one list is longer)".to_owned(), |(a, b)| {
                        format!("document {a:?}, page {b:?}")
                    });
                problems.push(format!("{}: {first}", op.name.wire));
            }
        }
    }
    let warnings = parsed
        .diagnostics
        .iter()
        .filter(|d| d.is_warning())
        .map(|d| d.message.clone())
        .collect();
    Some(Agreement {
        read: chosen.len() - failed_pages,
        total: chosen.len(),
        problems,
        warnings,
    })
}

/// Checks that every page reads and agrees; returns the warnings.
fn check(file: &str, one_line: bool) -> Vec<String> {
    let layout = if one_line { "one-line" } else { "multi-line" };
    let Some(agreement) = pages_agree(file, one_line) else {
        return Vec::new();
    };
    eprintln!(
        "{file}, {layout}: {} of {} pages read, {} problems, {} warnings",
        agreement.read,
        agreement.total,
        agreement.problems.len(),
        agreement.warnings.len()
    );
    let problems = &agreement.problems;
    assert!(
        problems.is_empty(),
        "{layout} pages of {file}:\n{problems:#?}"
    );
    agreement.warnings
}

#[test]
fn every_video_operation_reads_as_a_multi_line_page() {
    let warnings = check("twilio_video_v1.yaml", false);
    // The layout's own structure reads without a warning.
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn every_video_operation_reads_as_a_one_line_page() {
    check("twilio_video_v1.yaml", true);
}

#[test]
fn every_messaging_operation_reads_in_both_layouts() {
    check("twilio_messaging_v1.yaml", false);
    check("twilio_messaging_v1.yaml", true);
}

#[test]
fn every_2010_operation_reads_as_a_multi_line_page() {
    let warnings = check("twilio_api_v2010.yaml", false);
    // 17 operations share a title with another ("Retrieve a list of credential list mappings
    // belonging to the domain used in the request" for calls and for registrations; three
    // "Delete a recording from your account"): each is named after its method and path.
    let titled: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains(" pages are titled "))
        .collect();
    if corpus("twilio_api_v2010.yaml").is_some() {
        assert_eq!(titled.len(), 17, "{warnings:#?}");
    }
}

#[test]
fn every_2010_operation_reads_as_a_one_line_page() {
    check("twilio_api_v2010.yaml", true);
}

/// Writes the pages of the Video API's room and participant operations into the folder
/// `RENDER_PAGES_TO` names: how `spec/`'s pages beside the seed were made,
/// `RENDER_PAGES_TO=spec cargo test -p generator --test reference_pages -- --ignored`. Two
/// things are as the seed has them rather than as the renderer would write them: list pages
/// are titled in the plural (`List rooms`), and `status_callback_method` keeps its format
/// (`string(http-method)`), which the IR of an enum does not hold.
#[test]
#[ignore = "a tool: renders pages for spec/"]
fn render_video_pages() {
    let Ok(folder) = std::env::var("RENDER_PAGES_TO") else {
        panic!("set RENDER_PAGES_TO to the folder to write the pages into");
    };
    let file = "twilio_video_v1.yaml";
    let text = corpus(file).expect("the Video document");
    let api = document(file, &text);
    for (id, title) in [
        ("FetchRoom", "Fetch room"),
        ("UpdateRoom", "Update room"),
        ("ListRoom", "List rooms"),
        ("FetchRoomParticipant", "Fetch room participant"),
        ("ListRoomParticipant", "List room participants"),
    ] {
        let op = api
            .operations
            .iter()
            .find(|op| op.name.wire == id)
            .expect(id);
        let page = pages::multi_line(&api, op);
        let page = page.replacen(
            &format!("# {}\n", pages::title(op)),
            &format!("# {title}\n"),
            1,
        );
        let page = page.replace(
            "**status_callback_method** (string | null)",
            "**status_callback_method** (string(http-method) | null)",
        );
        let name = generator::names::snake(title);
        let path = PathBuf::from(&folder).join(format!("{name}.md"));
        std::fs::write(&path, page).expect("written");
    }
}

//! Frontends: each reads one input format into IR operations. Only this module's children know
//! about input formats; everything after works on [`crate::ir`].

mod auth;
pub mod markdown;
pub mod openapi;
mod prose;
mod type_expr;

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::ir::{Api, NamedType, Operation, Server, Webhooks};

/// One input document, read into memory.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user gave it (or relative to a folder they gave), `/`-separated.
    pub name: String,
    pub text: String,
}

/// File extensions of inputs found in folders.
const INPUT_EXTENSIONS: &[&str] = &["md", "yaml", "yml", "json"];

/// Reads the inputs: files as given, folders as every page or OpenAPI document in them
/// (recursively, sorted).
pub fn read_inputs(paths: &[PathBuf]) -> Result<Vec<Source>, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            match pages_in(path) {
                Ok(found) if found.is_empty() => errors.push(Diagnostic::error(
                    &display(path),
                    None,
                    "the folder holds no input (`.md` reference pages, `.yaml`/`.json` OpenAPI documents)",
                )),
                Ok(found) => files.extend(found),
                Err(err) => errors.push(Diagnostic::error(
                    &display(path),
                    None,
                    format!("cannot read folder: {err}"),
                )),
            }
        } else {
            files.push(path.clone());
        }
    }
    let mut sources = Vec::new();
    for file in files {
        match std::fs::read_to_string(&file) {
            Ok(text) => sources.push(Source {
                name: display(&file),
                text,
            }),
            Err(err) => errors.push(Diagnostic::error(
                &display(&file),
                None,
                format!("cannot read input: {err}"),
            )),
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(errors)
    }
}

/// Runs of whitespace (line breaks included) as one space.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(pages_in(&path)?);
        } else if path
            .extension()
            .is_some_and(|e| INPUT_EXTENSIONS.iter().any(|x| e == *x))
        {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The outcome of reading a set of inputs: the API (when no input had an error) and every
/// diagnostic, errors and warnings, of every input.
#[derive(Debug)]
pub struct Parsed {
    pub api: Option<Api>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses every source into one API. All inputs are parsed even after an error, so a run
/// reports every problem at once.
pub fn parse_sources(sources: &[Source]) -> Parsed {
    let mut diagnostics = Vec::new();
    let mut operations = Vec::new();
    let mut types = Vec::new();
    let mut pages = Vec::new();
    let mut webhooks = Webhooks::default();
    for source in sources {
        if openapi::is_openapi(&source.text) {
            if let Some(document) = parse_openapi_guarded(source, &mut diagnostics) {
                operations.extend(document.operations);
                types.extend(document.types);
                webhooks.hooks.extend(document.webhooks.hooks);
                webhooks.event = webhooks.event.or(document.webhooks.event);
            }
        } else if let Some(operation) =
            markdown::parse(&source.name, &source.text, &mut diagnostics)
        {
            pages.push((source, operation));
        }
    }
    markdown::name_apart(&mut pages, &mut diagnostics);
    let mut page_operations: Vec<Operation> = pages.into_iter().map(|(_, op)| op).collect();
    let reserved: Vec<String> = types.iter().map(|t| t.name.rust.clone()).collect();
    types.extend(markdown::share(
        &mut page_operations,
        &reserved,
        &mut diagnostics,
    ));
    operations.extend(page_operations);
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    let api =
        assemble(operations, types, sources, &mut diagnostics).map(|api| Api { webhooks, ..api });
    Parsed {
        api: api.filter(|_| !failed),
        diagnostics,
    }
}

/// The OpenAPI frontend, with a panic inside the openapiv3 crate (its `ReferenceOr`
/// deserializer panics on some malformed `$ref` objects) turned into an error at the document.
fn parse_openapi_guarded(
    source: &Source,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<openapi::Document> {
    // `openapi::parse` adds its diagnostics only once it returns, so a panic leaves none.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        openapi::parse(&source.name, &source.text, diagnostics)
    }));
    parsed.unwrap_or_else(|_| {
        diagnostics.push(
            Diagnostic::error(
                &source.name,
                Some(0..0),
                "the document could not be read: a `$ref` object or another node has a shape \
                 the OpenAPI library cannot decode",
            )
            .with_pointer("#")
            .with_help("check that every `$ref` object holds only `$ref` and a string"),
        );
        None
    })
}

/// Sorts the operations and types, checks their names are distinct and gathers servers and
/// auth.
fn assemble(
    mut operations: Vec<Operation>,
    mut types: Vec<NamedType>,
    sources: &[Source],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Api> {
    let text_of = |file: &str| {
        sources
            .iter()
            .find(|s| s.name == file)
            .map(|s| s.text.as_str())
    };
    for operation in &mut operations {
        operation.name.rust = crate::names::operation_method(&operation.name.rust);
    }
    operations.sort_by(|a, b| a.name.rust.cmp(&b.name.rust).then(a.source.cmp(&b.source)));
    let mut failed = false;
    for pair in operations.windows(2) {
        if pair[0].name.rust == pair[1].name.rust {
            failed = true;
            let span = text_of(&pair[1].source).and_then(|text| operation_span(text, &pair[1]));
            diagnostics.push(
                Diagnostic::error(
                    &pair[1].source,
                    span,
                    format!(
                        "operation `{}` is also defined in {}",
                        pair[1].name.rust, pair[0].source
                    ),
                )
                .with_help("give one of the operations another title or operationId"),
            );
        }
    }
    let mut servers = Vec::new();
    let mut auth = Vec::new();
    for operation in &operations {
        for server in &operation.servers {
            if !servers.contains(server) {
                servers.push(server.clone());
            }
        }
        for method in &operation.auth {
            if !auth.contains(method) {
                auth.push(method.clone());
            }
        }
    }
    // The client's default is the server most operations go to (a document's own servers,
    // not one an operation that sorts first overrides them with); ties in order of first use.
    let uses = |server: &Server| {
        operations
            .iter()
            .filter(|op| op.servers.first() == Some(server))
            .count()
    };
    servers.sort_by_key(|server| std::cmp::Reverse(uses(server)));
    // The same schema from two documents is one type; two different ones cannot share a name.
    types.sort_by(|a, b| a.name.rust.cmp(&b.name.rust));
    types.dedup();
    for pair in types.windows(2) {
        if pair[0].name.rust == pair[1].name.rust {
            failed = true;
            // Point at the second schema's key in the document that defines it.
            let key = format!("{}:", pair[1].name.wire);
            let quoted = format!("\"{}\":", pair[1].name.wire);
            let place = sources.iter().find_map(|source| {
                let at = source
                    .text
                    .rfind(&key)
                    .or_else(|| source.text.rfind(&quoted))?;
                Some((source.name.as_str(), at..at + pair[1].name.wire.len()))
            });
            let (file, span) = place.map_or(("<inputs>", None), |(file, span)| (file, Some(span)));
            diagnostics.push(
                Diagnostic::error(
                    file,
                    span,
                    format!(
                        "two different schemas are both named `{}` (`{}` and `{}`)",
                        pair[0].name.rust, pair[0].name.wire, pair[1].name.wire
                    ),
                )
                .with_help("rename one of the schemas"),
            );
        }
    }
    (!failed).then_some(Api {
        servers,
        auth,
        operations,
        types,
        webhooks: Webhooks::default(),
    })
}

/// Where an operation is named in its document: the last `operationId` with its name (the
/// later of two duplicates in one document), else the page title.
fn operation_span(text: &str, operation: &Operation) -> Option<std::ops::Range<usize>> {
    let wire = operation.name.wire.as_str();
    let by_id = text.match_indices(wire).filter(|(at, _)| {
        let line_start = text[..*at].rfind('\n').map_or(0, |i| i + 1);
        text[line_start..*at].contains("operationId")
    });
    if let Some((at, _)) = by_id.last() {
        return Some(at..at + wire.len());
    }
    text.find(&operation.summary)
        .map(|at| at..at + operation.summary.len())
}

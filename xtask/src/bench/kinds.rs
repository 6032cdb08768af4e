//! Lines of our generated crate by kind of item: what the build of a large crate spends its
//! time on. The files are as the generator prints them (items at column 0, bodies indented),
//! so an item is a line at column 0 with the indented and closing lines after it; its docs and
//! `cfg` attributes are counted apart.

use std::collections::BTreeMap;
use std::path::Path;

use super::generation::{Generation, file_name, output_dir};
use super::table::{Table, thousands};
use super::tools::Tool;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    RequestStructs,
    RequestSetters,
    Encoders,
    RequestDecoders,
    ResponseStructs,
    ResponseDecoders,
    TextEnums,
    Unions,
    ErrorEnums,
    Operations,
    BlockingOperations,
    Docs,
    Cfg,
    ClientAndGlue,
    Runtime,
    Other,
}

pub const KINDS: [Kind; 16] = [
    Kind::RequestStructs,
    Kind::RequestSetters,
    Kind::Encoders,
    Kind::RequestDecoders,
    Kind::ResponseStructs,
    Kind::ResponseDecoders,
    Kind::TextEnums,
    Kind::Unions,
    Kind::ErrorEnums,
    Kind::Operations,
    Kind::BlockingOperations,
    Kind::Docs,
    Kind::Cfg,
    Kind::ClientAndGlue,
    Kind::Runtime,
    Kind::Other,
];

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::RequestStructs => "request structs (and their nested shapes)",
            Kind::RequestSetters => "request constructors and setters",
            Kind::Encoders => "form/JSON encoders (`fn form`, `Serialize` impls)",
            Kind::RequestDecoders => "`Deserialize` impls of request shapes",
            Kind::ResponseStructs => "response and shared structs",
            Kind::ResponseDecoders => "their decoders (`Deserialize`, `FromAnswer`)",
            Kind::TextEnums => "string enums (`as_str`, `From<&str>`, macro)",
            Kind::Unions => "unions (untagged enums and their impls)",
            Kind::ErrorEnums => "error enums per operation",
            Kind::Operations => "operation methods (`impl Client`)",
            Kind::BlockingOperations => "blocking operation methods",
            Kind::Docs => "doc comments",
            Kind::Cfg => "`cfg` attributes (feature lists)",
            Kind::ClientAndGlue => "lib.rs, client, modules and `use`s",
            Kind::Runtime => "runtime crate",
            Kind::Other => "type aliases and other",
        }
    }
}

/// Lines per kind.
pub type Counts = BTreeMap<Kind, usize>;

/// Counts the lines of every `.rs` file under `dir` (the runtime crate's as [`Kind::Runtime`]).
pub fn count_dir(dir: &Path) -> Counts {
    let mut counts = Counts::new();
    add_dir(dir, &mut counts);
    counts
}

fn add_dir(dir: &Path, counts: &mut Counts) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            add_dir(&path, counts);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if path.components().any(|c| c.as_os_str() == "runtime") {
                *counts.entry(Kind::Runtime).or_default() += text.lines().count();
            } else {
                let glue = ["lib.rs", "client.rs", "blocking.rs"].contains(&&*file_name(&path));
                add_file(&text, glue, counts);
            }
        }
    }
}

/// Adds one file's lines; in a `glue` file (lib.rs, the client) every item is glue.
pub fn add_file(text: &str, glue: bool, counts: &mut Counts) {
    let mut enums: Vec<String> = Vec::new();
    for item in items(text) {
        let kind = if glue {
            Kind::ClientAndGlue
        } else {
            item_kind(&item, &mut enums)
        };
        add_item(&item, kind, counts);
    }
}

/// A top-level item: its lines, from its docs and attributes to its closing line.
struct Item<'a> {
    lines: Vec<&'a str>,
}

impl Item<'_> {
    /// The lines that name the item (`impl<'de> Deserialize<'de>` and `for X {`), joined.
    fn header(&self) -> String {
        let start = self
            .lines
            .iter()
            .position(|l| !is_prefix_line(l) && !continues(l));
        let Some(start) = start else {
            return String::new();
        };
        let first = self.lines[start];
        match self.lines.get(start + 1) {
            Some(next) if next.starts_with("for ") => format!("{first} {next}"),
            _ => first.to_owned(),
        }
    }
}

/// A line at column 0 that belongs to the next item: a doc comment or an attribute.
fn is_prefix_line(line: &str) -> bool {
    line.starts_with("//") || line.starts_with("#")
}

/// A line at column 0 that closes or continues the item before it.
fn continues(line: &str) -> bool {
    line.is_empty()
        || line.starts_with([' ', '}', ')', ']', '>'])
        || line.starts_with("for ")
        || line.starts_with("where")
}

fn items(text: &str) -> Vec<Item<'_>> {
    let mut items: Vec<Item> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    // Whether `current` has its header line: then the next line at column 0 that does not
    // continue it starts the next item.
    let mut has_header = false;
    for line in text.lines() {
        if has_header && !continues(line) {
            items.push(Item {
                lines: std::mem::take(&mut current),
            });
            has_header = false;
        }
        if !continues(line) && !is_prefix_line(line) {
            has_header = true;
        }
        current.push(line);
    }
    if !current.is_empty() {
        items.push(Item { lines: current });
    }
    items
}

/// The type an `impl` is for, or the struct or enum an item defines.
fn subject(header: &str) -> Option<&str> {
    let after = header
        .rsplit_once(" for ")
        .map(|(_, name)| name)
        .or_else(|| header.strip_prefix("impl "))
        .or_else(|| header.strip_prefix("pub struct "))
        .or_else(|| header.strip_prefix("pub enum "))?;
    after.split([' ', '{', '<', '(', ';']).next()
}

fn item_kind(item: &Item, enums: &mut Vec<String>) -> Kind {
    let header = item.header();
    let name = subject(&header).unwrap_or("").to_owned();
    let request = name.contains("Request");
    if header.starts_with("pub enum ") {
        enums.push(name.clone());
        return enum_kind(item, &name);
    }
    if header.starts_with("pub struct ") {
        return if request {
            Kind::RequestStructs
        } else {
            Kind::ResponseStructs
        };
    }
    let is_enum = enums.contains(&name);
    match &header {
        h if h.starts_with("impl crate::Client") => Kind::Operations,
        h if h.starts_with("impl crate::blocking::Client") => Kind::BlockingOperations,
        h if h.starts_with("crate::runtime::text_enum_impls!") => Kind::TextEnums,
        h if h.contains("Deserialize<'de>") && request => Kind::RequestDecoders,
        h if h.contains("Deserialize<'de>") && is_enum && !request => Kind::Unions,
        h if h.contains("Deserialize<'de>") => Kind::ResponseDecoders,
        h if h.contains("Serialize for") => Kind::Encoders,
        h if h.contains("FromAnswer") && name.ends_with("Error") => Kind::ErrorEnums,
        h if h.contains("FromAnswer") => Kind::ResponseDecoders,
        h if h.starts_with("impl From<&str>") || (is_enum && h.starts_with("impl ")) => {
            Kind::TextEnums
        }
        h if h.starts_with("impl ") && request => Kind::RequestSetters,
        h if h.starts_with("pub mod") || h.starts_with("pub use") || h.starts_with("use ") => {
            Kind::ClientAndGlue
        }
        _ => Kind::Other,
    }
}

fn enum_kind(item: &Item, name: &str) -> Kind {
    if name.ends_with("Error") && !name.contains("Request") {
        Kind::ErrorEnums
    } else if item.lines.iter().any(|l| l.trim() == "Unknown(String),") {
        Kind::TextEnums
    } else {
        Kind::Unions
    }
}

/// Counts an item's lines: docs and `cfg` attributes apart, the encoding methods of a request
/// (`fn form`, `fn multipart`, `fn json`) as encoders, the rest as `kind`.
fn add_item(item: &Item, kind: Kind, counts: &mut Counts) {
    let mut in_cfg = false;
    let mut in_encoder = false;
    for line in &item.lines {
        let trimmed = line.trim_start();
        if line.starts_with("#[cfg(") {
            in_cfg = !line.ends_with(']');
            *counts.entry(Kind::Cfg).or_default() += 1;
            continue;
        }
        if in_cfg {
            in_cfg = !line.starts_with(")]");
            *counts.entry(Kind::Cfg).or_default() += 1;
            continue;
        }
        if trimmed.starts_with("//") {
            *counts.entry(Kind::Docs).or_default() += 1;
            continue;
        }
        if kind == Kind::RequestSetters && line.starts_with("    ") && !line.starts_with("     ") {
            if let Some(method) = method_name(trimmed) {
                in_encoder = ["form", "multipart", "json", "body"].contains(&method);
            }
        }
        let counted = if in_encoder { Kind::Encoders } else { kind };
        *counts.entry(counted).or_default() += 1;
    }
}

/// `pub fn form(` -> `form`.
fn method_name(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("pub ").unwrap_or(line);
    let rest = rest.strip_prefix("pub(crate) ").unwrap_or(rest);
    let rest = rest.strip_prefix("fn ")?;
    rest.split(['(', '<']).next()
}

/// Our output's lines by kind, one column per document.
pub fn print(scratch: &Path, ours: &Tool, generation: &Generation) {
    let counts: Vec<Counts> = generation
        .documents
        .iter()
        .map(|d| count_dir(&output_dir(scratch, ours, d)))
        .collect();
    let mut header = vec!["lines of our output".to_owned()];
    header.extend(generation.documents.iter().map(|d| file_name(d)));
    let mut table = Table::new(header);
    for kind in KINDS {
        let mut row = vec![kind.label().to_owned()];
        row.extend(
            counts
                .iter()
                .map(|c| thousands(*c.get(&kind).unwrap_or(&0) as u64)),
        );
        table.row(row);
    }
    let mut total = vec!["all".to_owned()];
    total.extend(
        counts
            .iter()
            .map(|c| thousands(c.values().sum::<usize>() as u64)),
    );
    table.row(total);
    println!("Lines of our output by kind of item:\n");
    table.print();
}

#[cfg(test)]
mod tests;

//! A generator of typed Rust API clients.
//!
//! Inputs (reference pages in markdown) are read by a [`frontend`] into the [`ir`]; the
//! [`emit`] step turns the IR into the files of a crate; [`output`] writes them, or checks that
//! what is on disk matches. [`generate`] runs the whole path and is what both the CLI and
//! `cargo xtask codegen` call. [`diff`] tells what changed between two IRs, breaking or
//! compatible; [`api_json`] is the IR kept beside a generated crate for it. [`export`] writes
//! the IR as an OpenAPI document ([`export_openapi`]).

pub mod api_json;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod export;
pub mod format;
pub mod frontend;
pub mod ir;
pub mod media;
pub mod names;
pub mod output;
pub mod plan;

use std::path::PathBuf;

use diag::Diagnostic;
use emit::{CrateOptions, OutputFile};
use frontend::Source;
use ir::Api;
use plan::Plan;

/// A successful run: the API, the plan of its crate, the crate's files, and the warnings met
/// on the way.
#[derive(Debug)]
pub struct Generation {
    pub api: Api,
    pub plan: Plan,
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Diagnostic>,
    pub sources: Vec<Source>,
}

/// A failed run: every diagnostic of every input (errors and warnings).
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Vec<Source>,
}

impl Failure {
    /// Every diagnostic with its snippet, then a count.
    pub fn render(&self) -> String {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        format!(
            "{}{errors} error{} in the inputs; nothing was written:\n{}",
            render(&self.diagnostics, &self.sources),
            if errors == 1 { "" } else { "s" },
            summary(&self.diagnostics, &self.sources).trim_end()
        )
    }
}

/// Renders diagnostics with the snippets of the sources they point into.
pub fn render(diagnostics: &[Diagnostic], sources: &[Source]) -> String {
    diag::render_all(diagnostics, |file| {
        sources
            .iter()
            .find(|s| s.name == file)
            .map(|s| s.text.as_str())
    })
}

/// One line per diagnostic, `file:line:col: warning: message (at POINTER)`: the summary's list.
pub fn summary(diagnostics: &[Diagnostic], sources: &[Source]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let location = match sources.iter().find(|s| s.name == d.file) {
                Some(source) => d.location(&source.text),
                None => d.file.clone(),
            };
            let severity = d.severity.word();
            let pointer = d
                .pointer
                .as_ref()
                .map_or_else(String::new, |p| format!(" (at {p})"));
            format!("  {location}: {severity}: {}{pointer}\n", d.message)
        })
        .collect()
}

/// Whether `--deny-warnings` fails a run with these diagnostics (notes do not).
pub fn has_warnings(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_warning)
}

/// `--deny-warnings`: a run's warnings as the errors that fail it (its notes left out).
pub fn deny(warnings: Vec<Diagnostic>, sources: Vec<Source>) -> Failure {
    let diagnostics = warnings
        .into_iter()
        .filter(Diagnostic::is_warning)
        .map(|mut d| {
            d.severity = diag::Severity::Error;
            let denied = "warnings are errors under --deny-warnings";
            d.help = Some(match d.help {
                Some(help) => format!("{help}; {denied}"),
                None => denied.to_owned(),
            });
            d
        })
        .collect();
    Failure {
        diagnostics,
        sources,
    }
}

/// Reads and parses the inputs (files or folders) into one API.
pub fn read_api(inputs: &[PathBuf]) -> Result<(Api, Vec<Diagnostic>, Vec<Source>), Failure> {
    let sources = frontend::read_inputs(inputs).map_err(|diagnostics| Failure {
        diagnostics,
        sources: Vec::new(),
    })?;
    let parsed = frontend::parse_sources(&sources);
    match parsed.api {
        Some(api) => Ok((api, parsed.diagnostics, sources)),
        None => Err(Failure {
            diagnostics: parsed.diagnostics,
            sources,
        }),
    }
}

/// The whole path from inputs to the files of a crate, in memory: nothing is written here.
pub fn generate(inputs: &[PathBuf], options: &CrateOptions) -> Result<Generation, Failure> {
    let (api, warnings, sources) = read_api(inputs)?;
    build(api, warnings, sources, options)
}

/// The files of the crate for an API [`read_api`] gave (with its warnings and sources): the
/// plan, printed, and the IR itself as `api.json` (so that a drift check can tell what changed
/// in the API). The plan's own warnings join the inputs'.
pub fn build(
    api: Api,
    mut warnings: Vec<Diagnostic>,
    sources: Vec<Source>,
    options: &CrateOptions,
) -> Result<Generation, Failure> {
    let mut plan = plan::build(&api);
    warnings.append(&mut plan.warnings);
    if options.conformance_tests {
        plan.conformance = plan::conformance_tests(&api, &plan);
    }
    let emitter_failure = |message: String| Failure {
        diagnostics: vec![Diagnostic::error("<emitter>", None, message)],
        sources: Vec::new(),
    };
    let mut files = emit::emit_crate(&plan, options).map_err(emitter_failure)?;
    let api_json = api_json::render(&api, &options.regenerate).map_err(emitter_failure)?;
    files.push(OutputFile {
        path: api_json::PATH.to_owned(),
        contents: api_json,
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Generation {
        api,
        plan,
        files,
        warnings,
        sources,
    })
}

/// An exported document: its text, what it holds, and the warnings met reading the inputs.
#[derive(Debug)]
pub struct Exported {
    pub text: String,
    pub operations: usize,
    pub types: usize,
    pub warnings: Vec<Diagnostic>,
    pub sources: Vec<Source>,
}

/// The inputs' API as the text of an OpenAPI 3.0.3 document (see [`export`] for what it maps
/// and what is lost), with the warnings of reading the inputs and of writing the document;
/// nothing is written here. An input error, or an IR the document cannot hold (two responses
/// for one status), is a [`Failure`].
pub fn export_openapi(
    inputs: &[PathBuf],
    format: export::Format,
    title: &str,
    header: &str,
) -> Result<Exported, Failure> {
    let (api, mut warnings, sources) = read_api(inputs)?;
    let document = match export::document(&api, title) {
        Ok((document, mut written)) => {
            warnings.append(&mut written);
            document
        }
        Err(mut errors) => {
            errors.extend(warnings);
            return Err(Failure {
                diagnostics: errors,
                sources,
            });
        }
    };
    let text = export::render(&document, format, header).map_err(|message| Failure {
        diagnostics: vec![Diagnostic::error("<export>", None, message)],
        sources: Vec::new(),
    })?;
    Ok(Exported {
        text,
        operations: api.operations.len(),
        types: api.types.len(),
        warnings,
        sources,
    })
}

impl Generation {
    /// Number of Rust types the crate defines for its operations and named schemas.
    pub fn type_count(&self) -> usize {
        self.plan.type_count()
    }
}

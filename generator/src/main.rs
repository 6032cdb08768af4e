//! The `generator` command line: `generate` writes a client crate, `ir` prints the IR, `plan`
//! the plan of its crate, `diff` reports what changed between two inputs' APIs, `export`
//! writes the IR as an OpenAPI document.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use generator::emit::CrateOptions;
use generator::output::{self, Mode};

// Generation allocates many small short-lived values (tokens, strings) on every core; glibc's
// allocator spent about a quarter of the run in malloc/free, mimalloc much less. Its `no_thp`
// feature keeps transparent huge pages from inflating the peak memory (85 -> 65 MiB on
// Twilio's 2010 API).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_delay` option (`mi_option_purge_delay` in mimalloc 3's `mimalloc.h`,
/// which the bindings do not name): how long freed memory is kept before it goes back to the
/// system. Its default, 1000 ms, is longer than a whole run, so the peak held every phase's
/// memory at once (64-71 MiB on Twilio's 2010 API); at 10 ms it is about 47 MiB, for about 10%
/// more time. A test checks that the index still means this option.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const PURGE_DELAY_MS: std::os::raw::c_long = 10;

/// Generates typed Rust API clients from API reference documents.
///
/// Inputs are markdown reference pages in the Bump.sh layout (one page per operation, one-line
/// or multi-line; a folder of pages is one API, whose objects of one shape become one type
/// named after their resource, `Room`), OpenAPI 3.0 and 3.1 documents (YAML or JSON, told apart from pages by
/// their content; a 3.1 document's JSON Schema keywords are read as their 3.0 equivalents, and
/// its webhooks' payloads become types, read by the crate's `webhooks::decode` functions), or
/// folders of them. `export --openapi` writes the inputs' API back as an OpenAPI 3.0.3 document
/// (for tools that read OpenAPI; `export --help` lists what reading it back loses). Exit codes:
/// 0 success, 1 errors in the inputs or on disk, 2
/// usage (`diff` has its own: see `generator diff --help`).
#[derive(Parser)]
#[command(name = "generator", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a complete client crate for the inputs into DIR.
    ///
    /// Only files whose content changed are written, and generated files that no input
    /// produces any more are removed; files without the `@generated` marker are never
    /// touched. When any input has an error, nothing is written.
    ///
    /// The client's constructors follow the inputs' security: `Client::new` and
    /// `Client::builder` take the first requirement's credentials (HTTP Basic; a bearer token,
    /// also for OAuth 2 and OpenID Connect; API keys in a header, the query or a cookie; every
    /// scheme a requirement names together), and when there are several requirements each also
    /// has a builder named after its schemes (`Client::builder_api_key`).
    ///
    /// A call gives its first documented 2xx answer typed: JSON into its type, `text/*` as a
    /// `String`, any other body (a file, audio, a media type without a decoder) as a
    /// `runtime::Download` the caller streams (`into_stream`; `std::io::Read` on the blocking
    /// client) or reads whole; Server-Sent Events (`text/event-stream`) as `runtime::Events`,
    /// each event's data decoded into its documented type, until `[DONE]`. An answer
    /// documented both as JSON and as an event stream (OpenAI's chat completions) also gets
    /// `<method>_events`. Bodies read whole are limited (`ClientBuilder::max_response_body`,
    /// 256 MiB unless set): more is an error naming the limit.
    Generate {
        /// Reference pages, OpenAPI documents, or folders of them.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// The crate's directory.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The package name: ASCII letters, digits, `-` and `_`, not starting with a digit or
        /// `-`, not a Rust keyword (`self`, `type`) or built-in crate (`std`, `test`); a name
        /// that is not is refused before anything is written. Default: the name of DIR, made
        /// valid when it is not (`my.client.v2` -> `my_client_v2`), with a note saying so.
        #[arg(long, value_parser = package_name)]
        crate_name: Option<String>,
        /// Write nothing; print a diff of what would change and fail if anything would.
        #[arg(long)]
        check: bool,
        /// Also write `tests/examples.rs`: each documented response example must decode
        /// into its type and encode back with every field kept.
        #[arg(long)]
        example_tests: bool,
        /// Also write `tests/conformance.rs`: for every operation, a request built from the
        /// document (its examples, defaults, else the smallest values its schemas allow) is
        /// sent to the mock server in `CONFORMANCE_BASE_URL` (Stoplight Prism validating
        /// requests: `cargo xtask conformance`), which must accept it; without the variable
        /// the tests are skipped.
        #[arg(long)]
        conformance_tests: bool,
        /// Treat warnings (lossy readings of the inputs) as errors: exit 1, write nothing.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Print the intermediate representation of the inputs as JSON.
    ///
    /// Each response has its status (or range), headers, its body (media type, type,
    /// examples) and, when it documents one, its stream of events (`events`: the media type
    /// and the type of each event's data).
    Ir {
        /// Reference pages, OpenAPI documents, or folders of them.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Treat warnings (lossy readings of the inputs) as errors: exit 1, print no IR.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Print the plan of the inputs' crate as JSON: every Rust name, type, request member's
    /// place and encoding, decoder and cargo feature, as the emitter prints them.
    Plan {
        /// Reference pages, OpenAPI documents, or folders of them.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Treat warnings (lossy readings of the inputs) as errors: exit 1, print no plan.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Report what changed from the API of OLD to that of NEW, each change breaking or
    /// compatible for code that uses the generated crate, with the rule that decided it.
    ///
    /// OLD and NEW are each a page, an OpenAPI document or a folder of them, read as `ir`
    /// reads its inputs. Text output is one line per change, sorted by operation and
    /// location, then a count; a line reads: breaking: CreateRoom: response 201 field `links`
    /// removed (...) [rule field-removed: ...]. Exit codes: 0 when every change is compatible
    /// (or there is none), 1 when one is breaking, 2 when an input cannot be read.
    #[command(after_long_help = rules_help())]
    Diff {
        /// The earlier inputs: a page, an OpenAPI document, or a folder of them.
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The later inputs.
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// `json`: `{"breaking": N, "compatible": N, "changes": [...]}`; each change has
        /// `kind` (e.g. `field_removed`), `class` (`breaking` or `compatible`), `rule` (a
        /// stable id), `reason`, `operation` (the operation id, or null for the whole API),
        /// `location` and `detail`.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Write the inputs' API as an OpenAPI 3.0.3 document, for tools that read OpenAPI (an API
    /// documented only in reference pages included).
    ///
    /// The document holds what the IR holds (`generator ir` shows it): servers and their
    /// variables, security schemes, every operation with its parameters, request body
    /// (`encoding` included), responses (statuses, ranges, `default`, headers, bodies, event
    /// streams, examples), and the named types as `components/schemas`. Read back, it gives
    /// the same IR except for what is listed below. FILE is YAML when it ends in `.yaml` or
    /// `.yml`, JSON when it ends in `.json`; it is written atomically, and only when no input
    /// has an error (exit 1, the file left as it was).
    #[command(after_long_help = lost_help())]
    Export {
        /// Reference pages, OpenAPI documents, or folders of them.
        #[arg(long = "openapi", required = true, num_args = 1.., value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// The document to write: `.yaml`, `.yml` or `.json`.
        #[arg(long, value_name = "FILE", value_parser = export_path)]
        out: PathBuf,
        /// The document's `info.title`. Default: the name of FILE without its extension.
        #[arg(long)]
        title: Option<String>,
        /// Treat warnings (lossy readings of the inputs) as errors: exit 1, write nothing.
        #[arg(long)]
        deny_warnings: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    // SAFETY: set once, before any other thread exists (mimalloc's options are not thread safe).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) };
    match Cli::parse().command {
        Command::Generate {
            inputs,
            out,
            crate_name,
            check,
            example_tests,
            conformance_tests,
            deny_warnings,
        } => generate(
            &inputs,
            out,
            crate_name,
            Flags {
                check,
                example_tests,
                conformance_tests,
                deny_warnings,
            },
        ),
        Command::Ir {
            inputs,
            deny_warnings,
        } => print_json(&inputs, deny_warnings, "the IR", |api, _| {
            serde_json::to_string_pretty(api)
        }),
        Command::Plan {
            inputs,
            deny_warnings,
        } => print_json(&inputs, deny_warnings, "the plan", |_, plan| {
            serde_json::to_string_pretty(plan)
        }),
        Command::Diff { old, new, format } => diff(&old, &new, format),
        Command::Export {
            inputs,
            out,
            title,
            deny_warnings,
        } => export(&inputs, &out, title, deny_warnings),
    }
}

/// `ir` and `plan`: reads the inputs, plans their crate, and prints `what` of it as JSON.
fn print_json(
    inputs: &[PathBuf],
    deny_warnings: bool,
    what: &str,
    json: impl Fn(&generator::ir::Api, &generator::plan::Plan) -> serde_json::Result<String>,
) -> ExitCode {
    let (api, mut warnings, sources) = match generator::read_api(inputs) {
        Ok(read) => read,
        Err(failure) => {
            eprintln!("{}", failure.render());
            return ExitCode::from(1);
        }
    };
    let mut plan = generator::plan::build(&api);
    warnings.append(&mut plan.warnings);
    if deny_warnings && generator::has_warnings(&warnings) {
        eprintln!("{}", generator::deny(warnings, sources).render());
        return ExitCode::from(1);
    }
    eprint!("{}", generator::render(&warnings, &sources));
    match json(&api, &plan) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(err) => fail(&format!("cannot print {what}: {err}")),
    }
}

fn diff(old: &Path, new: &Path, format: Format) -> ExitCode {
    // Both inputs are read, so that the errors of both are reported.
    let (old_api, new_api) = (read_one(old), read_one(new));
    let (Some(old_api), Some(new_api)) = (old_api, new_api) else {
        return ExitCode::from(2);
    };
    let report = generator::diff::compare(&old_api, &new_api);
    match format {
        Format::Text => print!("{}", report.text()),
        Format::Json => println!("{}", report.json()),
    }
    if report.is_breaking() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The rules `diff` classifies changes by, one a line.
fn rules_help() -> String {
    let width = generator::diff::rules::ALL
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0);
    let mut help = "Rules:\n".to_owned();
    for rule in generator::diff::rules::ALL {
        help.push_str(&format!(
            "  {:<10} {:<width$}  {}\n",
            rule.class.as_str(),
            rule.id,
            rule.reason
        ));
    }
    help
}

/// What reading an exported document back does not give, one item a line.
fn lost_help() -> String {
    let mut help = "Lost in the round trip (inputs -> IR -> OpenAPI -> IR):\n".to_owned();
    for item in generator::export::LOST {
        help.push_str(&format!("  - {item}\n"));
    }
    help
}

/// `--out` of `export`: a name that says the format.
fn export_path(path: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(path);
    match generator::export::Format::of(&path) {
        Some(_) => Ok(path),
        None => {
            Err("the document's name must end in `.yaml`, `.yml` (YAML) or `.json` (JSON)".into())
        }
    }
}

fn export(inputs: &[PathBuf], out: &Path, title: Option<String>, deny_warnings: bool) -> ExitCode {
    let format = generator::export::Format::of(out).expect("checked by clap");
    let title = title.unwrap_or_else(|| {
        out.file_stem()
            .map_or_else(|| "API".to_owned(), |s| s.to_string_lossy().into_owned())
    });
    let header = format!(
        "@generated by `{}`: edit the inputs, not this file",
        command_line("export --openapi", inputs, out)
    );
    let exported = match generator::export_openapi(inputs, format, &title, &header) {
        Ok(exported) if deny_warnings && !exported.warnings.is_empty() => {
            Err(generator::deny(exported.warnings, exported.sources))
        }
        exported => exported,
    };
    let Some(exported) = reported(exported, |e| (&e.warnings, &e.sources)) else {
        return ExitCode::from(1);
    };
    if let Err(err) = output::write_file(out, &exported.text) {
        return fail(&format!("cannot write {}: {err}", out.display()));
    }
    eprintln!(
        "exported {}: OpenAPI {}, {} operations, {} named types, {} warnings",
        out.display(),
        generator::export::VERSION,
        exported.operations,
        exported.types,
        exported.warnings.len()
    );
    eprint!(
        "{}",
        generator::summary(&exported.warnings, &exported.sources)
    );
    ExitCode::SUCCESS
}

/// The API of one input, its warnings and errors rendered on stderr.
fn read_one(input: &Path) -> Option<generator::ir::Api> {
    match generator::read_api(&[input.to_path_buf()]) {
        Ok((api, warnings, sources)) => {
            eprint!("{}", generator::render(&warnings, &sources));
            Some(api)
        }
        Err(failure) => {
            let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
            eprint!(
                "{}",
                generator::render(&failure.diagnostics, &failure.sources)
            );
            eprintln!(
                "{errors} error{} in {}; no report",
                if errors == 1 { "" } else { "s" },
                input.display()
            );
            None
        }
    }
}

/// `generator COMMAND INPUT... --out OUT`: the command that writes an output again.
fn command_line(command: &str, inputs: &[PathBuf], out: &Path) -> String {
    let inputs: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    format!(
        "generator {command} {} --out {}",
        inputs.join(" "),
        out.display()
    )
}

/// A run's outcome on stderr: a failure's diagnostics (the caller exits 1), or a success's
/// warnings, which `parts` gives with their sources.
fn reported<T>(
    outcome: Result<T, generator::Failure>,
    parts: impl Fn(
        &T,
    ) -> (
        &[generator::diag::Diagnostic],
        &[generator::frontend::Source],
    ),
) -> Option<T> {
    match outcome {
        Ok(done) => {
            let (warnings, sources) = parts(&done);
            eprint!("{}", generator::render(warnings, sources));
            Some(done)
        }
        Err(failure) => {
            eprintln!("{}", failure.render());
            None
        }
    }
}

/// The switches of `generate`.
struct Flags {
    check: bool,
    example_tests: bool,
    conformance_tests: bool,
    deny_warnings: bool,
}

fn generate(
    inputs: &[PathBuf],
    out: PathBuf,
    crate_name: Option<String>,
    flags: Flags,
) -> ExitCode {
    let Flags {
        check,
        example_tests,
        conformance_tests,
        deny_warnings,
    } = flags;
    let name = crate_name.unwrap_or_else(|| folder_package_name(&out));
    let regenerate = command_line("generate", inputs, &out);
    // Warnings denied fail the run before anything is emitted.
    let generation = match generator::read_api(inputs) {
        Ok((_, warnings, sources)) if deny_warnings && generator::has_warnings(&warnings) => {
            Err(generator::deny(warnings, sources))
        }
        Ok((api, warnings, sources)) => {
            let options = CrateOptions {
                name,
                regenerate,
                example_tests,
                conformance_tests,
            };
            // The plan has warnings of its own: denied too, before anything is written.
            match generator::build(api, warnings, sources, &options) {
                Ok(generation)
                    if deny_warnings && generator::has_warnings(&generation.warnings) =>
                {
                    Err(generator::deny(generation.warnings, generation.sources))
                }
                built => built,
            }
        }
        Err(failure) => Err(failure),
    };
    let Some(generation) = reported(generation, |g| (&g.warnings, &g.sources)) else {
        return ExitCode::from(1);
    };
    let mode = if check { Mode::Check } else { Mode::Write };
    let report = match output::sync(&out, &generation.files, mode) {
        Ok(report) => report,
        Err(err) => return fail(&format!("cannot write {}: {err}", out.display())),
    };
    if check && !report.is_clean() {
        let committed = std::fs::read_to_string(out.join(generator::api_json::PATH));
        print!(
            "{}",
            generator::diff::drift_report(committed, &generation.api)
        );
        print!("{}", report.diff);
        eprintln!(
            "error: {} is out of date; run the command without --check",
            out.display()
        );
        return ExitCode::from(1);
    }
    eprintln!(
        "generated {}: {} operations, {} types, {} warnings; {} files written, {} unchanged, {} removed",
        out.display(),
        generation.api.operations.len(),
        generation.type_count(),
        generation.warnings.len(),
        report.written.len(),
        report.unchanged,
        report.removed.len()
    );
    eprint!(
        "{}",
        generator::summary(&generation.warnings, &generation.sources)
    );
    ExitCode::SUCCESS
}

/// `--crate-name`: refused (a usage error, before anything is read or written) unless Cargo
/// accepts it, with what is wrong and a name that would do.
fn package_name(name: &str) -> Result<String, String> {
    match generator::names::package_name_problem(name) {
        None => Ok(name.to_owned()),
        Some(problem) => Err(format!(
            "not a package name Cargo accepts: {problem}; a valid name has only ASCII letters, \
             digits, `-` and `_`, does not start with a digit or `-`, and is not a Rust keyword \
             or built-in crate (`{}` would do)",
            generator::names::package_name_from(name)
        )),
    }
}

/// The package name from DIR's name, made valid (with a note) when Cargo would not accept it.
fn folder_package_name(out: &Path) -> String {
    let folder = std::path::absolute(out)
        .ok()
        .and_then(|path| path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let Some(problem) = generator::names::package_name_problem(&folder) else {
        return folder;
    };
    let name = generator::names::package_name_from(&folder);
    eprintln!(
        "note: the folder name {folder:?} is not a package name Cargo accepts ({problem}); the crate is named `{name}` (--crate-name chooses another)"
    );
    name
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option index is mimalloc's enum position, not a named constant: it must still be
    /// `purge_delay`, whose default is 1000 ms (no other option defaults to that).
    #[test]
    fn the_purge_delay_index_names_that_option() {
        // SAFETY: reads an option; no other thread sets options in this test binary.
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}

//! The `generator` command line: `generate` writes a client crate, `ir` prints the IR.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use generator::emit::CrateOptions;
use generator::output::{self, Mode};

/// Generates typed Rust API clients from API reference pages.
///
/// Inputs are markdown reference pages in the Bump.sh layout (one page per operation, one-line
/// or multi-line) or folders of them. Exit codes: 0 success, 1 errors in the inputs or on
/// disk, 2 usage.
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
    Generate {
        /// Reference pages, or folders of them.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// The crate's directory.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The package name (default: the name of DIR).
        #[arg(long)]
        crate_name: Option<String>,
        /// Write nothing; print a diff of what would change and fail if anything would.
        #[arg(long)]
        check: bool,
        /// Also write `tests/examples.rs`: each documented response example must decode
        /// into its type and encode back with every field kept.
        #[arg(long)]
        example_tests: bool,
    },
    /// Print the intermediate representation of the inputs as JSON.
    Ir {
        /// Reference pages, or folders of them.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate {
            inputs,
            out,
            crate_name,
            check,
            example_tests,
        } => generate(&inputs, out, crate_name, check, example_tests),
        Command::Ir { inputs } => match generator::read_api(&inputs) {
            Ok((api, warnings, sources)) => {
                eprint!("{}", generator::render(&warnings, &sources));
                match serde_json::to_string_pretty(&api) {
                    Ok(json) => {
                        println!("{json}");
                        ExitCode::SUCCESS
                    }
                    Err(err) => fail(&format!("cannot print the IR: {err}")),
                }
            }
            Err(failure) => {
                eprintln!("{}", failure.render());
                ExitCode::from(1)
            }
        },
    }
}

fn generate(
    inputs: &[PathBuf],
    out: PathBuf,
    crate_name: Option<String>,
    check: bool,
    example_tests: bool,
) -> ExitCode {
    let name = crate_name
        .or_else(|| {
            std::path::absolute(&out)
                .ok()?
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "api_client".to_owned());
    let regenerate = format!(
        "generator generate {} --out {}",
        inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" "),
        out.display()
    );
    let generation = match generator::generate(
        inputs,
        &CrateOptions {
            name,
            regenerate,
            example_tests,
        },
    ) {
        Ok(generation) => generation,
        Err(failure) => {
            eprintln!("{}", failure.render());
            return ExitCode::from(1);
        }
    };
    eprint!(
        "{}",
        generator::render(&generation.warnings, &generation.sources)
    );
    let mode = if check { Mode::Check } else { Mode::Write };
    let report = match output::sync(&out, &generation.files, mode) {
        Ok(report) => report,
        Err(err) => return fail(&format!("cannot write {}: {err}", out.display())),
    };
    if check && !report.is_clean() {
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
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

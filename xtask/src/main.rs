//! Project automation, run as `cargo xtask <task>` (an alias in `.cargo/config.toml`).
//!
//! - `cargo xtask codegen`: regenerate `generated/` from every input in `spec/`.
//! - `cargo xtask codegen --check`: write nothing; fail with a diff if `generated/` is stale.
//! - `cargo xtask corpus [--check | --check-above N] DIR`: generate, build and test (or only
//!   check, for all documents or those with more than N operations) a crate for every OpenAPI
//!   document in DIR, and print a table.
//! - `cargo xtask conformance [--check] [--slice N] DOCUMENT-OR-FOLDER...`: generate each
//!   document's crate with its conformance tests and run them against Stoplight Prism mocking
//!   the document (validating every request), and print a table.
//! - `cargo xtask bench [DOCUMENT-OR-FOLDER...] [--runs N] [--builds] [--program] [--check]
//!   [--kinds] [--phases] [--scaled] [--all]`: generation time, memory and output size per
//!   document (and per operation) beside installed peers; with flags, the build times of the
//!   generated crates and of programs calling three operations, our output's lines by kind,
//!   our generation's phases.

mod bench;
mod codegen;
mod conformance;
mod corpus;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check] | cargo xtask corpus [--check | --check-above N] DIR | cargo xtask conformance [--check] [--slice N] [--timeout SECONDS] DOCUMENT-OR-FOLDER... | cargo xtask bench [DOCUMENT-OR-FOLDER...] [--runs N] [--builds] [--build-runs N] [--program] [--check] [--kinds] [--phases] [--scaled] [--all]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => codegen::main(&codegen::workspace_root(), codegen::Mode::Write),
        ["codegen", "--check"] => codegen::main(&codegen::workspace_root(), codegen::Mode::Check),
        ["corpus", rest @ ..] => corpus::main(&codegen::workspace_root(), rest),
        ["conformance", rest @ ..] => conformance::main(&codegen::workspace_root(), rest),
        ["bench", rest @ ..] => bench::main(&codegen::workspace_root(), rest),
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

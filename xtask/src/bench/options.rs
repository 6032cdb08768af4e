//! The bench's arguments: the documents (files or folders, several) and which heavy parts run.

use std::path::{Path, PathBuf};

pub const USAGE: &str = "usage: cargo xtask bench [DOCUMENT-OR-FOLDER...] [--runs N] [--builds] \
[--build-runs N] [--program] [--check] [--kinds] [--phases] [--scaled] [--all]";

/// What one bench run measures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Files and folders as given (none: Twilio's documents).
    pub inputs: Vec<PathBuf>,
    /// Generation runs per tool per document (the median is shown).
    pub runs: usize,
    /// Build each tool's crate for Stripe, GitHub and Twilio's Video API (all features).
    pub builds: bool,
    /// Rebuilds per crate, and per program (the median is shown).
    pub build_runs: usize,
    /// Build the programs that call three operations (Video, and Stripe without defaults).
    pub program: bool,
    /// `cargo check` each tool's crate for the largest document.
    pub check: bool,
    /// Lines of our output by kind of item, per document.
    pub kinds: bool,
    /// Our generation in this process, timed by phase (meaningful in a release build).
    pub phases: bool,
    /// Add GitHub's document three times over (about 1,900 operations).
    pub scaled: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            inputs: Vec::new(),
            runs: 5,
            builds: false,
            build_runs: 1,
            program: false,
            check: false,
            kinds: false,
            phases: false,
            scaled: false,
        }
    }
}

/// The options from the arguments after `bench`.
pub fn parse(args: &[&str]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--runs" => options.runs = count(args.next(), "--runs")?,
            "--build-runs" => options.build_runs = count(args.next(), "--build-runs")?,
            "--builds" => options.builds = true,
            "--program" => options.program = true,
            "--check" => options.check = true,
            "--kinds" => options.kinds = true,
            "--phases" => options.phases = true,
            "--scaled" => options.scaled = true,
            "--all" => {
                options.builds = true;
                options.program = true;
                options.check = true;
                options.kinds = true;
                options.scaled = true;
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path => options.inputs.push(PathBuf::from(path)),
        }
    }
    Ok(options)
}

fn count(value: Option<&&str>, flag: &str) -> Result<usize, String> {
    match value.map(|v| v.parse::<usize>()) {
        Some(Ok(n)) if n > 0 => Ok(n),
        _ => Err(format!("{flag} needs a number above 0")),
    }
}

/// Every document the inputs name, in order, each once: a file as it is, a folder's OpenAPI
/// documents sorted by name. No input: Twilio's documents beside the workspace.
pub fn documents(root: &Path, inputs: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let default = [root.join("../shared/corpus/twilio-oai")];
    let inputs = if inputs.is_empty() {
        &default[..]
    } else {
        inputs
    };
    let mut found: Vec<PathBuf> = Vec::new();
    for input in inputs {
        let documents = if input.is_dir() {
            crate::corpus::documents(input)?
        } else {
            vec![input.clone()]
        };
        for document in documents {
            if !found.contains(&document) {
                found.push(document);
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_flags() {
        let options = parse(&["a", "--runs", "3", "b.yaml", "--builds", "--kinds"]).unwrap();
        assert_eq!(
            options.inputs,
            [PathBuf::from("a"), PathBuf::from("b.yaml")]
        );
        assert_eq!(options.runs, 3);
        assert!(options.builds && options.kinds);
        assert!(!options.program && !options.check && !options.phases && !options.scaled);
        assert_eq!(options.build_runs, 1);
    }

    #[test]
    fn all_turns_on_every_heavy_part_but_phases() {
        let options = parse(&["--all", "--build-runs", "2"]).unwrap();
        assert!(options.builds && options.program && options.check && options.kinds);
        assert!(options.scaled && !options.phases);
        assert_eq!(options.build_runs, 2);
    }

    #[test]
    fn bad_arguments_are_refused() {
        assert!(parse(&["--runs"]).is_err());
        assert!(parse(&["--runs", "0"]).is_err());
        assert!(parse(&["--build-runs", "x"]).is_err());
        assert!(parse(&["--fast"]).is_err());
    }

    #[test]
    fn folders_and_files_each_once() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.yaml", "a.json", "notes.md"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let a = dir.path().join("a.json");
        let found = documents(dir.path(), &[a.clone(), dir.path().to_path_buf()]).unwrap();
        assert_eq!(found, [a, dir.path().join("b.yaml")]);
    }
}

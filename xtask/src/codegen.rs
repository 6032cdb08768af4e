//! `cargo xtask codegen [--check]`: the generator's library run on `spec/` into `generated/`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use generator::emit::CrateOptions;
pub use generator::output::Mode;

/// The command every generated file names, and the one to run when the check fails.
pub const COMMAND: &str = "cargo xtask codegen";

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// What a run found: the one-line summary, and in check mode what changed in the API (from
/// the IR committed in `generated/api.json`) and the diff of what is stale.
#[derive(Debug)]
pub struct Outcome {
    pub summary: String,
    pub api_changes: String,
    pub diff: String,
    pub clean: bool,
}

impl Outcome {
    /// What a failed check prints: the API changes, each breaking or compatible, first.
    pub fn stale(&self) -> String {
        format!("{}{}", self.api_changes, self.diff)
    }
}

/// Regenerates (or checks) `root/generated` from `root/spec`. `Err` holds the rendered
/// diagnostics of inputs that failed; then nothing was written or removed.
pub fn run(root: &Path, mode: Mode) -> Result<Outcome, String> {
    // Inputs are named relative to the root, so diagnostics and the IR read `spec/...`.
    let inputs = vec![PathBuf::from("spec")];
    let options = CrateOptions {
        name: "generated".to_owned(),
        regenerate: COMMAND.to_owned(),
        example_tests: true,
        conformance_tests: false,
    };
    let generation = with_current_dir(root, || generator::generate(&inputs, &options))
        .map_err(|err| format!("cannot enter {}: {err}", root.display()))?
        .map_err(|failure| failure.render())?;
    let warnings = generator::render(&generation.warnings, &generation.sources);
    let out = root.join("generated");
    let api_changes = match mode {
        Mode::Check => {
            let committed = std::fs::read_to_string(out.join(generator::api_json::PATH));
            generator::diff::drift_report(committed, &generation.api)
        }
        Mode::Write => String::new(),
    };
    let report = generator::output::sync(&out, &generation.files, mode)
        .map_err(|err| format!("cannot update generated/: {err}"))?;
    let (changed, removed) = match mode {
        Mode::Check => ("out of date", "to remove"),
        Mode::Write => ("written", "removed"),
    };
    let summary = format!(
        "{warnings}codegen: {} inputs, {} operations, {} types; {} files {changed}, {} unchanged, {} {removed}",
        generation.sources.len(),
        generation.api.operations.len(),
        generation.type_count(),
        report.written.len(),
        report.unchanged,
        report.removed.len(),
    );
    Ok(Outcome {
        summary,
        clean: report.is_clean(),
        api_changes,
        diff: report.diff,
    })
}

pub fn main(root: &Path, mode: Mode) -> ExitCode {
    match run(root, mode) {
        Ok(outcome) if mode == Mode::Check && !outcome.clean => {
            print!("{}", outcome.stale());
            eprintln!("{}", outcome.summary);
            eprintln!(
                "error: generated/ is out of date with spec/; run `{COMMAND}` and commit the result"
            );
            ExitCode::FAILURE
        }
        Ok(outcome) => {
            eprintln!("{}", outcome.summary);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `f` with the process in `dir` (inputs are read relative to it), then goes back.
fn with_current_dir<T>(dir: &Path, f: impl FnOnce() -> T) -> std::io::Result<T> {
    let _guard = CWD_LOCK
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let previous = std::env::current_dir()?;
    std::env::set_current_dir(dir)?;
    let result = f();
    std::env::set_current_dir(previous)?;
    Ok(result)
}

/// The current directory is process-wide: tests that run codegen in parallel take turns.
static CWD_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` fails when `generated/` has drifted from `spec/`, like CI's `--check`.
    #[test]
    fn generated_crate_is_fresh() {
        let outcome = run(&workspace_root(), Mode::Check).unwrap_or_else(|err| panic!("{err}"));
        assert!(
            outcome.clean,
            "{}\ngenerated/ is out of date with spec/: run `{COMMAND}` and commit the result",
            outcome.diff
        );
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy_dir(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }

    /// A temporary copy of the workspace's inputs and output.
    fn workspace_copy() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for part in ["spec", "generated"] {
            copy_dir(&workspace_root().join(part), &dir.path().join(part));
        }
        dir
    }

    #[test]
    fn an_edited_input_fails_the_check_with_a_diff_until_regenerated() {
        let copy = workspace_copy();
        let page = copy.path().join("spec/create_room.md");
        let text = std::fs::read_to_string(&page).unwrap();
        let edited = text.replace(
            "- **LargeRoom** (boolean)",
            "- **Region** (string) Where the room lives. - **LargeRoom** (boolean)",
        );
        assert_ne!(edited, text);
        std::fs::write(&page, edited).unwrap();

        let stale = run(copy.path(), Mode::Check).unwrap();
        assert!(!stale.clean);
        assert!(
            stale.diff.contains("+    pub region: Option<String>,"),
            "{}",
            stale.diff
        );
        assert!(
            stale
                .diff
                .contains("+            form.text(\"Region\", value);"),
            "{}",
            stale.diff
        );

        let written = run(copy.path(), Mode::Write).unwrap();
        // The operation's module and the IR in api.json.
        assert!(
            written.summary.contains("2 files written"),
            "{}",
            written.summary
        );
        assert!(run(copy.path(), Mode::Check).unwrap().clean);
    }

    /// The check says what changed in the API, and for whom it breaks, before the text diff.
    #[test]
    fn a_failed_check_starts_with_the_api_changes_and_their_classes() {
        let copy = workspace_copy();
        let page = copy.path().join("spec/create_room.md");
        let text = std::fs::read_to_string(&page).unwrap();
        let edited = text
            .replace(
                " - **links** (object(uri-map) | null) The URLs of related resources.",
                "",
            )
            .replace(
                "- **LargeRoom** (boolean)",
                "- **Region** (string) Where the room lives. - **LargeRoom** (boolean)",
            );
        assert!(!edited.contains("**links**") && edited.contains("**Region**"));
        std::fs::write(&page, edited).unwrap();

        let stale = run(copy.path(), Mode::Check).unwrap();
        assert!(!stale.clean);
        let output = stale.stale();
        let lines: Vec<&str> = output.lines().collect();
        assert_eq!(
            lines[..4],
            [
                "compatible: CreateRoom: request field `Region` added (body): `region: Option<String>` \
                 [rule optional-request-field-added: request structs are #[non_exhaustive] and built \
                 with `new()` and setters: one more setter]",
                // Without `links`, the seed's room is no longer the other pages' shared `Room`.
                "breaking: CreateRoom: response 201 body type renamed `Room` -> `CreateRoomResponse` \
                 [rule type-renamed: code that names the type must use the new name]",
                "breaking: CreateRoom: response 201 field `links` removed (was `links: \
                 Option<BTreeMap<String, String>>`) [rule field-removed: code that reads or sets the \
                 field no longer compiles]",
                "API changes: 2 breaking, 1 compatible",
            ],
            "{output}"
        );
        assert!(lines[5].starts_with("--- a/"), "then the diff: {output}");
    }

    #[test]
    fn without_a_committed_ir_the_check_says_so_and_shows_the_diff() {
        let copy = workspace_copy();
        std::fs::remove_file(copy.path().join("generated/api.json")).unwrap();

        let stale = run(copy.path(), Mode::Check).unwrap();
        assert!(!stale.clean);
        assert!(
            stale.stale().starts_with(
                "note: no API change report: api.json is missing; the text diff follows\n\n--- a/api.json"
            ),
            "{}",
            stale.stale()
        );
    }

    #[test]
    fn a_broken_input_writes_and_removes_nothing() {
        let copy = workspace_copy();
        let before =
            std::fs::read_to_string(copy.path().join("generated/src/create_room.rs")).unwrap();
        std::fs::write(
            copy.path().join("spec/broken.md"),
            "# Broken\n\n**GET /x**\n\n## Parameters\n\n### Query parameters\n\n- **When** (dat)\n",
        )
        .unwrap();
        std::fs::remove_file(copy.path().join("spec/create_room.md")).unwrap();

        let message = run(copy.path(), Mode::Write).unwrap_err();
        assert!(message.contains("spec/broken.md:9:13"), "{message}");
        assert!(
            message.contains("unknown type expression `dat`"),
            "{message}"
        );
        let after =
            std::fs::read_to_string(copy.path().join("generated/src/create_room.rs")).unwrap();
        assert_eq!(before, after);
    }
}

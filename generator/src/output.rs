//! Puts emitted files on disk, or checks that the disk already matches them.
//!
//! Only files whose content changed are written; each write goes to a temporary file that is
//! then renamed over the target, so a run that is interrupted never leaves half a file. Every
//! temporary file is written before the first rename, so a run that fails while writing (a
//! full disk, a directory in the way) leaves the previous output as it was.
//! Files under the output directory that carry the `@generated` marker but are no longer
//! produced are removed; files without the marker are never touched.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::emit::OutputFile;

/// The marker every emitted file carries on its first line.
pub const MARKER: &str = "@generated";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write what changed and remove stale files.
    Write,
    /// Write nothing; report what would change.
    Check,
}

/// What a sync did (or, in check mode, would do).
#[derive(Debug, Default)]
pub struct Report {
    /// Files written, or that would be written (relative paths).
    pub written: Vec<String>,
    pub unchanged: usize,
    /// Stale generated files removed, or that would be removed.
    pub removed: Vec<String>,
    /// A unified diff of every change, in check mode.
    pub diff: String,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

pub fn sync(out_dir: &Path, files: &[OutputFile], mode: Mode) -> io::Result<Report> {
    let mut report = Report::default();
    let mut changes = Vec::new();
    for file in files {
        let path = out_dir.join(&file.path);
        // Compared (and shown in diffs) with `\n` line ends, as the contents are made.
        let old = read_if_exists(&path)?.map(|text| normalize_newlines(&text));
        if old.as_deref() == Some(file.contents.as_str()) {
            report.unchanged += 1;
        } else {
            changes.push((file, path, old));
        }
    }
    let produced: BTreeSet<PathBuf> = files.iter().map(|f| out_dir.join(&f.path)).collect();
    let stale: Vec<PathBuf> = generated_files(out_dir)?
        .into_iter()
        .filter(|p| !produced.contains(p))
        .collect();

    for (file, _, old) in &changes {
        report.written.push(file.path.clone());
        if mode == Mode::Check {
            let old = old.as_deref().unwrap_or("");
            report
                .diff
                .push_str(&unified_diff(&file.path, old, &file.contents));
        }
    }
    if mode == Mode::Write {
        let writes: Vec<(&Path, &str)> = changes
            .iter()
            .map(|(file, path, _)| (path.as_path(), file.contents.as_str()))
            .collect();
        write_all(&writes)?;
    }
    for path in &stale {
        let relative = relative(out_dir, path);
        match mode {
            Mode::Check => {
                let old = normalize_newlines(&fs::read_to_string(path)?);
                report.diff.push_str(&unified_diff(&relative, &old, ""));
            }
            Mode::Write => {
                fs::remove_file(path)?;
                remove_empty_parents(out_dir, path);
            }
        }
        report.removed.push(relative);
    }
    Ok(report)
}

/// Removes the folders between `path` and `out_dir` that removing `path` left empty (a module
/// folder such as `src/runtime/` once its last generated file is gone). A folder that still
/// holds anything, generated or not, stays.
fn remove_empty_parents(out_dir: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(current) = dir.filter(|d| *d != out_dir && d.starts_with(out_dir)) {
        // `remove_dir` fails on a folder that is not empty, which ends the walk.
        if fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

fn read_if_exists(path: &Path) -> io::Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err),
    }
}

fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
}

fn unified_diff(path: &str, old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Writes one file atomically (a temporary file beside it, renamed over it), whatever it held:
/// an interrupted or failed write leaves the old contents whole. `generator export` writes its
/// document with it.
pub fn write_file(path: &Path, contents: &str) -> io::Result<()> {
    write_all(&[(path, contents)])
}

/// Writes each file's contents to a temporary file beside it, then renames them all into
/// place. When a temporary file cannot be written, no target has been touched yet.
fn write_all(files: &[(&Path, &str)]) -> io::Result<()> {
    let mut staged: Vec<(PathBuf, &Path)> = Vec::new();
    for (path, contents) in files {
        match stage(path, contents) {
            Ok(temporary) => staged.push((temporary, path)),
            Err(err) => {
                discard(&staged);
                return Err(err);
            }
        }
    }
    for (index, (temporary, path)) in staged.iter().enumerate() {
        if let Err(err) = fs::rename(temporary, path) {
            discard(&staged[index..]);
            return Err(err);
        }
    }
    Ok(())
}

/// Writes `contents` to a temporary file beside `path` and returns its path.
fn stage(path: &Path, contents: &str) -> io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    fs::write(&temporary, contents)
        .inspect_err(|_| {
            let _ = fs::remove_file(&temporary);
        })
        .map(|()| temporary)
}

fn discard(staged: &[(PathBuf, &Path)]) {
    for (temporary, _) in staged {
        let _ = fs::remove_file(temporary);
    }
}

/// Files under `dir` whose first line carries the marker (`target/` and hidden folders skipped).
fn generated_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(err) => return Err(err),
    };
    for entry in entries {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                found.extend(generated_files(&path)?);
            }
        } else if first_line_has_marker(&path) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

fn first_line_has_marker(path: &Path) -> bool {
    use std::io::BufRead;
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    let mut line = String::new();
    io::BufReader::new(file).read_line(&mut line).is_ok() && line.contains(MARKER)
}

fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn writes_changes_only_removes_stale_generated_files_and_keeps_others() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("src/gone")).unwrap();
        fs::write(root.join("src/gone/module.rs"), "// @generated\nold\n").unwrap();
        fs::write(root.join("src/same.rs"), "// @generated\nsame\n").unwrap();
        fs::write(root.join("src/old.rs"), "// @generated\nold\n").unwrap();
        fs::write(root.join("src/mine.rs"), "// written by hand\n").unwrap();
        let files = [
            file("src/same.rs", "// @generated\nsame\n"),
            file("src/new.rs", "// @generated\nnew\n"),
        ];

        let check = sync(root, &files, Mode::Check).unwrap();
        assert_eq!(
            (
                check.written.clone(),
                check.removed.clone(),
                check.unchanged
            ),
            (
                vec!["src/new.rs".to_owned()],
                vec!["src/gone/module.rs".to_owned(), "src/old.rs".to_owned()],
                1
            )
        );
        assert!(
            check.diff.contains("+++ b/src/new.rs") && check.diff.contains("-old"),
            "{}",
            check.diff
        );
        assert!(
            !root.join("src/new.rs").exists(),
            "check mode writes nothing"
        );

        let write = sync(root, &files, Mode::Write).unwrap();
        assert_eq!(write.written, vec!["src/new.rs".to_owned()]);
        assert!(!root.join("src/old.rs").exists());
        assert!(
            !root.join("src/gone").exists(),
            "a folder left empty goes too"
        );
        assert!(root.join("src/mine.rs").exists());
        assert!(sync(root, &files, Mode::Check).unwrap().is_clean());
    }

    #[test]
    fn a_write_that_fails_midway_leaves_every_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("src")).unwrap();
        fs::write(root.join("src/a.rs"), "// @generated\nold\n").unwrap();
        fs::write(root.join("src/old.rs"), "// @generated\nstale\n").unwrap();
        // A file where the run needs a directory: the second write cannot happen.
        fs::write(root.join("zz"), "mine\n").unwrap();
        let files = [
            file("src/a.rs", "// @generated\nnew\n"),
            file("zz/b.rs", "// @generated\nnew\n"),
        ];

        assert!(sync(root, &files, Mode::Write).is_err());
        let mut left: Vec<String> = fs::read_dir(root.join("src"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["a.rs", "old.rs"], "no temporary file is left");
        assert_eq!(
            fs::read_to_string(root.join("src/a.rs")).unwrap(),
            "// @generated\nold\n"
        );
        assert_eq!(fs::read_to_string(root.join("zz")).unwrap(), "mine\n");
    }

    #[test]
    fn a_json_file_with_the_marker_in_its_first_member_is_generated() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(
            root.join("api.json"),
            "{\"@generated\": \"by x\",\n  \"a\": 1\n}\n",
        )
        .unwrap();
        fs::write(
            root.join("mine.json"),
            "{\n  \"@generated\": \"not first\"\n}\n",
        )
        .unwrap();

        let report = sync(root, &[], Mode::Write).unwrap();
        assert_eq!(report.removed, ["api.json"]);
        assert!(root.join("mine.json").exists());
    }
}

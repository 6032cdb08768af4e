//! Located errors and warnings, rendered like a compiler's (file:line:col, the snippet, a caret).
//!
//! Rendering is codespan-reporting's; the only thing added here is cropping: a one-line page is
//! thousands of characters long, so its "line" is shown as a window around the offending text,
//! while the reported column and byte offset stay the true ones.

use std::fmt;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Not a problem: why the reading is what it is (two shapes not shared, and why).
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn word(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The input file as given on the command line (or relative to the workspace).
    pub file: String,
    /// Byte range in the file's original text, when the problem has a place.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// What was expected, or how to fix it.
    pub help: Option<String>,
    /// For structured documents: the JSON pointer of the offending node (`#/paths/~1v1~1Rooms/post`).
    pub pointer: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            span,
            message: message.into(),
            help: None,
            pointer: None,
        }
    }

    pub fn warning(file: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, span, message)
        }
    }

    pub fn note(file: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, span, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A lossy reading: what `--deny-warnings` refuses (notes are not).
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// Renders with the snippet of `source` (the file's text), without colours.
    pub fn render(&self, source: &str) -> String {
        let file = CroppedFile {
            name: &self.file,
            source,
            focus: self.span.clone().unwrap_or(0..0),
        };
        let mut diagnostic = match self.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
            Severity::Note => CsDiagnostic::note(),
        }
        .with_message(&self.message);
        let mut notes = Vec::new();
        if let Some(span) = &self.span {
            let span = clamp(source, span.clone());
            diagnostic = diagnostic.with_labels(vec![Label::primary((), span.clone())]);
            if !source.trim_end().contains('\n') {
                notes.push(format!("at byte offset {} of a one-line page", span.start));
            }
        }
        notes.extend(self.pointer.iter().map(|pointer| format!("at {pointer}")));
        notes.extend(self.help.iter().map(|help| format!("help: {help}")));
        diagnostic = diagnostic.with_notes(notes);
        let config = term::Config::default();
        term::emit_into_string(&config, &file, &diagnostic).unwrap_or_else(|_| {
            format!(
                "{}: {}: {}\n",
                self.file,
                self.severity.word(),
                self.message
            )
        })
    }

    /// `file:line:col` of the span's start (1-based), or just the file.
    pub fn location(&self, source: &str) -> String {
        match &self.span {
            Some(span) => {
                let (line, column) = line_column(source, clamp(source, span.clone()).start);
                format!("{}:{line}:{column}", self.file)
            }
            None => self.file.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// One line, without the snippet (for places that have no source at hand).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.file,
            self.severity.word(),
            self.message
        )
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn clamp(source: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(source, span.start);
    let end = floor_char_boundary(source, span.end.max(start));
    start..end
}

fn floor_char_boundary(source: &str, mut offset: usize) -> usize {
    offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// How much text to show on each side of the offending span on a long line.
const WINDOW: usize = 60;

/// A file whose line containing `focus` is cut down to a window around it.
struct CroppedFile<'a> {
    name: &'a str,
    source: &'a str,
    focus: Range<usize>,
}

impl CroppedFile<'_> {
    fn full_line(&self, line_index: usize) -> Option<Range<usize>> {
        let start = if line_index == 0 {
            0
        } else {
            self.source.match_indices('\n').nth(line_index - 1)?.0 + 1
        };
        let end = self.source[start..]
            .find('\n')
            .map_or(self.source.len(), |i| start + i);
        Some(start..end)
    }
}

impl<'a> Files<'a> for CroppedFile<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.source)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.source[..floor_char_boundary(self.source, byte_index)]
            .matches('\n')
            .count())
    }

    fn column_number(
        &'a self,
        (): (),
        _line: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        Ok(line_column(self.source, byte_index).1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        let line = self
            .full_line(line_index)
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: self.source.matches('\n').count(),
            })?;
        if line.len() <= 2 * WINDOW + 40
            || line.start > self.focus.start
            || self.focus.start > line.end
        {
            return Ok(line);
        }
        let start = floor_char_boundary(
            self.source,
            self.focus.start.saturating_sub(WINDOW).max(line.start),
        );
        let end = floor_char_boundary(
            self.source,
            (self.focus.end.max(self.focus.start) + WINDOW).min(line.end),
        );
        Ok(start..end.max(self.focus.end.min(line.end)))
    }
}

/// Renders every diagnostic of a run, with snippets where the source is known.
pub fn render_all<'s>(
    diagnostics: &[Diagnostic],
    source_of: impl Fn(&str) -> Option<&'s str>,
) -> String {
    diagnostics
        .iter()
        .map(|d| match source_of(&d.file) {
            Some(source) => d.render(source),
            None => format!("{d}\n"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_line_is_cropped_around_the_span_with_true_column() {
        let source = format!("{}BAD{}", "a".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::error("page.md", Some(5000..5003), "unknown thing");
        let text = d.render(&source);
        assert!(text.contains("page.md:1:5001"), "{text}");
        assert!(text.contains("BAD"), "{text}");
        assert!(text.contains("byte offset 5000"), "{text}");
        assert!(text.len() < 1000, "{text}");
    }

    #[test]
    fn multi_line_source_gives_line_and_column() {
        let d = Diagnostic::error("p.md", Some(9..12), "oops").with_help("write it so");
        let text = d.render("line 1\n  BAD here\n");
        assert!(text.contains("p.md:2:3"), "{text}");
        assert!(text.contains("help: write it so"), "{text}");
        assert_eq!(d.location("line 1\n  BAD here\n"), "p.md:2:3");
    }
}

//! The state of reading one document: the document, the named types found so far, and the
//! diagnostics. Conversion steps are methods on [`Ctx`], each in the module of its job.

use std::collections::HashSet;

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI};

use super::named::Named;
use super::pointer::{self, Pointer};
use crate::diag::Diagnostic;
use crate::ir::Auth;

pub(super) struct Ctx<'d> {
    pub file: &'d str,
    pub text: &'d str,
    pub doc: &'d OpenAPI,
    pub diagnostics: Vec<Diagnostic>,
    /// Component schemas: their Rust names and the ones converted so far.
    pub named: Named<'d>,
    /// Security schemes already mapped (each is warned about once).
    pub auth: IndexMap<&'d str, Auth>,
    /// Warnings given once per document (pointer and message).
    warned: HashSet<(String, String)>,
}

impl<'d> Ctx<'d> {
    pub fn new(file: &'d str, text: &'d str, doc: &'d OpenAPI) -> Self {
        let mut diagnostics = Vec::new();
        let named = Named::new(file, doc, &mut diagnostics);
        Ctx {
            file,
            text,
            doc,
            diagnostics,
            named,
            auth: IndexMap::new(),
            warned: HashSet::new(),
        }
    }

    pub fn components(&self) -> Option<&'d Components> {
        self.doc.components.as_ref()
    }

    /// An error about the node at `at`; its span is searched for in the text (errors are few).
    pub fn error(&mut self, at: &Pointer, message: impl Into<String>) -> &mut Diagnostic {
        let span = pointer::locate(self.text, at.as_str());
        self.diagnostics
            .push(Diagnostic::error(self.file, span, message).with_pointer(at.as_str()));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// A warning about the node at `at`. No span: warnings can be many, and finding a span
    /// scans the text.
    pub fn warn(&mut self, at: &Pointer, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::warning(self.file, None, message).with_pointer(at.as_str()));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// A warning about a node that many operations share (document servers, ...): given once.
    pub fn warn_once(&mut self, at: &Pointer, message: String) {
        if self
            .warned
            .insert((at.as_str().to_owned(), message.clone()))
        {
            self.warn(at, message);
        }
    }
}

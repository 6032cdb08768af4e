//! Component schemas as named types: a Rust name for every one, decided up front; a work list
//! of the ones operations reach, each converted once (so `$ref`s never recurse); and what a
//! reference carries to the field that uses it.

use std::collections::HashMap;

use indexmap::IndexSet;

use openapiv3::OpenAPI;

use super::context::Ctx;
use super::pointer::Pointer;
use super::schema::{facts, trimmed};
use super::view::{Node, View};
use crate::diag::Diagnostic;
use crate::ir::{Fact, Name, NamedType};
use crate::names;

/// What a reference to a component schema carries to the field that uses it.
#[derive(Debug, Clone, Default)]
pub(super) struct Attrs {
    pub nullable: bool,
    pub description: String,
    pub facts: Vec<Fact>,
}

/// Component schemas: Rust names for all of them, and a work list of the ones reached.
pub(super) struct Named<'d> {
    /// Decided up front over every component, in document order, so a schema's name does not
    /// depend on which operation reaches it first.
    rust: HashMap<&'d str, String>,
    /// Schemas reached, in the order they were; `next` is the first not converted yet.
    queue: IndexSet<&'d str>,
    next: usize,
    attrs: HashMap<&'d str, Attrs>,
}

impl<'d> Named<'d> {
    pub fn new(file: &str, doc: &'d OpenAPI, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let mut rust = HashMap::new();
        let mut owner_of: HashMap<String, &str> = HashMap::new();
        let keys = doc.components.iter().flat_map(|c| c.schemas.keys());
        for key in keys {
            let base = names::camel(key);
            let mut name = base.clone();
            let mut n = 2;
            while owner_of.contains_key(&name) {
                name = format!("{base}{n}");
                n += 1;
            }
            if let Some(first) = owner_of.get(&base).filter(|_| name != base) {
                let at = Pointer::component("schemas", key);
                let message = format!(
                    "schemas `{first}` and `{key}` are both `{base}` in Rust; `{key}` is named `{name}`"
                );
                diagnostics
                    .push(Diagnostic::warning(file, None, message).with_pointer(at.as_str()));
            }
            owner_of.insert(name.clone(), key);
            rust.insert(key.as_str(), name);
        }
        Named {
            rust,
            queue: IndexSet::new(),
            next: 0,
            attrs: HashMap::new(),
        }
    }

    /// The Rust name of schema `key`, which will be converted.
    pub fn enqueue(&mut self, key: &'d str) -> String {
        self.queue.insert(key);
        self.rust_name(key)
    }

    fn rust_name(&self, key: &str) -> String {
        self.rust
            .get(key)
            .cloned()
            .expect("every component schema has a Rust name")
    }

    fn next(&mut self) -> Option<&'d str> {
        let key = *self.queue.get_index(self.next)?;
        self.next += 1;
        Some(key)
    }
}

impl<'d> Ctx<'d> {
    /// Converts the component schemas that operations reached (and those they reach in turn).
    pub fn named_types(&mut self) -> Vec<NamedType> {
        let mut types = Vec::new();
        while let Some(key) = self.named.next() {
            types.push(self.named_type(key));
        }
        self.check_alias_cycles(&types);
        types
    }

    fn named_type(&mut self, key: &'d str) -> NamedType {
        let rust = self.named.rust_name(key);
        let schema = self
            .components()
            .and_then(|c| c.schemas.get(key))
            .expect("only existing schemas are queued");
        let at = Pointer::component("schemas", key);
        let conv = self.schema(Node::of(schema), &rust, &at, 0);
        NamedType {
            name: Name {
                wire: key.to_owned(),
                rust,
            },
            description: conv.description,
            ty: conv.ty,
        }
    }

    /// What schema `key` says about a field that refers to it (`nullable`, its description,
    /// its facts): the IR keeps these on fields, not on named types.
    pub fn attrs(&mut self, key: &'d str) -> Attrs {
        if let Some(attrs) = self.named.attrs.get(key) {
            return attrs.clone();
        }
        let attrs = self
            .schema_target(key)
            .map(|(_, schema)| {
                let view = View::of(schema);
                let mut facts = facts(&view);
                // A non-string enum is its plain type with the values as a fact, which the
                // field that refers to it keeps (Discord's integer enums by `$ref`).
                if matches!(view.word(), Some("integer" | "number" | "boolean")) {
                    facts.extend(super::schema::allowed_fact(&view));
                }
                Attrs {
                    nullable: view.data.nullable,
                    description: trimmed(view.data.description.as_deref()),
                    facts,
                }
            })
            .unwrap_or_default();
        self.named.attrs.insert(key, attrs.clone());
        attrs
    }
}

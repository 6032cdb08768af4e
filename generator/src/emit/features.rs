//! Cargo features that leave out parts of a large API: one per module of operations, all on
//! by default (`all-operations`). A program that needs a few of Twilio's 197 operations turns
//! the defaults off and names their modules; the crate then compiles those modules and the
//! named types they reach, nothing else.
//!
//! A named type (or shared header set) gets `#[cfg(any(feature = ...))]` with the modules
//! whose operations reach it, through any chain of named types; a type every module reaches,
//! or none, has no `cfg`.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::types::TypeSpace;
use crate::ir::{Operation, TypeGraph};

/// The feature that turns on every module.
pub const ALL: &str = "all-operations";

pub struct Features {
    /// Module names, sorted: each is a feature.
    modules: Vec<String>,
    /// For a named type or shared header struct: the modules that reach it.
    users: BTreeMap<String, BTreeSet<String>>,
}

impl Features {
    /// `modules`: each module's name and its operations.
    pub fn new<'a>(
        space: &TypeSpace,
        modules: impl IntoIterator<Item = (&'a str, Vec<&'a Operation>)>,
    ) -> Self {
        let graph = TypeGraph::new(space.api);
        let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut names = Vec::new();
        for (module, operations) in modules {
            names.push(module.to_owned());
            let mut roots = BTreeSet::new();
            for op in &operations {
                operation_refs(op, &mut roots);
                let headers = op.success().map(|r| r.headers.as_slice());
                if let Some(shared) = headers.and_then(|h| space.headers.name_of(h)) {
                    roots.insert(shared);
                }
            }
            for name in graph.reachable(roots) {
                users
                    .entry(name.to_owned())
                    .or_default()
                    .insert(module.to_owned());
            }
        }
        names.sort();
        Features {
            modules: names,
            users,
        }
    }

    /// `#[cfg(feature = "<module>")]`.
    pub fn module_cfg(&self, module: &str) -> TokenStream {
        quote!(#[cfg(feature = #module)])
    }

    /// The `cfg` of a named type or shared header struct: none when every module (or no
    /// module) reaches it.
    pub fn type_cfg(&self, name: &str) -> TokenStream {
        match self.users.get(name) {
            Some(users) if users.len() == 1 && self.modules.len() > 1 => {
                let feature = users.iter().next();
                quote!(#[cfg(feature = #feature)])
            }
            Some(users) if users.len() < self.modules.len() => {
                let features = users.iter();
                quote!(#[cfg(any(#(feature = #features),*))])
            }
            _ => TokenStream::new(),
        }
    }

    /// The `[features]` lines of the crate's Cargo.toml for the modules.
    pub fn cargo_lines(&self) -> String {
        let list: Vec<String> = self.modules.iter().map(|m| format!("\"{m}\"")).collect();
        let mut lines = format!(
            "# Every module of operations; turn the defaults off and name modules to build fewer.\n\
             default = [\"{ALL}\"]\n{ALL} = [{}]\n",
            list.join(", ")
        );
        for module in &self.modules {
            lines.push_str(&format!("{module} = []\n"));
        }
        lines
    }
}

/// The named types an operation mentions: parameters, request body, every response.
fn operation_refs<'a>(op: &'a Operation, out: &mut BTreeSet<&'a str>) {
    let fields = op
        .params
        .iter()
        .map(|p| &p.field)
        .chain(op.responses.iter().flat_map(|r| &r.headers));
    fields.for_each(|f| f.ty.named_refs(out));
    let bodies = op.body.iter().map(|b| &b.ty);
    let answers = op
        .responses
        .iter()
        .filter_map(|r| r.body.as_ref())
        .map(|b| &b.ty);
    bodies.chain(answers).for_each(|ty| ty.named_refs(out));
}

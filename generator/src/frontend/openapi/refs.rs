//! `$ref` resolution: local references into `#/components/...`, chains of references followed
//! with cycle detection, and the check that named types do not alias each other in a circle.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{
    Components, Example, Header, Parameter, ReferenceOr, RequestBody, Response, Schema,
    SecurityScheme,
};

use super::context::Ctx;
use super::pointer::{Pointer, unescape};
use crate::ir::{NamedType, Type};

/// A kind of component that a `$ref` can name.
pub(super) trait Component: Sized + 'static {
    /// The key under `components` (`parameters`).
    const KIND: &'static str;
    fn map(components: &Components) -> &IndexMap<String, ReferenceOr<Self>>;
}

macro_rules! component {
    ($type:ty, $kind:literal, $field:ident) => {
        impl Component for $type {
            const KIND: &'static str = $kind;
            fn map(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
                &components.$field
            }
        }
    };
}

component!(Parameter, "parameters", parameters);
component!(RequestBody, "requestBodies", request_bodies);
component!(Response, "responses", responses);
component!(Header, "headers", headers);
component!(Example, "examples", examples);
component!(SecurityScheme, "securitySchemes", security_schemes);
component!(Schema, "schemas", schemas);

/// How many `$ref`s in a row are followed before giving up (a chain this long is a mistake).
const MAX_CHAIN: usize = 64;

/// The key a local reference names under `#/components/{kind}/`, unescaped.
pub(super) fn component_key<'r, T: Component>(
    reference: &'r str,
) -> Option<std::borrow::Cow<'r, str>> {
    let rest = reference
        .strip_prefix("#/components/")?
        .strip_prefix(T::KIND)?
        .strip_prefix('/')?;
    (!rest.contains('/')).then(|| unescape(rest))
}

/// The entry a reference names, with its key as stored in the document.
pub(super) fn lookup<'d, T: Component>(
    components: Option<&'d Components>,
    reference: &str,
) -> Option<(&'d str, &'d ReferenceOr<T>)> {
    let key = component_key::<T>(reference)?;
    let (key, entry) = T::map(components?).get_key_value(key.as_ref())?;
    Some((key.as_str(), entry))
}

impl<'d> Ctx<'d> {
    /// Follows `item`'s references to the object they name. Returns it with its pointer (the
    /// target's, when it was a reference). Unresolvable references and cycles are errors.
    pub fn resolve<T: Component>(
        &mut self,
        item: &'d ReferenceOr<T>,
        at: &Pointer,
    ) -> Option<(&'d T, Pointer)> {
        let mut current = item;
        let mut here = at.clone();
        let mut chain: Vec<&'d str> = Vec::new();
        loop {
            let reference = match current {
                ReferenceOr::Item(item) => return Some((item, here)),
                ReferenceOr::Reference { reference } => reference.as_str(),
            };
            if chain.contains(&reference) || chain.len() >= MAX_CHAIN {
                chain.push(reference);
                self.error(&here, format!("`$ref` cycle: {}", chain.join(" -> ")))
                    .help = Some(format!(
                    "a chain of `$ref`s must end at a {} object",
                    T::KIND
                ));
                return None;
            }
            chain.push(reference);
            match lookup::<T>(self.components(), reference) {
                Some((_, target)) => {
                    here = Pointer::from_ref(reference);
                    current = target;
                }
                None => {
                    self.unresolved::<T>(reference, &here.key("$ref"));
                    return None;
                }
            }
        }
    }

    /// The error for a reference that names nothing, saying what was expected.
    pub fn unresolved<T: Component>(&mut self, reference: &str, at: &Pointer) {
        let prefix = format!("#/components/{}/", T::KIND);
        let (message, help) = if reference.starts_with(&prefix) {
            (
                format!("`$ref` target `{reference}` does not exist"),
                format!("expected the name of an entry of `components.{}`", T::KIND),
            )
        } else if !reference.starts_with('#') {
            (
                format!("`$ref` `{reference}` points into another document"),
                format!("only local references are supported; expected `{prefix}NAME`"),
            )
        } else {
            (
                format!("`$ref` `{reference}` does not point into `{prefix}`"),
                format!("expected `{prefix}NAME` here"),
            )
        };
        self.error(at, message).help = Some(help);
    }

    /// The component schema a chain of references starting at schema `key` ends at, without
    /// reporting anything (the conversion of each reference reports its own problems).
    pub fn schema_target(&self, key: &'d str) -> Option<(&'d str, &'d Schema)> {
        let mut key = key;
        for _ in 0..MAX_CHAIN {
            match self.components()?.schemas.get(key)? {
                ReferenceOr::Item(schema) => return Some((key, schema)),
                ReferenceOr::Reference { reference } => {
                    key = lookup::<Schema>(self.components(), reference)?.0;
                }
            }
        }
        None
    }

    /// Named types that are aliases (not objects, enums or unions, which the emitter boxes)
    /// must not name themselves through other aliases, arrays or maps: `A = B`, `B = A` has no
    /// concrete shape.
    pub fn check_alias_cycles(&mut self, types: &[NamedType]) {
        let index: HashMap<&str, usize> = types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.rust.as_str(), i))
            .collect();
        let edges: Vec<Vec<usize>> = types
            .iter()
            .map(|t| {
                let mut names = Vec::new();
                alias_targets(&t.ty, &mut names);
                names.iter().filter_map(|n| index.get(n).copied()).collect()
            })
            .collect();
        let mut state = vec![Visit::New; types.len()];
        for start in 0..types.len() {
            self.visit(start, &edges, &mut state, types);
        }
    }

    /// Depth-first from `start`, with an explicit stack: alias chains can be thousands long.
    fn visit(
        &mut self,
        start: usize,
        edges: &[Vec<usize>],
        state: &mut [Visit],
        types: &[NamedType],
    ) {
        if state[start] != Visit::New {
            return;
        }
        // The open path: each node with the index of its next edge to follow.
        let mut stack = vec![(start, 0)];
        state[start] = Visit::Open;
        while let Some((node, edge)) = stack.last_mut() {
            let Some(&next) = edges[*node].get(*edge) else {
                state[*node] = Visit::Done;
                stack.pop();
                continue;
            };
            *edge += 1;
            match state[next] {
                Visit::Done => {}
                Visit::Open => {
                    let from = stack.iter().position(|(n, _)| *n == next).unwrap_or(0);
                    let mut chain: Vec<&str> = stack[from..]
                        .iter()
                        .map(|(n, _)| types[*n].name.wire.as_str())
                        .collect();
                    chain.push(types[next].name.wire.as_str());
                    let message = format!(
                        "`$ref` cycle never reaches a concrete schema: {}",
                        chain.join(" -> ")
                    );
                    let at = Pointer::component("schemas", &types[next].name.wire);
                    self.error(&at, message).help = Some(
                        "one schema of the cycle must be an object (or an enum, or a oneOf) for \
                         the type to have a shape"
                            .into(),
                    );
                }
                Visit::New => {
                    state[next] = Visit::Open;
                    stack.push((next, 0));
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Visit {
    New,
    Open,
    Done,
}

/// The named types an alias stands for directly (through arrays and maps, which do not box).
fn alias_targets<'t>(ty: &'t Type, out: &mut Vec<&'t str>) {
    match ty {
        Type::Named { name } => out.push(name),
        Type::Array { items } => alias_targets(items, out),
        Type::Map { values, .. } => alias_targets(values, out),
        _ => {}
    }
}

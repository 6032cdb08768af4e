//! Which named types reach which: the types a type mentions itself, and the graph of an API's
//! named types (for cargo features and the change report).

use std::collections::{BTreeMap, BTreeSet};

use super::{Api, Type};

impl Type {
    /// The named types this type mentions itself (through fields, items, map values and union
    /// variants; not through the named types, see [`TypeGraph`]).
    pub fn named_refs<'a>(&'a self, out: &mut BTreeSet<&'a str>) {
        match self {
            Type::Named { name } => {
                out.insert(name);
            }
            Type::Object { fields, .. } => fields.iter().for_each(|f| f.ty.named_refs(out)),
            Type::Union { variants, .. } => variants.iter().for_each(|v| v.named_refs(out)),
            Type::Array { items: inner } | Type::Map { values: inner, .. } => inner.named_refs(out),
            Type::Tuple { items, rest } => items
                .iter()
                .chain(rest.as_deref())
                .for_each(|t| t.named_refs(out)),
            _ => {}
        }
    }
}

/// Which named types of an API mention which, by index: built once, asked which types a set
/// of names reaches (Stripe's 468 modules each reach thousands: a walk over indices, not sets
/// of strings).
pub struct TypeGraph<'a> {
    names: Vec<&'a str>,
    index: BTreeMap<&'a str, usize>,
    edges: Vec<Vec<usize>>,
}

impl<'a> TypeGraph<'a> {
    pub fn new(api: &'a Api) -> Self {
        let names: Vec<&str> = api.types.iter().map(|t| t.name.rust.as_str()).collect();
        let index: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let edges = api
            .types
            .iter()
            .map(|named| {
                let mut refs = BTreeSet::new();
                named.ty.named_refs(&mut refs);
                refs.into_iter()
                    .filter_map(|r| index.get(r).copied())
                    .collect()
            })
            .collect();
        TypeGraph {
            names,
            index,
            edges,
        }
    }

    /// How many named types there are: the indices are `0..len()`.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// Marks in `seen` (one flag per index) every type reachable from `roots` (roots
    /// included; names the API lacks are skipped; cycles are fine) and returns the ones it
    /// newly marked.
    pub fn reachable_into<'r>(
        &self,
        roots: impl IntoIterator<Item = &'r str>,
        seen: &mut [bool],
    ) -> Vec<usize> {
        let mut stack: Vec<usize> = roots.into_iter().filter_map(|r| self.index_of(r)).collect();
        let mut reached = Vec::new();
        while let Some(at) = stack.pop() {
            if !std::mem::replace(&mut seen[at], true) {
                reached.push(at);
                stack.extend(&self.edges[at]);
            }
        }
        reached
    }

    /// Every name reachable from `roots` (roots included, names the API lacks as well;
    /// cycles are fine).
    pub fn reachable(&self, roots: BTreeSet<&'a str>) -> BTreeSet<&'a str> {
        let mut seen = vec![false; self.len()];
        let reached = self.reachable_into(roots.iter().copied(), &mut seen);
        let mut names: BTreeSet<&str> = reached.into_iter().map(|at| self.names[at]).collect();
        names.extend(roots.into_iter().filter(|r| self.index_of(r).is_none()));
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Name, NamedType, Webhooks};

    #[test]
    fn reachability_follows_chains_of_named_types_and_survives_cycles() {
        let named = |name: &str, refers_to: &[&str]| NamedType {
            name: Name {
                wire: name.into(),
                rust: name.into(),
            },
            description: String::new(),
            ty: Type::Union {
                name: name.into(),
                variants: refers_to
                    .iter()
                    .map(|r| Type::Named { name: (*r).into() })
                    .collect(),
                discriminator: None,
            },
        };
        let api = Api {
            types: vec![
                named("A", &["B"]),
                named("B", &["C", "A"]),
                named("C", &[]),
                named("D", &[]),
            ],
            servers: Vec::new(),
            auth: Vec::new(),
            operations: Vec::new(),
            webhooks: Webhooks::default(),
        };
        let graph = TypeGraph::new(&api);
        assert_eq!(
            graph.reachable(BTreeSet::from(["A", "missing"])),
            BTreeSet::from(["A", "B", "C", "missing"])
        );
        let mut seen = vec![false; graph.len()];
        assert_eq!(graph.reachable_into(["B"], &mut seen).len(), 3);
        assert!(
            graph.reachable_into(["A"], &mut seen).is_empty(),
            "already seen"
        );
    }
}

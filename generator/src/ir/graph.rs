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
            _ => {}
        }
    }
}

/// Which named types of an API mention which: built once, asked which types a set of names
/// reaches.
pub struct TypeGraph<'a> {
    edges: BTreeMap<&'a str, BTreeSet<&'a str>>,
}

impl<'a> TypeGraph<'a> {
    pub fn new(api: &'a Api) -> Self {
        let edges = api
            .types
            .iter()
            .map(|named| {
                let mut refs = BTreeSet::new();
                named.ty.named_refs(&mut refs);
                (named.name.rust.as_str(), refs)
            })
            .collect();
        TypeGraph { edges }
    }

    /// Every name reachable from `roots` (roots included, names the API lacks as well;
    /// cycles are fine).
    pub fn reachable(&self, roots: BTreeSet<&'a str>) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = roots.into_iter().collect();
        while let Some(name) = stack.pop() {
            if seen.insert(name) {
                stack.extend(self.edges.get(name).into_iter().flatten().copied());
            }
        }
        seen
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
            graph.reachable(BTreeSet::from(["A"])),
            BTreeSet::from(["A", "B", "C"])
        );
    }
}

//! How a union is told apart, and what its variants are called: by a discriminating member
//! (`Tagged`), by JSON kind when every variant has its own (`Union`), else by trying the
//! variants in a documented order (`Untagged`).

use super::lower::{Lowering, Scope};
use super::namespace::Namespace;
use super::{ItemKind, TaggedVariant, Ty, UnionVariant};
use crate::ir::{Discriminator, Presence, Type};

impl Lowering<'_> {
    pub(super) fn union(
        &mut self,
        name: &str,
        variants: &[Type],
        discriminator: Option<&Discriminator>,
        scope: &mut Scope,
    ) -> ItemKind {
        if let Some(discriminator) = discriminator {
            return self.tagged(name, variants, discriminator, scope);
        }
        let mut ordered: Vec<&Type> = variants.iter().collect();
        let ranks: Vec<u8> = ordered
            .iter()
            .map(|ty| kind_rank(self.resolve(ty)))
            .collect();
        let distinct = ranks
            .iter()
            .enumerate()
            .all(|(i, rank)| !ranks[..i].contains(rank));
        // Integers before numbers, and (for `Untagged`) objects with more required members
        // before those with fewer: the first variant that decodes is taken.
        ordered.sort_by_key(|ty| {
            let resolved = self.resolve(ty);
            (
                kind_rank(resolved),
                std::cmp::Reverse(required_members(resolved)),
            )
        });
        let mut names = Namespace::types(&[]);
        let variants: Vec<UnionVariant> = ordered
            .into_iter()
            .map(|ty| {
                let lowered = self.boxed_if_recursive(ty, scope);
                let rust = if distinct {
                    kind_name(self.resolve(ty)).to_owned()
                } else {
                    names.claim(&variant_name(name, self.resolve(ty), &lowered))
                };
                UnionVariant { rust, ty: lowered }
            })
            .collect();
        if distinct {
            ItemKind::Union { variants }
        } else {
            ItemKind::Untagged { variants }
        }
    }

    /// Each variant with the values that choose it, in documented order; a variant no value
    /// chooses is left out (the frontend warned).
    fn tagged(
        &mut self,
        name: &str,
        variants: &[Type],
        discriminator: &Discriminator,
        scope: &mut Scope,
    ) -> ItemKind {
        let mut names = Namespace::types(&[]);
        let mut tagged = Vec::new();
        for (index, ty) in variants.iter().enumerate() {
            let values: Vec<String> = discriminator
                .values
                .iter()
                .filter(|(_, i)| *i == index)
                .map(|(value, _)| value.clone())
                .collect();
            if values.is_empty() {
                continue;
            }
            let lowered = self.boxed_if_recursive(ty, scope);
            let rust = names.claim(&variant_name(name, self.resolve(ty), &lowered));
            tagged.push(TaggedVariant {
                rust,
                values,
                ty: lowered,
            });
        }
        let catch_all = if names.is_taken("Unknown") {
            "UnknownVariant"
        } else {
            "Unknown"
        };
        ItemKind::Tagged {
            property: discriminator.property.clone(),
            variants: tagged,
            catch_all: catch_all.to_owned(),
        }
    }
}

/// A variant's name: its type's name (without the union's name in front, for the union's own
/// inline variants: `ToolFunction` in `Tool` is `Function`), else its JSON kind.
fn variant_name(union: &str, resolved: &Type, lowered: &Ty) -> String {
    let named = match lowered {
        Ty::Box { inner } => inner,
        other => other,
    };
    match named {
        Ty::Named { name, .. } => match name.strip_prefix(union) {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest.to_owned(),
            _ => name.clone(),
        },
        _ => kind_name(resolved).to_owned(),
    }
}

fn required_members(ty: &Type) -> usize {
    match ty {
        Type::Object { fields, .. } => fields
            .iter()
            .filter(|f| f.required == Presence::Required)
            .count(),
        _ => 0,
    }
}

fn kind_rank(ty: &Type) -> u8 {
    match ty {
        Type::Boolean => 0,
        Type::Integer { .. } | Type::IntegerEnum { .. } => 1,
        Type::Number { .. } => 2,
        Type::String { .. } | Type::Enum { .. } => 3,
        Type::Array { .. } | Type::Tuple { .. } => 4,
        _ => 5,
    }
}

fn kind_name(ty: &Type) -> &'static str {
    match ty {
        Type::Boolean => "Boolean",
        Type::Integer { .. } | Type::IntegerEnum { .. } => "Integer",
        Type::Number { .. } => "Number",
        Type::String { .. } | Type::Enum { .. } => "String",
        Type::Array { .. } | Type::Tuple { .. } => "Array",
        Type::Any => "Value",
        _ => "Object",
    }
}

//! `oneOf`/`anyOf`. Variants that are all strings (or all numbers) are one scalar type:
//! `anyOf: [string, enum]` (OpenAI's model names) is an enum that keeps unknown values, and
//! Stripe's `anyOf: [string, enum: [""]]` a string. Anything else is a union of its variants,
//! with the document's `discriminator` when it has one; the plan decides how they are told
//! apart. Only a variant that accepts any JSON value makes the union `serde_json::Value`.

use openapiv3::{Discriminator as OaDiscriminator, ReferenceOr, Schema};
use serde_json::Value;

use super::UNTYPED_UNION;
use super::context::Ctx;
use super::pointer::Pointer;
use super::refs::lookup;
use super::schema::{Conv, MAX_DEPTH, enum_values};
use super::view::{Kind, Node, View};
use crate::ir::{Access, Discriminator, Type};
use crate::names;

impl<'d> Ctx<'d> {
    pub fn union(
        &mut self,
        view: &View<'d>,
        hint: &str,
        at: &Pointer,
        depth: usize,
        conv: &mut Conv,
    ) -> Type {
        let (keyword, variants) = if view.one_of.is_empty() {
            ("anyOf", view.any_of)
        } else {
            ("oneOf", view.one_of)
        };
        if !view.one_of.is_empty() && !view.any_of.is_empty() {
            self.warn(at, "`anyOf` next to `oneOf` is ignored");
        }
        let variants_at = at.key(keyword);
        // `{type: "null"}` (JSON Schema's way, found in 3.0 documents too) makes the union
        // nullable and is not a variant.
        let (nulls, variants): (Vec<_>, Vec<_>) = variants
            .iter()
            .enumerate()
            .partition(|(_, v)| self.is_null_schema(Node::of(v)));
        conv.nullable |= !nulls.is_empty();
        if let [(i, only)] = variants.as_slice() {
            let inner = self.schema(Node::of(only), hint, &variants_at.index(*i), depth + 1);
            return conv.absorb(inner);
        }
        let mut kinds = Vec::with_capacity(variants.len());
        for &(i, variant) in &variants {
            match self.kind_of(Node::of(variant), 0) {
                Some(kind) => kinds.push(kind),
                None => {
                    self.warn(
                        at,
                        format!(
                            "`{keyword}` variant {i} {UNTYPED_UNION} (it accepts values of \
                             several); it is generated as `serde_json::Value`"
                        ),
                    );
                    return Type::Any;
                }
            }
        }
        if kinds.iter().all(|k| *k == Kind::String) {
            return self.string_union(&variants, hint, &variants_at, depth, conv);
        }
        if kinds.iter().all(|k| *k == Kind::Number) {
            return self.number_union(&variants);
        }
        if kinds.iter().all(|k| *k == Kind::Boolean) {
            return Type::Boolean;
        }
        let discriminator = view
            .data
            .discriminator
            .as_ref()
            .map(|d| self.discriminator(d, &variants, &at.key("discriminator")));
        let mut types = Vec::with_capacity(variants.len());
        for (n, (&(i, variant), kind)) in variants.iter().zip(&kinds).enumerate() {
            let tag = discriminator
                .as_ref()
                .and_then(|d| d.values.iter().find(|(_, v)| *v == n))
                .map(|(value, _)| names::camel(value));
            let same_kind_before = kinds[..n].iter().filter(|k| *k == kind).count();
            let repeated = kinds.iter().filter(|k| *k == kind).count() > 1;
            let suffix = match tag {
                Some(tag) => tag,
                None if repeated => format!("{}{}", kind.word(), same_kind_before + 1),
                None => kind.word().to_owned(),
            };
            let hint = format!("{hint}{suffix}");
            let variant_at = variants_at.index(i);
            types.push(
                self.schema(Node::of(variant), &hint, &variant_at, depth + 1)
                    .ty,
            );
        }
        Type::Union {
            name: hint.to_owned(),
            variants: types,
            discriminator,
        }
    }

    /// Variants that are all strings: a string when none lists values (or only `""`), the one
    /// enum when one does, else an enum of all their values (nested unions' included).
    fn string_union(
        &mut self,
        variants: &[(usize, &'d ReferenceOr<Schema>)],
        hint: &str,
        variants_at: &Pointer,
        depth: usize,
        conv: &mut Conv,
    ) -> Type {
        let mut format = None;
        let mut listing = Vec::new();
        let mut values: Vec<String> = Vec::new();
        for (n, &(_, variant)) in variants.iter().enumerate() {
            let Some(view) = self.resolved(Node::of(variant)).map(View::of) else {
                continue;
            };
            conv.nullable |= view.data.nullable;
            let listed = self.string_values(&view, 0);
            if listed.is_empty() {
                format = format.or(view.format);
            } else {
                // A union nested in a variant (OpenAI's model ids) gives its values, not its
                // type: only a variant that is an enum itself can be the whole union's type.
                listing.push((n, !view.enumeration.is_empty()));
            }
            for value in listed {
                if !values.contains(&value) {
                    values.push(value);
                }
            }
        }
        match listing.as_slice() {
            [] => Type::String {
                format: format.map(str::to_owned),
            },
            [(one, true)] => {
                let (i, variant) = variants[*one];
                let at = variants_at.index(i);
                self.schema(Node::of(variant), hint, &at, depth + 1).ty
            }
            _ => Type::Enum {
                name: hint.to_owned(),
                values: enum_values(values),
            },
        }
    }

    /// The non-empty strings a string schema lists, with those of the unions nested in it.
    fn string_values(&self, view: &View<'d>, hops: usize) -> Vec<String> {
        let mut values: Vec<String> = view
            .enumeration
            .iter()
            .filter_map(|v| match v {
                Value::String(s) if !s.is_empty() => Some(s.clone()),
                _ => None,
            })
            .collect();
        if hops < MAX_DEPTH {
            for variant in view.one_of.iter().chain(view.any_of) {
                if let Some(schema) = self.resolved(Node::of(variant)) {
                    values.extend(self.string_values(&View::of(schema), hops + 1));
                }
            }
        }
        values
    }

    /// Variants that are all numbers: a number when one of them is, else an integer.
    fn number_union(&mut self, variants: &[(usize, &'d ReferenceOr<Schema>)]) -> Type {
        let views: Vec<View<'d>> = variants
            .iter()
            .filter_map(|(_, v)| self.resolved(Node::of(v)).map(View::of))
            .collect();
        if views.iter().any(|v| v.typ == Some("number")) {
            Type::Number { format: None }
        } else {
            Type::Integer {
                format: views.iter().find_map(|v| v.format).map(str::to_owned),
            }
        }
    }

    /// Which value of the discriminating member names which variant: the `mapping`, then for
    /// each variant it leaves out, the one value its schema allows for the member
    /// (`type: {enum: [function]}`, what APIs send in practice) and its schema's name (what
    /// OpenAPI says the value is when there is no mapping). A value is taken by the first
    /// variant that claims it.
    fn discriminator(
        &mut self,
        discriminator: &'d OaDiscriminator,
        variants: &[(usize, &'d ReferenceOr<Schema>)],
        at: &Pointer,
    ) -> Discriminator {
        let property = discriminator.property_name.as_str();
        let key_of = |reference: &str| {
            reference
                .strip_prefix("#/components/schemas/")
                .unwrap_or(reference)
                .to_owned()
        };
        let variant_keys: Vec<Option<String>> = variants
            .iter()
            .map(|(_, v)| match v {
                ReferenceOr::Reference { reference } => Some(key_of(reference)),
                ReferenceOr::Item(_) => None,
            })
            .collect();
        let mut values: Vec<(String, usize)> = Vec::new();
        let claim = |value: String, index: usize, values: &mut Vec<(String, usize)>| {
            if !values.iter().any(|(v, _)| *v == value) {
                values.push((value, index));
            }
        };
        for (value, reference) in &discriminator.mapping {
            let key = key_of(reference);
            match variant_keys.iter().position(|k| k.as_deref() == Some(&key)) {
                Some(index) => claim(value.clone(), index, &mut values),
                None => {
                    self.warn(
                        &at.key("mapping").key(value),
                        format!(
                            "discriminator value `{value}` maps to `{reference}`, which is not \
                             one of the variants; ignored"
                        ),
                    );
                }
            }
        }
        for (index, &(_, variant)) in variants.iter().enumerate() {
            if values.iter().any(|(_, i)| *i == index) {
                continue;
            }
            let single = self
                .resolved(Node::of(variant))
                .and_then(|schema| self.property_schema(schema, property, 0))
                .and_then(|node| self.single_value(node));
            let named = variant_keys[index].clone();
            if single.is_none() && named.is_none() {
                self.warn(
                    at,
                    format!(
                        "variant {index} has no value of `{property}` (no mapping, no single \
                         allowed value, no schema name); it is never chosen"
                    ),
                );
            }
            for value in single.into_iter().chain(named) {
                claim(value, index, &mut values);
            }
        }
        Discriminator {
            property: property.to_owned(),
            values,
        }
    }

    /// `readOnly` or `writeOnly`, as the schema (or the one it refers to) says.
    pub(super) fn access(&self, node: Node<'d>) -> Access {
        match self.resolved(node).map(|schema| &schema.schema_data) {
            Some(data) if data.read_only => Access::ReadOnly,
            Some(data) if data.write_only => Access::WriteOnly,
            _ => Access::ReadWrite,
        }
    }

    /// `{type: "null"}`: only `null`.
    pub(super) fn is_null_schema(&self, node: Node<'d>) -> bool {
        self.resolved(node)
            .is_some_and(|schema| View::of(schema).typ == Some("null"))
    }

    /// The schema a node stands for, through one chain of references.
    pub(super) fn resolved(&self, node: Node<'d>) -> Option<&'d Schema> {
        match node {
            Node::Inline(schema) => Some(schema),
            Node::Ref(reference) => {
                let (key, _) = lookup::<Schema>(self.components(), reference)?;
                Some(self.schema_target(key)?.1)
            }
        }
    }

    /// The schema of property `name` of an object schema, looking into its `allOf` parts.
    fn property_schema(&self, schema: &'d Schema, name: &str, hops: usize) -> Option<Node<'d>> {
        let view = View::of(schema);
        if let Some(property) = view.properties.and_then(|p| p.get(name)) {
            return Some(Node::of_boxed(property));
        }
        if hops >= MAX_DEPTH {
            return None;
        }
        view.all_of.iter().find_map(|part| {
            let part = self.resolved(Node::of(part))?;
            self.property_schema(part, name, hops + 1)
        })
    }

    /// The one string a schema allows (`enum: [function]`), if it allows exactly one.
    fn single_value(&self, node: Node<'d>) -> Option<String> {
        let view = View::of(self.resolved(node)?);
        match view.enumeration.as_slice() {
            [Value::String(value)] => Some(value.clone()),
            _ => None,
        }
    }
}

//! Composed schemas: `allOf` merged into one object (`oneOf`/`anyOf` are in `union.rs`).

use indexmap::IndexMap;
use openapiv3::Schema;

use super::context::Ctx;
use super::pointer::Pointer;
use super::refs::lookup;
use super::schema::{Conv, MAX_DEPTH, allowed_fact, trimmed};
use super::view::{Kind, Node, Properties, View};
use crate::ir::Type;

impl<'d> Ctx<'d> {
    /// `allOf`: parts that only annotate merge into the field; one remaining part is the type
    /// (a `$ref` stays a named type); several must all be objects and merge into one.
    pub fn all_of(
        &mut self,
        view: &View<'d>,
        hint: &str,
        at: &Pointer,
        depth: usize,
        conv: &mut Conv,
    ) -> Type {
        let parts_at = at.key("allOf");
        let mut meaningful = Vec::new();
        for (i, part) in view.all_of.iter().enumerate() {
            let node = Node::of(part);
            if let Node::Inline(schema) = node {
                let part = View::of(schema);
                if part.is_annotation() {
                    conv.nullable |= part.data.nullable;
                    if conv.description.is_empty() {
                        conv.description = trimmed(part.data.description.as_deref());
                    }
                    continue;
                }
            }
            meaningful.push((node, parts_at.index(i)));
        }
        let own = view.properties.filter(|p| !p.is_empty());
        // `required` beside `allOf` (Box's `FileRequestCopyRequest`) binds the merged members:
        // one part with it is merged, not taken as it is.
        match (own, meaningful.len()) {
            (None, 0) => return Type::Any,
            (None, 1) if view.required.is_empty() => {
                // A number's `enum` beside its one part narrows it (Discord's `entity_type`:
                // `enum: [3]` beside the `allOf` of all entity types): the values it allows.
                let narrowed = allowed_fact(view)
                    .filter(|_| !view.enumeration.iter().any(serde_json::Value::is_string));
                let (node, part_at) = meaningful.pop().expect("one part");
                let mut inner = self.schema(node, hint, &part_at, depth + 1);
                if let Some(narrowed) = narrowed {
                    // In place of the part's own values.
                    inner
                        .facts
                        .retain(|f| !matches!(f.kind, crate::ir::FactKind::AllowedValues(_)));
                    conv.facts.push(narrowed);
                }
                return conv.absorb(inner);
            }
            _ => {}
        }
        let mut merged = Merged::default();
        match own {
            Some(properties) => merged.add(properties, view.required, &at.key("properties")),
            None => merged
                .required
                .extend(view.required.iter().map(String::as_str)),
        }
        let mut visiting = Vec::new();
        for (node, part_at) in meaningful {
            if let Err(why) = self.merge_part(node, part_at, &mut merged, &mut visiting, depth + 1)
            {
                self.warn(
                    at,
                    format!("`allOf` can only merge objects, but {why}; it is generated as `serde_json::Value`"),
                );
                return Type::Any;
            }
        }
        let required: Vec<&str> = merged.required;
        let members = merged
            .properties
            .into_iter()
            .map(|(wire, (node, at))| (wire, node, at))
            .collect();
        Type::Object {
            name: hint.to_owned(),
            fields: self.fields(hint, members, &required, depth),
            additional: None,
        }
    }

    /// Adds one `allOf` part's properties (following `$ref`s and nested `allOf`s). `Err` says
    /// why the part is not an object; reference problems are reported here and skipped.
    fn merge_part(
        &mut self,
        node: Node<'d>,
        at: Pointer,
        merged: &mut Merged<'d>,
        visiting: &mut Vec<&'d str>,
        depth: usize,
    ) -> Result<(), String> {
        if depth > MAX_DEPTH {
            self.error(
                &at,
                format!("`allOf` nests deeper than {MAX_DEPTH} levels here"),
            );
            return Ok(());
        }
        let (schema, at, key) = match node {
            Node::Inline(schema) => (schema, at, None),
            Node::Ref(reference) => {
                let Some((key, _)) = lookup::<Schema>(self.components(), reference) else {
                    self.unresolved::<Schema>(reference, &at.key("$ref"));
                    return Ok(());
                };
                let Some((key, schema)) = self.schema_target(key) else {
                    self.error(
                        &at.key("$ref"),
                        format!("the `$ref` chain from `{reference}` does not end at a schema"),
                    )
                    .help = Some(
                        "follow the chain: one of its targets is missing, or it is a cycle".into(),
                    );
                    return Ok(());
                };
                if visiting.contains(&key) {
                    let mut chain: Vec<&str> = visiting.clone();
                    chain.push(key);
                    self.error(
                        &at.key("$ref"),
                        format!("`$ref` cycle in `allOf`: {}", chain.join(" -> ")),
                    )
                    .help = Some("an `allOf` part cannot include the schema it is part of".into());
                    return Ok(());
                }
                let at = Pointer::component("schemas", key);
                (schema, at, Some(key))
            }
        };
        visiting.extend(key);
        let result = self.merge_view(&View::of(schema), &at, merged, visiting, depth);
        if key.is_some() {
            visiting.pop();
        }
        result
    }

    fn merge_view(
        &mut self,
        view: &View<'d>,
        at: &Pointer,
        merged: &mut Merged<'d>,
        visiting: &mut Vec<&'d str>,
        depth: usize,
    ) -> Result<(), String> {
        if view.is_annotation() {
            return Ok(());
        }
        if let Some(properties) = view.properties.filter(|p| !p.is_empty()) {
            merged.add(properties, view.required, &at.key("properties"));
        } else if view.word() == Some("object") {
            merged
                .required
                .extend(view.required.iter().map(String::as_str));
        } else if view.all_of.is_empty() {
            let what = view.word().unwrap_or("a composition");
            return Err(format!("`{}` is {what}", at.as_str()));
        }
        let parts_at = at.key("allOf");
        for (i, part) in view.all_of.iter().enumerate() {
            self.merge_part(
                Node::of(part),
                parts_at.index(i),
                merged,
                visiting,
                depth + 1,
            )?;
        }
        Ok(())
    }

    /// The JSON kind a schema's values have, following references and `allOf`.
    pub(super) fn kind_of(&self, node: Node<'d>, hops: usize) -> Option<Kind> {
        let view = View::of(self.resolved(node)?);
        if let Some(kind) = view.kind() {
            return Some(kind);
        }
        if hops >= MAX_DEPTH {
            return None;
        }
        // A union whose variants (other than `null`) share one kind has that kind.
        let variants = if view.one_of.is_empty() {
            view.any_of
        } else {
            view.one_of
        };
        if !variants.is_empty() {
            let mut kinds = variants
                .iter()
                .map(Node::of)
                .filter(|v| !self.is_null_schema(*v))
                .map(|v| self.kind_of(v, hops + 1));
            let first = kinds.next()??;
            return kinds.all(|k| k == Some(first)).then_some(first);
        }
        view.all_of
            .iter()
            .map(Node::of)
            .filter(|part| !matches!(part, Node::Inline(s) if View::of(s).is_annotation()))
            .find_map(|part| self.kind_of(part, hops + 1))
    }
}

/// The properties of all merged `allOf` parts; a later part's property replaces an earlier
/// one of the same name in place.
#[derive(Default)]
struct Merged<'d> {
    properties: IndexMap<&'d str, (Node<'d>, Pointer)>,
    required: Vec<&'d str>,
}

impl<'d> Merged<'d> {
    fn add(&mut self, properties: &'d Properties, required: &'d [String], at: &Pointer) {
        for (wire, schema) in properties {
            self.properties
                .insert(wire, (Node::of_boxed(schema), at.key(wire)));
        }
        self.required.extend(required.iter().map(String::as_str));
    }
}

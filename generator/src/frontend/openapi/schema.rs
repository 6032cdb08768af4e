//! Schemas to IR types. Component schemas become named types, converted once each and only when
//! an operation reaches them (a work list, so references never recurse); inline schemas are
//! converted where they stand, named after their owner (`CreateRoomRequestType`).

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, OpenAPI, Schema};
use serde_json::Value;

use super::context::Ctx;
use super::pointer::Pointer;
use super::refs::lookup;
use super::view::{Kind, Node, Properties, View};
use crate::diag::Diagnostic;
use crate::frontend::type_expr;
use crate::ir::{Fact, FactKind, Field, Name, NamedType, Origin, Presence, Type};
use crate::names;

/// Inline schemas nested deeper than this are an error, not a stack overflow.
pub(super) const MAX_DEPTH: usize = 64;

/// A converted schema: its type and what it says about the field that holds it.
#[derive(Debug, Clone)]
pub(super) struct Conv {
    pub ty: Type,
    pub nullable: bool,
    pub description: String,
    pub facts: Vec<Fact>,
}

impl Conv {
    fn of(ty: Type) -> Self {
        Conv {
            ty,
            nullable: false,
            description: String::new(),
            facts: Vec::new(),
        }
    }

    pub fn any() -> Self {
        Conv::of(Type::Any)
    }

    pub fn string() -> Self {
        Conv::of(Type::String { format: None })
    }

    pub fn field(self, name: Name, required: Presence) -> Field {
        Field {
            name,
            ty: self.ty,
            nullable: self.nullable,
            required,
            description: self.description,
            facts: self.facts,
        }
    }

    /// Takes what `inner` says about the field where this schema only annotates it.
    fn absorb(&mut self, inner: Conv) -> Type {
        self.nullable |= inner.nullable;
        if self.description.is_empty() {
            self.description = inner.description;
        }
        self.facts.extend(inner.facts);
        inner.ty
    }
}

/// What a reference to a component schema carries to the field that uses it.
#[derive(Debug, Clone, Default)]
struct Attrs {
    nullable: bool,
    description: String,
    facts: Vec<Fact>,
}

/// Component schemas: Rust names for all of them, and a work list of the ones reached.
pub(super) struct Named<'d> {
    /// Decided up front over every component, in document order, so a schema's name does not
    /// depend on which operation reaches it first.
    rust: HashMap<&'d str, String>,
    queued: HashSet<&'d str>,
    queue: Vec<&'d str>,
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
            if name != base {
                let at = Pointer::root().key("components").key("schemas").key(key);
                let message = format!(
                    "schemas `{}` and `{key}` are both `{base}` in Rust; `{key}` is named `{name}`",
                    owner_of[&base]
                );
                diagnostics
                    .push(Diagnostic::warning(file, None, message).with_pointer(at.as_str()));
            }
            owner_of.insert(name.clone(), key);
            rust.insert(key.as_str(), name);
        }
        Named {
            rust,
            queued: HashSet::new(),
            queue: Vec::new(),
            next: 0,
            attrs: HashMap::new(),
        }
    }

    /// The Rust name of schema `key`, which will be converted.
    fn enqueue(&mut self, key: &'d str) -> String {
        if self.queued.insert(key) {
            self.queue.push(key);
        }
        self.rust_name(key)
    }

    fn rust_name(&self, key: &str) -> String {
        self.rust
            .get(key)
            .cloned()
            .expect("every component schema has a Rust name")
    }

    fn next(&mut self) -> Option<&'d str> {
        let key = *self.queue.get(self.next)?;
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
        let at = Pointer::root().key("components").key("schemas").key(key);
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

    /// Converts the schema at `at`. `hint` names the inline object, enum or union it defines.
    pub fn schema(&mut self, node: Node<'d>, hint: &str, at: &Pointer, depth: usize) -> Conv {
        match node {
            Node::Ref(reference) => self.schema_ref(reference, at),
            Node::Inline(_) if depth > MAX_DEPTH => {
                self.error(
                    at,
                    format!("schemas nest deeper than {MAX_DEPTH} levels here"),
                )
                .help = Some(
                    "name the inner schemas in `components.schemas` and refer to them with `$ref`"
                        .into(),
                );
                Conv::any()
            }
            Node::Inline(schema) => self.view(&View::of(schema), hint, at, depth),
        }
    }

    fn schema_ref(&mut self, reference: &'d str, at: &Pointer) -> Conv {
        let Some((key, _)) = lookup::<Schema>(self.components(), reference) else {
            self.unresolved::<Schema>(reference, &at.key("$ref"));
            return Conv::any();
        };
        let name = self.named.enqueue(key);
        let attrs = self.attrs(key);
        Conv {
            ty: Type::Named { name },
            nullable: attrs.nullable,
            description: attrs.description,
            facts: attrs.facts,
        }
    }

    /// What schema `key` says about a field that refers to it (`nullable`, its description,
    /// its facts): the IR keeps these on fields, not on named types.
    fn attrs(&mut self, key: &'d str) -> Attrs {
        if let Some(attrs) = self.named.attrs.get(key) {
            return attrs.clone();
        }
        let attrs = self
            .schema_target(key)
            .map(|(_, schema)| {
                let view = View::of(schema);
                Attrs {
                    nullable: view.data.nullable,
                    description: trimmed(view.data.description.as_deref()),
                    facts: facts(&view),
                }
            })
            .unwrap_or_default();
        self.named.attrs.insert(key, attrs.clone());
        attrs
    }

    fn view(&mut self, view: &View<'d>, hint: &str, at: &Pointer, depth: usize) -> Conv {
        for keyword in &view.dropped {
            self.warn(
                at,
                format!("`{keyword}` is not kept: the generated type does not check it"),
            );
        }
        let mut conv = Conv {
            ty: Type::Any,
            nullable: view.data.nullable,
            description: trimmed(view.data.description.as_deref()),
            facts: facts(view),
        };
        let composed = !view.one_of.is_empty() || !view.any_of.is_empty();
        conv.ty = if !view.all_of.is_empty() {
            if composed {
                self.warn(at, "`oneOf`/`anyOf` next to `allOf` is ignored");
            }
            self.all_of(view, hint, at, depth, &mut conv)
        } else if composed && view.word().is_none() {
            self.union(view, hint, at, depth, &mut conv)
        } else {
            if composed {
                self.warn(
                    at,
                    "`oneOf`/`anyOf` next to `type` is ignored; the schema is generated from its `type`",
                );
            }
            self.typed(view, hint, at, depth, &mut conv)
        };
        conv
    }

    fn typed(
        &mut self,
        view: &View<'d>,
        hint: &str,
        at: &Pointer,
        depth: usize,
        conv: &mut Conv,
    ) -> Type {
        let Some(word) = view.word() else {
            if let Some(format) = view.format {
                self.warn(at, format!("format `{format}` without a `type` is ignored"));
            }
            return Type::Any;
        };
        let format = view.format.map(str::to_owned);
        if matches!(word, "array" | "object") && !view.enumeration.is_empty() {
            self.warn(at, format!("`enum` on an {word} is not kept"));
        }
        match word {
            "string" => self.string(view, hint, at, conv),
            "integer" | "number" | "boolean" => {
                self.check_format(word, view.format, at);
                allowed_values(view, conv);
                match word {
                    "integer" => Type::Integer { format },
                    "number" => Type::Number { format },
                    _ => Type::Boolean,
                }
            }
            "array" => {
                if let Some(format) = view.format {
                    self.warn(at, format!("format `{format}` on an array is ignored"));
                }
                let items = match view.items {
                    Some(items) => {
                        let hint = format!("{hint}Item");
                        self.schema(Node::of_boxed(items), &hint, &at.key("items"), depth + 1)
                            .ty
                    }
                    None => Type::Any,
                };
                Type::Array {
                    items: Box::new(items),
                }
            }
            "object" => self.object(view, hint, at, depth),
            other => {
                self.warn(
                    at,
                    format!("unknown type `{other}`; it is generated as `serde_json::Value`"),
                )
                .help = Some("expected string, integer, number, boolean, array or object".into());
                Type::Any
            }
        }
    }

    fn check_format(&mut self, word: &str, format: Option<&str>, at: &Pointer) {
        if let Some(format) = format {
            if !type_expr::is_known_format(word, format) {
                self.warn(
                    at,
                    format!(
                        "unknown format `{format}` on `{word}`; it is generated as a plain {word}"
                    ),
                );
            }
        }
    }

    /// A string, or an enum of its documented values (`null` among them makes it nullable).
    fn string(&mut self, view: &View<'d>, hint: &str, at: &Pointer, conv: &mut Conv) -> Type {
        self.check_format("string", view.format, at);
        let mut wires: Vec<String> = Vec::new();
        for value in &view.enumeration {
            let wire = match value {
                Value::Null => {
                    conv.nullable = true;
                    continue;
                }
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if !wires.contains(&wire) {
                wires.push(wire);
            }
        }
        if wires.is_empty() {
            return Type::String {
                format: view.format.map(str::to_owned),
            };
        }
        Type::Enum {
            name: hint.to_owned(),
            values: enum_values(wires),
        }
    }

    fn object(&mut self, view: &View<'d>, hint: &str, at: &Pointer, depth: usize) -> Type {
        let format = view.format;
        if let Some(properties) = view.properties.filter(|p| !p.is_empty()) {
            if let Some(format) = format {
                self.warn(
                    at,
                    format!("format `{format}` on an object with properties is ignored"),
                );
            }
            if matches!(
                view.additional,
                Some(AdditionalProperties::Schema(_) | AdditionalProperties::Any(true))
            ) {
                self.warn(
                    at,
                    "`additionalProperties` next to `properties` is not kept: only the listed properties are generated",
                );
            }
            let required: Vec<&str> = view.required.iter().map(String::as_str).collect();
            let members = members(properties, &at.key("properties"));
            return Type::Object {
                name: hint.to_owned(),
                fields: self.fields(hint, members, &required, depth),
            };
        }
        self.check_format("object", format, at);
        let values = match (format, view.additional) {
            (Some("uri-map"), _) => Type::String {
                format: Some("uri".to_owned()),
            },
            (_, Some(AdditionalProperties::Schema(values))) => {
                let hint = format!("{hint}Value");
                self.schema(
                    Node::of(values),
                    &hint,
                    &at.key("additionalProperties"),
                    depth + 1,
                )
                .ty
            }
            _ => Type::Any,
        };
        Type::Map {
            values: Box::new(values),
            format: format.map(str::to_owned),
        }
    }

    /// The fields of an object, in document order, with distinct Rust names; inline types in
    /// them are named `{owner}{Field}`.
    fn fields(
        &mut self,
        owner: &str,
        members: Vec<(&'d str, Node<'d>, Pointer)>,
        required: &[&str],
        depth: usize,
    ) -> Vec<Field> {
        let mut names: Vec<Name> = members
            .iter()
            .map(|(wire, ..)| names::field_name(wire))
            .collect();
        names::make_unique(&mut names.iter_mut().collect::<Vec<_>>());
        let mut fields = Vec::with_capacity(members.len());
        for ((wire, node, at), name) in members.into_iter().zip(names) {
            let hint = format!("{owner}{}", member_camel(&name));
            let conv = self.schema(node, &hint, &at, depth + 1);
            let presence = if required.contains(&wire) {
                Presence::Required
            } else {
                Presence::Optional
            };
            fields.push(conv.field(name, presence));
        }
        fields
    }

    /// `allOf`: parts that only annotate merge into the field; one remaining part is the type
    /// (a `$ref` stays a named type); several must all be objects and merge into one.
    fn all_of(
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
        match (own, meaningful.len()) {
            (None, 0) => return Type::Any,
            (None, 1) => {
                let (node, part_at) = meaningful.pop().expect("one part");
                let inner = self.schema(node, hint, &part_at, depth + 1);
                return conv.absorb(inner);
            }
            _ => {}
        }
        let mut merged = Merged::default();
        if let Some(properties) = own {
            merged.add(properties, view.required, &at.key("properties"));
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
                let at = Pointer::root().key("components").key("schemas").key(key);
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

    /// `oneOf`/`anyOf` as an untagged union when the variants differ in their JSON kind, else
    /// any JSON value (with a warning).
    fn union(
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
        if let [only] = variants {
            let inner = self.schema(Node::of(only), hint, &variants_at.index(0), depth + 1);
            return conv.absorb(inner);
        }
        let kinds: Vec<Option<Kind>> = variants
            .iter()
            .map(|v| self.kind_of(Node::of(v), 0))
            .collect();
        if let Some(why) = unsound(&kinds) {
            self.warn(
                at,
                format!("`{keyword}` cannot be told apart by JSON kind ({why}); it is generated as `serde_json::Value`"),
            );
            return Type::Any;
        }
        let mut types = Vec::with_capacity(variants.len());
        for (i, (variant, kind)) in variants.iter().zip(kinds).enumerate() {
            let kind = kind.expect("a sound union has a kind for every variant");
            let hint = format!("{hint}{}", kind.word());
            let variant_at = variants_at.index(i);
            types.push(
                self.schema(Node::of(variant), &hint, &variant_at, depth + 1)
                    .ty,
            );
        }
        Type::Union {
            name: hint.to_owned(),
            variants: types,
        }
    }

    /// The JSON kind a schema's values have, following references and `allOf`.
    fn kind_of(&self, node: Node<'d>, hops: usize) -> Option<Kind> {
        let schema = match node {
            Node::Inline(schema) => schema,
            Node::Ref(reference) => {
                let (key, _) = lookup::<Schema>(self.components(), reference)?;
                self.schema_target(key)?.1
            }
        };
        let view = View::of(schema);
        if let Some(kind) = view.kind() {
            return Some(kind);
        }
        if hops >= MAX_DEPTH || !view.one_of.is_empty() || !view.any_of.is_empty() {
            return None;
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

fn members<'d>(properties: &'d Properties, at: &Pointer) -> Vec<(&'d str, Node<'d>, Pointer)> {
    properties
        .iter()
        .map(|(wire, schema)| (wire.as_str(), Node::of_boxed(schema), at.key(wire)))
        .collect()
}

/// Why variants of these kinds cannot be told apart, if they cannot.
fn unsound(kinds: &[Option<Kind>]) -> Option<String> {
    for (i, kind) in kinds.iter().enumerate() {
        let Some(kind) = kind else {
            return Some(format!("variant {i} has no single JSON kind"));
        };
        if let Some(j) = kinds[..i].iter().position(|k| *k == Some(*kind)) {
            return Some(format!("variants {j} and {i} are both {}s", kind.noun()));
        }
    }
    None
}

/// The type-name part for a member (`r#type` -> `Type`, `start_time_before` -> `StartTimeBefore`):
/// from its distinct Rust name, so inline types of two members never share a name.
pub(super) fn member_camel(name: &Name) -> String {
    names::camel(name.rust.trim_start_matches("r#"))
}

/// Enum values with distinct Rust names. `names::make_unique` would add `_2`, which is not
/// camel case, so a repeated name gets a number appended instead (`InProgress2`).
fn enum_values(wires: Vec<String>) -> Vec<Name> {
    let mut taken = HashSet::new();
    wires
        .into_iter()
        .map(|wire| {
            let base = names::camel(&wire);
            let mut rust = base.clone();
            let mut n = 2;
            while !taken.insert(rust.clone()) {
                rust = format!("{base}{n}");
                n += 1;
            }
            Name { wire, rust }
        })
        .collect()
}

/// Non-string enums are the plain type plus the allowed values as a fact.
fn allowed_values(view: &View, conv: &mut Conv) {
    let mut values = Vec::new();
    for value in &view.enumeration {
        match value {
            Value::Null => conv.nullable = true,
            other => values.push(other.to_string()),
        }
    }
    if !values.is_empty() {
        conv.facts.push(Fact {
            kind: FactKind::AllowedValues(values),
            origin: Origin::Schema,
        });
    }
}

/// The schema keywords the IR keeps as facts.
fn facts(view: &View) -> Vec<Fact> {
    let mut kinds = Vec::new();
    if let Some(default) = &view.data.default {
        kinds.push(FactKind::Default(match default {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        }));
    }
    kinds.extend(view.minimum.clone().map(FactKind::Minimum));
    kinds.extend(view.maximum.clone().map(FactKind::Maximum));
    kinds.extend(view.min_length.map(|n| FactKind::MinLength(n as u64)));
    kinds.extend(view.max_length.map(|n| FactKind::MaxLength(n as u64)));
    kinds.extend(view.pattern.map(|p| FactKind::Pattern(p.to_owned())));
    kinds
        .into_iter()
        .map(|kind| Fact {
            kind,
            origin: Origin::Schema,
        })
        .collect()
}

pub(super) fn trimmed(text: Option<&str>) -> String {
    text.map(str::trim).unwrap_or_default().to_owned()
}

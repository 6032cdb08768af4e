//! Schemas to IR types. A `$ref` to a component schema is a named type (`named` converts it
//! once); inline schemas are converted where they stand and named after their owner
//! (`CreateRoomRequestType`); compositions are `compose`'s.

use std::collections::HashSet;

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind};
use serde_json::Value;

use super::context::Ctx;
use super::pointer::Pointer;
use super::refs::lookup;
use super::view::{Node, Properties, View};
use crate::frontend::type_expr;
use crate::ir::{Fact, FactKind, Field, Name, NamedInteger, Origin, Presence, Type};
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
            access: Default::default(),
        }
    }

    /// Takes what `inner` says about the field where this schema only annotates it.
    pub fn absorb(&mut self, inner: Conv) -> Type {
        self.nullable |= inner.nullable;
        if self.description.is_empty() {
            self.description = inner.description;
        }
        self.facts.extend(inner.facts);
        inner.ty
    }
}

impl<'d> Ctx<'d> {
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
        } else if composed && (view.word().is_none() || view.only_says_object()) {
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
            "integer" if named_integers(view).is_some() => {
                self.check_format(word, view.format, at);
                if view.enumeration.iter().any(Value::is_null) {
                    conv.nullable = true;
                }
                Type::IntegerEnum {
                    name: hint.to_owned(),
                    format,
                    values: named_integers(view).expect("checked"),
                }
            }
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
                if let Some(tuple) = self.tuple(view, hint, at, depth) {
                    return tuple;
                }
                let items = match view.items {
                    Some(items) => {
                        let hint = format!("{hint}Item");
                        let items =
                            self.schema(Node::of_boxed(items), &hint, &at.key("items"), depth + 1);
                        let constraints: Vec<Fact> = items
                            .facts
                            .into_iter()
                            .filter(|f| {
                                !matches!(f.kind, FactKind::Example(_) | FactKind::Default(_))
                            })
                            .collect();
                        if !constraints.is_empty() {
                            conv.facts.push(Fact {
                                kind: FactKind::Items(constraints),
                                origin: Origin::Schema,
                            });
                        }
                        items.ty
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

    /// An array with `x-prefix-items: N` (the 3.1 normaliser's `prefixItems`) whose `items`
    /// is a `oneOf` of N schemas, or N and the rest's: a tuple of them.
    fn tuple(&mut self, view: &View<'d>, hint: &str, at: &Pointer, depth: usize) -> Option<Type> {
        let count = view.data.extensions.get("x-prefix-items")?.as_u64()? as usize;
        let Some(ReferenceOr::Item(items)) = view.items else {
            return None;
        };
        let SchemaKind::OneOf { one_of } = &items.schema_kind else {
            return None;
        };
        if count == 0 || !(count..=count + 1).contains(&one_of.len()) {
            return None;
        }
        let convert = |this: &mut Self, i: usize| {
            let (hint, at) = match i < count {
                true => (format!("{hint}Item{i}"), at.key("prefixItems").index(i)),
                false => (format!("{hint}Rest"), at.key("items")),
            };
            this.schema(Node::of(&one_of[i]), &hint, &at, depth + 1).ty
        };
        let items = (0..count).map(|i| convert(self, i)).collect();
        let rest = (one_of.len() > count).then(|| Box::new(convert(self, count)));
        Some(Type::Tuple { items, rest })
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
            let required: Vec<&str> = view.required.iter().map(String::as_str).collect();
            for name in required.iter().filter(|r| !properties.contains_key(**r)) {
                self.warn(
                    &at.key("required"),
                    format!(
                        "`required` names `{name}`, which the object's `properties` do not \
                         define; the generated type has no such member"
                    ),
                );
            }
            let members = members(properties, &at.key("properties"));
            let mut fields = self.fields(hint, members, &required, depth);
            self.dependent_required(view, &mut fields);
            // Members beyond the listed ones are kept when the document allows them and says
            // what they are (`additionalProperties: true` alone is JSON Schema's default, which
            // nearly every document leaves unstated: not a promise worth a field).
            let additional = match view.additional {
                Some(AdditionalProperties::Schema(values)) => {
                    let hint = format!("{hint}Value");
                    let at = at.key("additionalProperties");
                    Some(Box::new(
                        self.schema(Node::of(values), &hint, &at, depth + 1).ty,
                    ))
                }
                Some(AdditionalProperties::Any(_)) | None => None,
            };
            return Type::Object {
                name: hint.to_owned(),
                fields,
                additional,
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

    /// `x-dependent-required` (3.1's `dependentRequired`): `{member: [others]}`, a fact of
    /// `member`; an entry that names a member the object does not define is not kept (the 3.1
    /// normaliser warns about it).
    fn dependent_required(&mut self, view: &View<'d>, fields: &mut [Field]) {
        let Some(dependent) = view
            .data
            .extensions
            .get("x-dependent-required")
            .and_then(Value::as_object)
        else {
            return;
        };
        for (member, others) in dependent {
            let others: Vec<String> = others
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            let defined = |name: &String| fields.iter().any(|f| f.name.wire == *name);
            if others.is_empty() || !others.iter().all(defined) {
                continue;
            }
            if let Some(field) = fields.iter_mut().find(|f| f.name.wire == *member) {
                field.facts.push(Fact {
                    kind: FactKind::Requires(others),
                    origin: Origin::Schema,
                });
            }
        }
    }

    /// The fields of an object, in document order, with distinct Rust names; inline types in
    /// them are named `{owner}{Field}`.
    pub fn fields(
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
        names::make_unique(&mut names);
        let mut fields = Vec::with_capacity(members.len());
        for ((wire, node, at), name) in members.into_iter().zip(names) {
            let hint = format!("{owner}{}", names::member_camel(&name));
            let access = self.access(node);
            let conv = self.schema(node, &hint, &at, depth + 1);
            let presence = Presence::required_if(required.contains(&wire));
            fields.push(Field {
                access,
                ..conv.field(name, presence)
            });
        }
        fields
    }
}

fn members<'d>(properties: &'d Properties, at: &Pointer) -> Vec<(&'d str, Node<'d>, Pointer)> {
    properties
        .iter()
        .map(|(wire, schema)| (wire.as_str(), Node::of_boxed(schema), at.key(wire)))
        .collect()
}

/// The type-name part for a member (`r#type` -> `Type`, `start_time_before` -> `StartTimeBefore`):
/// from its distinct Rust name, so inline types of two members never share a name.
/// Enum values with distinct Rust names. `names::make_unique` would add `_2`, which is not
/// camel case, so a repeated name gets a number appended instead (`InProgress2`).
pub(super) fn enum_values(wires: Vec<String>) -> Vec<Name> {
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

/// An integer `enum` whose values `x-enum-varnames` names, one name each (and
/// `x-enum-descriptions` describes, when given): each value with its name, in documented
/// order, a repeated value once.
fn named_integers(view: &View) -> Option<Vec<NamedInteger>> {
    let texts = |key: &str| -> Option<Vec<&str>> {
        let list = view.data.extensions.get(key)?.as_array()?;
        list.iter().map(Value::as_str).collect()
    };
    let names = texts("x-enum-varnames")?;
    let values: Vec<i64> = view
        .enumeration
        .iter()
        .filter(|v| !v.is_null())
        .map(Value::as_i64)
        .collect::<Option<_>>()?;
    if values.is_empty() || names.len() != values.len() {
        return None;
    }
    let descriptions = texts("x-enum-descriptions").filter(|d| d.len() == values.len());
    let mut seen = HashSet::new();
    let mut kept: Vec<(i64, String, String)> = Vec::new();
    for (i, (value, name)) in values.into_iter().zip(names).enumerate() {
        if seen.insert(value) {
            let description = descriptions.as_ref().map_or("", |d| d[i]).trim().to_owned();
            kept.push((value, name.to_owned(), description));
        }
    }
    let rust = enum_values(kept.iter().map(|(_, name, _)| name.clone()).collect());
    Some(
        kept.into_iter()
            .zip(rust)
            .map(|((value, _, description), name)| NamedInteger {
                value,
                name,
                description,
            })
            .collect(),
    )
}

/// Non-string enums are the plain type plus the allowed values as a fact.
fn allowed_values(view: &View, conv: &mut Conv) {
    if view.enumeration.iter().any(Value::is_null) {
        conv.nullable = true;
    }
    conv.facts.extend(allowed_fact(view));
}

/// The values a non-string enum allows (`null` aside), as a fact.
pub(super) fn allowed_fact(view: &View) -> Option<Fact> {
    let values: Vec<String> = view
        .enumeration
        .iter()
        .filter(|v| !v.is_null())
        .map(Value::to_string)
        .collect();
    (!values.is_empty()).then_some(Fact {
        kind: FactKind::AllowedValues(values),
        origin: Origin::Schema,
    })
}

/// The schema keywords the IR keeps as facts.
pub(super) fn facts(view: &View) -> Vec<Fact> {
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
    // An array's (OpenAI's `minItems` on a string item says nothing).
    if view.typ == Some("array") {
        kinds.extend(view.min_items.map(|n| FactKind::MinItems(n as u64)));
        kinds.extend(view.max_items.map(|n| FactKind::MaxItems(n as u64)));
        kinds.extend(view.unique_items.then_some(FactKind::UniqueItems));
    }
    kinds.extend(
        view.data
            .example
            .as_ref()
            .filter(|e| is_small_example(e))
            .cloned()
            .map(FactKind::Example),
    );
    kinds
        .into_iter()
        .map(|kind| Fact {
            kind,
            origin: Origin::Schema,
        })
        .collect()
}

/// A scalar or an array of scalars: what the IR keeps of a schema's `example` (an object's
/// example, GitHub's whole repositories, would be copied onto every field that refers to it).
fn is_small_example(example: &Value) -> bool {
    let scalar = |v: &Value| !matches!(v, Value::Array(_) | Value::Object(_));
    match example {
        Value::Array(items) => items.len() <= 8 && items.iter().all(scalar),
        Value::Object(_) => false,
        _ => true,
    }
}

pub(super) fn trimmed(text: Option<&str>) -> String {
    text.map(str::trim).unwrap_or_default().to_owned()
}

//! IR types to OpenAPI 3.0 schemas: named types as `components/schemas` entries referred to by
//! `$ref`, inline types where they stand (so that the OpenAPI frontend names them again from
//! their place), a field's `nullable`, description, facts and access on its schema.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, Discriminator as OaDiscriminator, ReferenceOr, Schema,
    SchemaData, SchemaKind,
};
use serde_json::Value;

use super::keys::Keys;
use super::keywords::Keywords;
use crate::diag::Diagnostic;
use crate::ir::{Access, Api, Fact, FactKind, Field, NamedInteger, NamedType, Origin, Type};

/// The API's named types by Rust name, with the component key each is written under.
pub(super) struct Schemas<'a> {
    named: BTreeMap<&'a str, Component<'a>>,
    /// `Type::Named` references to types the API does not have (an IR that is not whole).
    pub errors: Vec<Diagnostic>,
}

/// What a schema says about the value that holds it, besides its type.
#[derive(Default)]
pub(super) struct Attrs<'a> {
    pub nullable: bool,
    pub description: &'a str,
    pub facts: &'a [Fact],
    pub access: Access,
}

impl<'a> Attrs<'a> {
    /// A field's, its description left out when the parameter or header that holds it carries
    /// it instead.
    pub fn of(field: &'a Field, with_description: bool) -> Self {
        Attrs {
            nullable: field.nullable,
            description: if with_description {
                &field.description
            } else {
                ""
            },
            facts: &field.facts,
            access: field.access,
        }
    }

    /// The facts a schema keyword states (facts mined from prose stay in the description).
    fn stated(&self) -> impl Iterator<Item = &'a FactKind> {
        self.facts
            .iter()
            .filter(|f| f.origin == Origin::Schema)
            .map(|f| &f.kind)
    }
}

/// A named type as a component.
struct Component<'a> {
    named: &'a NamedType,
    key: String,
    /// The facts every field of this type states alike (a schema's own bounds, which the
    /// frontend copies onto each field that refers to it): written on the component, so that a
    /// plain `$ref` says them (and an integer bound stays an integer, which it would not beside
    /// `allOf`).
    facts: Vec<Fact>,
}

impl<'a> Schemas<'a> {
    pub fn new(api: &'a Api) -> Self {
        let mut keys = Keys::default();
        let mut named: BTreeMap<&str, Component> = api
            .types
            .iter()
            .map(|t| {
                let component = Component {
                    named: t,
                    key: keys.claim(&t.name.wire),
                    facts: Vec::new(),
                };
                (t.name.rust.as_str(), component)
            })
            .collect();
        let mut stated: BTreeMap<&str, Option<Vec<Fact>>> = BTreeMap::new();
        for field in fields_of(api) {
            let Type::Named { name } = &field.ty else {
                continue;
            };
            let facts: Vec<Fact> = field
                .facts
                .iter()
                .filter(|f| f.origin == Origin::Schema)
                .cloned()
                .collect();
            // Fewer values than an integer enum's own narrow it at the field (`enum` beside
            // `allOf`): on the component they would be its values.
            let own = match named.get(name.as_str()).map(|c| &c.named.ty) {
                Some(Type::IntegerEnum { values, .. }) => Some(
                    values
                        .iter()
                        .map(|v| v.value.to_string())
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            };
            let narrows = facts.iter().any(|f| match &f.kind {
                FactKind::AllowedValues(values) => own.as_ref().is_some_and(|own| own != values),
                _ => false,
            });
            stated
                .entry(name)
                .and_modify(|common| {
                    if common.as_ref() != Some(&facts) {
                        *common = None;
                    }
                })
                .or_insert((!narrows).then_some(facts));
        }
        for (name, facts) in stated {
            if let (Some(component), Some(facts)) = (named.get_mut(name), facts) {
                component.facts = facts;
            }
        }
        Schemas {
            named,
            errors: Vec::new(),
        }
    }

    /// `components/schemas`: every named type under its key, in the IR's order (by Rust name,
    /// so that names the frontend numbers on a collision come out the same).
    pub fn components(&mut self, api: &'a Api) -> IndexMap<String, ReferenceOr<Schema>> {
        let mut out = IndexMap::new();
        for named in &api.types {
            let component = &self.named[named.name.rust.as_str()];
            let (key, facts) = (component.key.clone(), component.facts.clone());
            let attrs = Attrs {
                description: &named.description,
                facts: &facts,
                ..Attrs::default()
            };
            out.insert(key, self.schema(&named.ty, &attrs));
        }
        out
    }

    /// The schema of a value of type `ty` with what `attrs` say about it. A named type is a
    /// `$ref` when the named type's own schema says all of it, else `allOf: [$ref]` beside
    /// what it does not say (3.0 ignores a `$ref`'s siblings).
    pub fn schema(&mut self, ty: &Type, attrs: &Attrs) -> ReferenceOr<Schema> {
        if let Type::Named { name } = ty {
            let reference = self.reference(name);
            let Some(component) = self.named.get(name.as_str()) else {
                return reference;
            };
            let said = !component.facts.is_empty();
            let plain = !attrs.nullable
                && attrs.access == Access::ReadWrite
                && component.named.description == attrs.description
                && (said || attrs.stated().next().is_none());
            if plain {
                return reference;
            }
            let mut keywords = Keywords {
                all_of: vec![reference],
                ..Keywords::default()
            };
            // The frontend adds the component's facts to the wrapper's.
            let attrs = Attrs {
                facts: if said { &[] } else { attrs.facts },
                ..*attrs
            };
            return ReferenceOr::Item(self.finish(&mut keywords, ty, &attrs));
        }
        let mut keywords = self.keywords(ty);
        // What constrains each item, on the items schema (a named type's through `allOf` where
        // its component does not say them).
        if let Type::Array { items } = ty
            && let Some(facts) = attrs.facts.iter().find_map(|f| match &f.kind {
                FactKind::Items(facts) if f.origin == Origin::Schema => Some(facts),
                _ => None,
            })
        {
            let attrs = Attrs {
                facts,
                ..Attrs::default()
            };
            keywords.items = Some(boxed(self.schema(items, &attrs)));
        }
        ReferenceOr::Item(self.finish(&mut keywords, ty, attrs))
    }

    /// A type where nothing more is said about it (array items, map values, union variants,
    /// body roots).
    pub fn bare(&mut self, ty: &Type) -> ReferenceOr<Schema> {
        match ty {
            Type::Named { name } => self.reference(name),
            ty => self.schema(ty, &Attrs::default()),
        }
    }

    fn reference(&mut self, rust: &str) -> ReferenceOr<Schema> {
        match self.named.get(rust) {
            Some(component) => {
                ReferenceOr::ref_(&format!("#/components/schemas/{}", component.key))
            }
            None => {
                self.errors.push(Diagnostic::error(
                    "<ir>",
                    None,
                    format!(
                        "the type `{rust}` is referred to but is not among the API's named types"
                    ),
                ));
                ReferenceOr::Item(Schema {
                    schema_data: SchemaData::default(),
                    schema_kind: SchemaKind::Any(AnySchema::default()),
                })
            }
        }
    }

    /// Are values of `ty` strings (a named type's, through a chain of aliases)?
    fn is_textual(&self, ty: &Type) -> bool {
        let mut ty = ty;
        for _ in 0..self.named.len() + 1 {
            match ty {
                Type::String { .. } | Type::Enum { .. } => return true,
                Type::Named { name } => match self.named.get(name.as_str()) {
                    Some(component) => ty = &component.named.ty,
                    None => return false,
                },
                _ => return false,
            }
        }
        false
    }

    /// The keywords of the type alone.
    fn keywords(&mut self, ty: &Type) -> Keywords {
        let typed = |typ: &'static str, format: &Option<String>| Keywords {
            typ: Some(typ),
            format: format.clone(),
            ..Keywords::default()
        };
        match ty {
            Type::String { format } => typed("string", format),
            Type::Integer { format } => typed("integer", format),
            Type::Number { format } => typed("number", format),
            Type::Boolean => typed("boolean", &None),
            Type::Array { items } => Keywords {
                items: Some(boxed(self.bare(items))),
                ..typed("array", &None)
            },
            // As the 3.1 normaliser writes `prefixItems` (`frontend::openapi::v31`): items of
            // any of the positions' types, then the rest's, and how many are positions.
            Type::Tuple { items, rest } => {
                let one_of = items
                    .iter()
                    .chain(rest.as_deref())
                    .map(|item| self.bare(item))
                    .collect();
                let mut extensions = IndexMap::new();
                extensions.insert("x-prefix-items".to_owned(), Value::from(items.len()));
                Keywords {
                    items: Some(ReferenceOr::Item(Box::new(Schema {
                        schema_data: SchemaData::default(),
                        schema_kind: SchemaKind::OneOf { one_of },
                    }))),
                    extensions,
                    ..typed("array", &None)
                }
            }
            Type::Map { values, format } => Keywords {
                additional: match values.as_ref() {
                    Type::Any => None,
                    values => Some(AdditionalProperties::Schema(Box::new(self.bare(values)))),
                },
                ..typed("object", format)
            },
            Type::Object {
                fields, additional, ..
            } => {
                let mut keywords = typed("object", &None);
                for field in fields {
                    let schema = self.schema(&field.ty, &Attrs::of(field, true));
                    keywords
                        .properties
                        .insert(field.name.wire.clone(), boxed(schema));
                    if field.required == crate::ir::Presence::Required {
                        keywords.required.push(field.name.wire.clone());
                    }
                }
                keywords.additional = additional
                    .as_deref()
                    .map(|values| AdditionalProperties::Schema(Box::new(self.bare(values))));
                let dependent: serde_json::Map<String, Value> = fields
                    .iter()
                    .flat_map(|f| f.facts.iter().map(move |fact| (f, fact)))
                    .filter_map(|(field, fact)| match &fact.kind {
                        FactKind::Requires(others) if fact.origin == Origin::Schema => {
                            Some((field.name.wire.clone(), Value::from(others.clone())))
                        }
                        _ => None,
                    })
                    .collect();
                if !dependent.is_empty() {
                    keywords
                        .extensions
                        .insert("x-dependent-required".to_owned(), Value::Object(dependent));
                }
                keywords
            }
            Type::Any => Keywords::default(),
            Type::Enum { values, .. } => Keywords {
                enumeration: values
                    .iter()
                    .map(|v| Value::String(v.wire.clone()))
                    .collect(),
                ..typed("string", &None)
            },
            Type::IntegerEnum { format, values, .. } => {
                let texts = |text: fn(&NamedInteger) -> &str| {
                    Value::Array(values.iter().map(|v| Value::from(text(v))).collect())
                };
                let mut extensions = IndexMap::new();
                extensions.insert("x-enum-varnames".to_owned(), texts(|v| &v.name.wire));
                if values.iter().any(|v| !v.description.is_empty()) {
                    extensions.insert("x-enum-descriptions".to_owned(), texts(|v| &v.description));
                }
                Keywords {
                    enumeration: values.iter().map(|v| Value::from(v.value)).collect(),
                    extensions,
                    ..typed("integer", format)
                }
            }
            Type::Union {
                variants,
                discriminator,
                ..
            } => {
                let one_of: Vec<ReferenceOr<Schema>> =
                    variants.iter().map(|v| self.bare(v)).collect();
                let discriminator = discriminator.as_ref().map(|d| OaDiscriminator {
                    property_name: d.property.clone(),
                    // Only a variant that is a named type can be mapped; an inline one is
                    // found again by the one value its schema allows for the member.
                    mapping: d
                        .values
                        .iter()
                        .filter_map(|(value, index)| match &one_of.get(*index)? {
                            ReferenceOr::Reference { reference } => {
                                Some((value.clone(), reference.clone()))
                            }
                            ReferenceOr::Item(_) => None,
                        })
                        .collect(),
                    extensions: IndexMap::new(),
                });
                Keywords {
                    one_of,
                    discriminator,
                    ..Keywords::default()
                }
            }
            Type::Named { .. } => unreachable!("named types are references"),
        }
    }

    /// The schema of `keywords` with what `attrs` say: the stated facts as keywords,
    /// `nullable` (with `null` among an enumeration's values), the description and access.
    fn finish(&self, keywords: &mut Keywords, ty: &Type, attrs: &Attrs) -> Schema {
        let mut data = SchemaData {
            nullable: attrs.nullable,
            read_only: attrs.access == Access::ReadOnly,
            write_only: attrs.access == Access::WriteOnly,
            description: Some(attrs.description.to_owned()).filter(|d| !d.is_empty()),
            discriminator: keywords.discriminator.take(),
            extensions: std::mem::take(&mut keywords.extensions),
            ..SchemaData::default()
        };
        let textual = self.is_textual(ty);
        for fact in attrs.stated() {
            match fact {
                FactKind::Default(text) => data.default = Some(default_value(text, textual)),
                FactKind::Example(value) => data.example = Some(value.clone()),
                FactKind::Minimum(n) => keywords.minimum = Some(n.clone()),
                FactKind::Maximum(n) => keywords.maximum = Some(n.clone()),
                FactKind::MinLength(n) => keywords.min_length = Some(*n as usize),
                FactKind::MaxLength(n) => keywords.max_length = Some(*n as usize),
                FactKind::Pattern(p) => keywords.pattern = Some(p.clone()),
                // The frontend reads `enum` on a string as an enum type, not a fact: only
                // numbers' and booleans' allowed values are written, and those beside the
                // `allOf` of a named type they narrow.
                FactKind::AllowedValues(values)
                    if matches!(keywords.typ, Some("integer" | "number" | "boolean"))
                        || !keywords.all_of.is_empty() =>
                {
                    keywords.enumeration = values.iter().map(|v| default_value(v, false)).collect();
                }
                FactKind::AllowedValues(_) => {}
                FactKind::MinItems(n) => keywords.min_items = Some(*n as usize),
                FactKind::MaxItems(n) => keywords.max_items = Some(*n as usize),
                FactKind::UniqueItems => keywords.unique_items = true,
                // The object's keyword (`Type::Object`'s keywords write it), and the items
                // schema's (`schema` writes it).
                FactKind::Requires(_) | FactKind::Items(_) => {}
            }
        }
        if attrs.nullable && !keywords.enumeration.is_empty() {
            keywords.enumeration.push(Value::Null);
        }
        Schema {
            schema_data: data,
            schema_kind: std::mem::take(keywords).kind(),
        }
    }
}

/// A default or allowed value as the IR keeps it (the text of a string, else JSON text) back
/// to its JSON value: text of a string type stays a string, and so does text whose JSON would
/// not print back the same (`[1, 2]`).
fn default_value(text: &str, textual: bool) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(value) if !textual && !value.is_string() => {
            let printed = value.to_string();
            if printed == text {
                value
            } else {
                Value::String(text.to_owned())
            }
        }
        _ => Value::String(text.to_owned()),
    }
}

/// Every field of the API: parameters, headers and the members of every object, at any depth.
fn fields_of(api: &Api) -> Vec<&Field> {
    fn nested<'a>(ty: &'a Type, out: &mut Vec<&'a Field>) {
        match ty {
            Type::Object {
                fields, additional, ..
            } => {
                for field in fields {
                    out.push(field);
                    nested(&field.ty, out);
                }
                additional.iter().for_each(|a| nested(a, out));
            }
            Type::Array { items: inner } | Type::Map { values: inner, .. } => nested(inner, out),
            Type::Union { variants, .. } => variants.iter().for_each(|v| nested(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for op in &api.operations {
        for param in &op.params {
            out.push(&param.field);
            nested(&param.field.ty, &mut out);
        }
        if let Some(body) = &op.body {
            nested(&body.ty, &mut out);
        }
        for response in &op.responses {
            for header in &response.headers {
                out.push(header);
                nested(&header.ty, &mut out);
            }
            for body in response.body.iter().chain(&response.events) {
                nested(&body.ty, &mut out);
            }
        }
    }
    for named in &api.types {
        nested(&named.ty, &mut out);
    }
    out
}

fn boxed(schema: ReferenceOr<Schema>) -> ReferenceOr<Box<Schema>> {
    match schema {
        ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema)),
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
    }
}

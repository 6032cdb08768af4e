//! One schema's keywords, flat, written as the typed `openapiv3` schema they fit (`minimum: 50`
//! on an integer, not `50.0`; `openapiv3` reads a typed schema back the same way), else as its
//! catch-all.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, Discriminator as OaDiscriminator,
    IntegerType, NumberType, ObjectType, ReferenceOr, Schema, SchemaKind, StringType,
    Type as OaType,
};
use serde_json::{Number, Value};

/// The keywords of one schema, flat, bounds as JSON numbers: written as the typed `openapiv3`
/// schema they fit (`minimum: 50` on an integer, not `50.0`), else as its catch-all.
#[derive(Default)]
pub(super) struct Keywords {
    pub typ: Option<&'static str>,
    pub format: Option<String>,
    pub enumeration: Vec<Value>,
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<String>,
    pub properties: IndexMap<String, ReferenceOr<Box<Schema>>>,
    pub required: Vec<String>,
    pub additional: Option<AdditionalProperties>,
    pub items: Option<ReferenceOr<Box<Schema>>>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    pub one_of: Vec<ReferenceOr<Schema>>,
    pub all_of: Vec<ReferenceOr<Schema>>,
    pub discriminator: Option<OaDiscriminator>,
    /// `x-` keys: the names of an integer enum's values (`x-enum-varnames`), an object's
    /// `x-dependent-required`.
    pub extensions: IndexMap<String, Value>,
}

impl Keywords {
    pub fn kind(self) -> SchemaKind {
        let textual =
            self.pattern.is_some() || self.min_length.is_some() || self.max_length.is_some();
        let bounded = self.minimum.is_some() || self.maximum.is_some();
        let object = !self.properties.is_empty() || self.additional.is_some();
        let composed = !self.one_of.is_empty() || !self.all_of.is_empty();
        let plain = !composed && !object && self.items.is_none();
        let all =
            |test: fn(&Value) -> bool| self.enumeration.iter().all(|v| v.is_null() || test(v));
        let typed = match self.typ {
            Some("string") if plain && !bounded && all(Value::is_string) => {
                Some(OaType::String(StringType {
                    format: self.format.clone().into(),
                    pattern: self.pattern.clone(),
                    enumeration: self
                        .enumeration
                        .iter()
                        .map(|v| v.as_str().map(str::to_owned))
                        .collect(),
                    min_length: self.min_length,
                    max_length: self.max_length,
                }))
            }
            Some("integer")
                if plain
                    && !textual
                    && all(Value::is_i64)
                    && [&self.minimum, &self.maximum]
                        .iter()
                        .all(|n| n.as_ref().is_none_or(Number::is_i64)) =>
            {
                Some(OaType::Integer(IntegerType {
                    format: self.format.clone().into(),
                    minimum: self.minimum.as_ref().and_then(Number::as_i64),
                    maximum: self.maximum.as_ref().and_then(Number::as_i64),
                    enumeration: self.enumeration.iter().map(Value::as_i64).collect(),
                    ..IntegerType::default()
                }))
            }
            Some("number") if plain && !textual && all(Value::is_number) => {
                Some(OaType::Number(NumberType {
                    format: self.format.clone().into(),
                    minimum: self.minimum.as_ref().and_then(Number::as_f64),
                    maximum: self.maximum.as_ref().and_then(Number::as_f64),
                    enumeration: self.enumeration.iter().map(Value::as_f64).collect(),
                    ..NumberType::default()
                }))
            }
            Some("boolean")
                if plain
                    && !textual
                    && !bounded
                    && self.format.is_none()
                    && all(Value::is_boolean) =>
            {
                Some(OaType::Boolean(BooleanType {
                    enumeration: self.enumeration.iter().map(Value::as_bool).collect(),
                }))
            }
            Some("object")
                if !composed
                    && !textual
                    && !bounded
                    && self.format.is_none()
                    && self.items.is_none()
                    && self.enumeration.is_empty() =>
            {
                Some(OaType::Object(ObjectType {
                    properties: self.properties.clone(),
                    required: self.required.clone(),
                    additional_properties: self.additional.clone(),
                    ..ObjectType::default()
                }))
            }
            Some("array")
                if !composed
                    && !object
                    && !textual
                    && !bounded
                    && self.format.is_none()
                    && self.enumeration.is_empty() =>
            {
                Some(OaType::Array(ArrayType {
                    items: self.items.clone(),
                    min_items: self.min_items,
                    max_items: self.max_items,
                    unique_items: self.unique_items,
                }))
            }
            _ => None,
        };
        if let Some(typed) = typed {
            return SchemaKind::Type(typed);
        }
        let alone = self.typ.is_none()
            && plain_of_all_but_composition(&self)
            && (self.one_of.is_empty() != self.all_of.is_empty());
        if alone && !self.one_of.is_empty() {
            return SchemaKind::OneOf {
                one_of: self.one_of,
            };
        }
        if alone {
            return SchemaKind::AllOf {
                all_of: self.all_of,
            };
        }
        SchemaKind::Any(AnySchema {
            typ: self.typ.map(str::to_owned),
            format: self.format,
            pattern: self.pattern,
            enumeration: self.enumeration,
            minimum: self.minimum.as_ref().and_then(Number::as_f64),
            maximum: self.maximum.as_ref().and_then(Number::as_f64),
            min_length: self.min_length,
            max_length: self.max_length,
            properties: self.properties,
            required: self.required,
            additional_properties: self.additional,
            items: self.items,
            min_items: self.min_items,
            max_items: self.max_items,
            unique_items: self.unique_items.then_some(true),
            one_of: self.one_of,
            all_of: self.all_of,
            ..AnySchema::default()
        })
    }
}

/// No keyword besides `oneOf`/`allOf`.
fn plain_of_all_but_composition(k: &Keywords) -> bool {
    k.format.is_none()
        && k.enumeration.is_empty()
        && k.minimum.is_none()
        && k.maximum.is_none()
        && k.min_length.is_none()
        && k.max_length.is_none()
        && k.pattern.is_none()
        && k.min_items.is_none()
        && k.max_items.is_none()
        && !k.unique_items
        && k.properties.is_empty()
        && k.required.is_empty()
        && k.additional.is_none()
        && k.items.is_none()
}

//! One flat view of a schema. `openapiv3` spreads the keywords over typed variants and a
//! catch-all (`AnySchema`, used as soon as keywords mix, e.g. `type: object` with
//! `format: uri-map`); the converter reads them from one place instead.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData,
    SchemaKind, StringFormat, Type as OaType, VariantOrUnknownOrEmpty,
};
use serde_json::{Number, Value};

pub(super) type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// A schema position: a reference or an inline schema, whichever box it came in.
#[derive(Debug, Clone, Copy)]
pub(super) enum Node<'d> {
    Ref(&'d str),
    Inline(&'d Schema),
}

impl<'d> Node<'d> {
    pub fn of(schema: &'d ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Node::Ref(reference),
            ReferenceOr::Item(schema) => Node::Inline(schema),
        }
    }

    pub fn of_boxed(schema: &'d ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Node::Ref(reference),
            ReferenceOr::Item(schema) => Node::Inline(schema),
        }
    }
}

/// The JSON kind of a value, which is what an untagged union can tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Object,
    Array,
    String,
    Number,
    Boolean,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Object => "Object",
            Kind::Array => "Array",
            Kind::String => "String",
            Kind::Number => "Number",
            Kind::Boolean => "Boolean",
        }
    }
}

pub(super) struct View<'d> {
    pub data: &'d SchemaData,
    pub typ: Option<&'d str>,
    pub format: Option<&'d str>,
    /// `null` included when the document lists it.
    pub enumeration: Vec<Value>,
    pub pattern: Option<&'d str>,
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub properties: Option<&'d Properties>,
    pub required: &'d [String],
    pub additional: Option<&'d AdditionalProperties>,
    pub items: Option<&'d ReferenceOr<Box<Schema>>>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    /// `uniqueItems: true`.
    pub unique_items: bool,
    pub all_of: &'d [ReferenceOr<Schema>],
    pub one_of: &'d [ReferenceOr<Schema>],
    pub any_of: &'d [ReferenceOr<Schema>],
    /// Keywords the IR has no place for, to warn about.
    pub dropped: Vec<&'static str>,
}

impl<'d> View<'d> {
    pub fn of(schema: &'d Schema) -> Self {
        let mut view = View {
            data: &schema.schema_data,
            typ: None,
            format: None,
            enumeration: Vec::new(),
            pattern: None,
            minimum: None,
            maximum: None,
            min_length: None,
            max_length: None,
            properties: None,
            required: &[],
            additional: None,
            items: None,
            min_items: None,
            max_items: None,
            unique_items: false,
            all_of: &[],
            one_of: &[],
            any_of: &[],
            dropped: Vec::new(),
        };
        match &schema.schema_kind {
            SchemaKind::Type(typed) => view.typed(typed),
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::Not { .. } => view.dropped.push("not"),
            SchemaKind::Any(any) => view.any(any),
        }
        view
    }

    fn typed(&mut self, typed: &'d OaType) {
        match typed {
            OaType::String(s) => {
                self.typ = Some("string");
                self.format = format_name(&s.format, string_format);
                self.pattern = s.pattern.as_deref();
                self.min_length = s.min_length;
                self.max_length = s.max_length;
                self.enumeration = s
                    .enumeration
                    .iter()
                    .map(|v| v.clone().map_or(Value::Null, Value::String))
                    .collect();
            }
            OaType::Number(n) => {
                self.typ = Some("number");
                self.format = format_name(&n.format, number_format);
                self.minimum = n.minimum.and_then(number);
                self.maximum = n.maximum.and_then(number);
                self.drop_if(n.exclusive_minimum, "exclusiveMinimum");
                self.drop_if(n.exclusive_maximum, "exclusiveMaximum");
                self.drop_if(n.multiple_of.is_some(), "multipleOf");
                self.enumeration = n
                    .enumeration
                    .iter()
                    .map(|v| v.and_then(number).map_or(Value::Null, Value::Number))
                    .collect();
            }
            OaType::Integer(n) => {
                self.typ = Some("integer");
                self.format = format_name(&n.format, integer_format);
                self.minimum = n.minimum.map(Number::from);
                self.maximum = n.maximum.map(Number::from);
                self.drop_if(n.exclusive_minimum, "exclusiveMinimum");
                self.drop_if(n.exclusive_maximum, "exclusiveMaximum");
                self.drop_if(n.multiple_of.is_some(), "multipleOf");
                self.enumeration = n
                    .enumeration
                    .iter()
                    .map(|v| v.map_or(Value::Null, |v| Value::Number(v.into())))
                    .collect();
            }
            OaType::Boolean(b) => {
                self.typ = Some("boolean");
                self.enumeration = b
                    .enumeration
                    .iter()
                    .map(|v| v.map_or(Value::Null, Value::Bool))
                    .collect();
            }
            OaType::Object(o) => {
                self.typ = Some("object");
                self.properties = Some(&o.properties);
                self.required = &o.required;
                self.additional = o.additional_properties.as_ref();
                self.drop_if(o.min_properties.is_some(), "minProperties");
                self.drop_if(o.max_properties.is_some(), "maxProperties");
            }
            OaType::Array(a) => {
                self.typ = Some("array");
                self.items = a.items.as_ref();
                self.min_items = a.min_items;
                self.max_items = a.max_items;
                self.unique_items = a.unique_items;
            }
        }
    }

    fn any(&mut self, any: &'d AnySchema) {
        self.typ = any.typ.as_deref();
        self.format = any.format.as_deref();
        self.pattern = any.pattern.as_deref();
        self.minimum = any.minimum.and_then(number);
        self.maximum = any.maximum.and_then(number);
        self.min_length = any.min_length;
        self.max_length = any.max_length;
        self.enumeration.clone_from(&any.enumeration);
        self.properties = Some(&any.properties).filter(|p| !p.is_empty());
        self.required = &any.required;
        self.additional = any.additional_properties.as_ref();
        self.items = any.items.as_ref();
        self.all_of = &any.all_of;
        self.one_of = &any.one_of;
        self.any_of = &any.any_of;
        self.drop_if(any.multiple_of.is_some(), "multipleOf");
        self.drop_if(any.exclusive_minimum == Some(true), "exclusiveMinimum");
        self.drop_if(any.exclusive_maximum == Some(true), "exclusiveMaximum");
        self.min_items = any.min_items;
        self.max_items = any.max_items;
        self.unique_items = any.unique_items == Some(true);
        self.drop_if(any.min_properties.is_some(), "minProperties");
        self.drop_if(any.max_properties.is_some(), "maxProperties");
        self.drop_if(any.not.is_some(), "not");
    }

    fn drop_if(&mut self, present: bool, keyword: &'static str) {
        if present {
            self.dropped.push(keyword);
        }
    }

    /// `type: object` and nothing else of an object's own (no members, no
    /// `additionalProperties`): beside `oneOf`/`anyOf` it only says that the variants are
    /// objects (Box's `SkillCard`, OpenAI's `ChunkingStrategyRequestParam`).
    pub fn only_says_object(&self) -> bool {
        self.typ == Some("object") && !self.has_properties() && self.additional.is_none()
    }

    pub fn has_properties(&self) -> bool {
        self.properties.is_some_and(|p| !p.is_empty())
    }

    /// The `type`, or the one the other keywords imply when it is missing.
    pub fn word(&self) -> Option<&'d str> {
        if self.typ.is_some() {
            return self.typ;
        }
        if self.has_properties() || self.additional.is_some() {
            return Some("object");
        }
        if self.items.is_some() {
            return Some("array");
        }
        let values = self.enumeration.iter().filter(|v| !v.is_null());
        let mut kinds = values.map(|v| match v {
            Value::String(_) => "string",
            Value::Number(_) => "number",
            Value::Bool(_) => "boolean",
            _ => "",
        });
        let first = kinds.next()?;
        (!first.is_empty() && kinds.all(|k| k == first)).then_some(first)
    }

    /// What the schema says about its values only (a description, `nullable`): merges into
    /// whatever it is combined with.
    pub fn is_annotation(&self) -> bool {
        self.word().is_none()
            && self.enumeration.is_empty()
            && self.all_of.is_empty()
            && self.one_of.is_empty()
            && self.any_of.is_empty()
            && self.dropped.is_empty()
    }

    /// The JSON kind of the schema's values, when the schema alone says (not for compositions).
    pub fn kind(&self) -> Option<Kind> {
        match self.word()? {
            "object" => Some(Kind::Object),
            "array" => Some(Kind::Array),
            "string" => Some(Kind::String),
            "integer" | "number" => Some(Kind::Number),
            "boolean" => Some(Kind::Boolean),
            _ => None,
        }
    }
}

/// A schema number as JSON: integral values print as integers (`50`, not `50.0`).
fn number(value: f64) -> Option<Number> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Some(Number::from(value as i64))
    } else {
        Number::from_f64(value)
    }
}

fn format_name<T: Copy>(
    format: &VariantOrUnknownOrEmpty<T>,
    name: fn(T) -> &'static str,
) -> Option<&str> {
    match format {
        VariantOrUnknownOrEmpty::Item(known) => Some(name(*known)),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn string_format(format: StringFormat) -> &'static str {
    match format {
        StringFormat::Date => "date",
        StringFormat::DateTime => "date-time",
        StringFormat::Password => "password",
        StringFormat::Byte => "byte",
        StringFormat::Binary => "binary",
    }
}

fn number_format(format: NumberFormat) -> &'static str {
    match format {
        NumberFormat::Float => "float",
        NumberFormat::Double => "double",
    }
}

fn integer_format(format: IntegerFormat) -> &'static str {
    match format {
        IntegerFormat::Int32 => "int32",
        IntegerFormat::Int64 => "int64",
    }
}

//! The tests of `tests/conformance.rs`: for every operation, a request the document says is
//! valid, as JSON values per member, which the emitted test reads into the members' Rust types
//! and sends to a validating mock of the document.
//!
//! A member's value is, in this order: the document's example for it, its default, the first
//! of its allowed values, else the smallest value its schema allows (a string of `minLength`
//! that matches its `pattern`, or the shape of its `format`; `minimum`; one item; an object
//! with its required members). Optional members are left out, except one of a form body that
//! would otherwise be empty.

use std::collections::BTreeMap;

use regex_syntax::hir::{Class, Hir, HirKind};
use serde_json::{Map, Value};

use super::lower::{StringKind, string_kind};
use super::{
    ArgumentValue, Body, Client, ConformanceCase, ConformanceRequest, ConformanceTest,
    ConformanceValue, ForcedErrors, Member, Operation, Outcome, Place, Plan, Request, Setter, Ty,
};
use crate::ir::{self, Access, Api, Fact, FactKind, Origin, ParamLocation, Presence, Type};

/// How deep required members may nest before a value is taken to hold itself.
const DEPTH: usize = 24;

/// One test per operation of the plan, sorted by test name.
pub fn tests(api: &Api, plan: &Plan) -> Vec<ConformanceTest> {
    let values = Values::new(api);
    let documented: BTreeMap<&str, &ir::Operation> = api
        .operations
        .iter()
        .map(|op| (op.name.wire.as_str(), op))
        .collect();
    let mut tests: Vec<ConformanceTest> = plan
        .operations()
        .map(|(module, op)| {
            let case = match documented.get(op.id.as_str()) {
                Some(source) => values
                    .case(&plan.client, source, op)
                    .unwrap_or_else(|reason| ConformanceCase::NotTestable { reason }),
                None => ConformanceCase::NotTestable {
                    reason: "the operation is not in the document".to_owned(),
                },
            };
            let errors = match case {
                ConformanceCase::Testable { .. } => forced_errors(&module.name, op),
                ConformanceCase::NotTestable { .. } => None,
            };
            ConformanceTest {
                name: op.method.clone(),
                operation: op.id.clone(),
                method: op.method.clone(),
                cfg: vec![module.name.clone()],
                case,
                errors,
            }
        })
        .collect();
    tests.sort_by(|a, b| a.name.cmp(&b.name));
    tests
}

/// The error answers to ask the mock for: every documented error with a body, each as a status
/// that reads as its variant (a range or `default` as a status no other answer lists).
fn forced_errors(module: &str, op: &Operation) -> Option<ForcedErrors> {
    let enum_name = op.errors.clone()?;
    let listed: Vec<u16> = op
        .responses
        .iter()
        .filter_map(|r| r.status.parse().ok())
        .collect();
    let free = |candidates: Vec<u16>| candidates.into_iter().find(|s| !listed.contains(s));
    let mut statuses = Vec::new();
    for response in &op.responses {
        let (Outcome::Error, Some(_), Some(variant)) =
            (response.outcome, &response.body, &response.variant)
        else {
            continue;
        };
        let status = match response.status.as_str() {
            "default" => free(vec![500, 503, 502, 599]),
            range if range.ends_with("XX") => {
                let digit: u16 = range[..1].parse().unwrap_or(5);
                free((digit * 100..digit * 100 + 100).collect())
            }
            code => code.parse().ok(),
        };
        if let Some(status) = status {
            statuses.push((status, variant.clone()));
        }
    }
    (!statuses.is_empty()).then(|| ForcedErrors {
        module: module.to_owned(),
        enum_name,
        statuses,
    })
}

/// Builds values from the IR's types, named types looked up by name.
pub(super) struct Values<'a> {
    named: BTreeMap<&'a str, &'a Type>,
}

impl<'a> Values<'a> {
    pub(super) fn new(api: &'a Api) -> Self {
        Values {
            named: api
                .types
                .iter()
                .map(|t| (t.name.rust.as_str(), &t.ty))
                .collect(),
        }
    }

    fn case(
        &self,
        client: &Client,
        source: &ir::Operation,
        op: &Operation,
    ) -> Result<ConformanceCase, String> {
        let (builder, credentials) = credentials(client, source);
        let request = match &op.request {
            None => None,
            Some(request) => Some(self.request(source, op, request)?),
        };
        Ok(ConformanceCase::Testable {
            builder,
            credentials,
            request,
        })
    }

    fn request(
        &self,
        source: &ir::Operation,
        op: &Operation,
        request: &Request,
    ) -> Result<ConformanceRequest, String> {
        let mut arguments = Vec::new();
        for member in request.members.iter().filter(|m| m.required) {
            arguments.push(self.member(source, member)?);
        }
        // A form body with nothing in it is no body at all to a server that requires one, and
        // an empty JSON object breaks a document's `anyOf` of required lists (GitHub's
        // `gists/update` needs `description` or `files`), which the types do not hold: such a
        // body gets its first member.
        let mut setters = Vec::new();
        let place = match op.body {
            Body::Form { .. } => Some(Place::Form),
            Body::Json { .. } => Some(Place::JsonMember),
            _ => None,
        };
        if let Some(place) = place {
            let members = || request.members.iter().filter(|m| m.place == place);
            if !members().any(|m| m.required) {
                if let Some(member) = members().next() {
                    setters.push(self.member(source, member)?);
                }
            }
        }
        Ok(ConformanceRequest {
            name: request.name.clone(),
            arguments,
            setters,
        })
    }

    /// A member's value, from the parameter or body member it was planned from.
    fn member(&self, source: &ir::Operation, member: &Member) -> Result<ConformanceValue, String> {
        let param = |location: ParamLocation| {
            source
                .params
                .iter()
                .find(|p| p.location == location && p.field.name.wire == member.wire)
                .map(|p| (&p.field.ty, p.field.facts.as_slice()))
        };
        let body = source.body.as_ref().map(|b| &b.ty);
        let body_member = || {
            let Type::Object { fields, .. } = self.resolve(body?).ok()? else {
                return None;
            };
            let field = fields.iter().find(|f| f.name.wire == member.wire)?;
            Some((&field.ty, field.facts.as_slice()))
        };
        let found = match member.place {
            Place::Path => param(ParamLocation::Path),
            Place::Query => param(ParamLocation::Query),
            Place::Header => param(ParamLocation::Header),
            Place::Cookie => param(ParamLocation::Cookie),
            Place::Form | Place::JsonMember | Place::Part => body_member(),
            Place::JsonBody | Place::RawBody => body.map(|ty| (ty, &[][..])),
        };
        if member.setter == Setter::Value && holds_upload(&member.ty) {
            return Err(format!(
                "the member `{}` is a list of files, which no JSON value gives",
                member.wire
            ));
        }
        let (ty, facts) = found.ok_or_else(|| {
            format!(
                "the member `{}` ({}) has no counterpart in the document",
                member.wire,
                member.place.noun()
            )
        })?;
        let value = self
            .value(ty, facts, 0)
            .map_err(|why| format!("no value for `{}`: {why}", member.wire))?;
        let value = match member.setter {
            Setter::Str => ArgumentValue::Str(match value {
                Value::String(text) => text,
                other => other.to_string(),
            }),
            Setter::Value => ArgumentValue::Json(value),
            // A file (a multipart part or the raw body): the value's text as its bytes.
            Setter::Into => ArgumentValue::Upload(match value {
                Value::String(text) => text,
                other => other.to_string(),
            }),
        };
        Ok(ConformanceValue {
            member: member.rust.clone(),
            value,
        })
    }

    fn resolve<'t>(&self, ty: &'t Type) -> Result<&'t Type, String>
    where
        'a: 't,
    {
        let mut current = ty;
        for _ in 0..32 {
            match current {
                Type::Named { name } => current = self.named_type(name)?,
                _ => return Ok(current),
            }
        }
        Err("named types that only name each other".to_owned())
    }

    fn named_type(&self, name: &str) -> Result<&'a Type, String> {
        self.named
            .get(name)
            .copied()
            .ok_or_else(|| format!("the type `{name}` is not in the document"))
    }

    /// A valid value of `ty` with the constraints `facts`: the document's example, its
    /// default, its first allowed value, else the smallest value the schema allows.
    pub(super) fn value(&self, ty: &Type, facts: &[Fact], depth: usize) -> Result<Value, String> {
        self.build(ty, facts, depth, &mut Vec::new())
    }

    /// [`Values::value`], with the named types whose value is being built (a value that needs
    /// one of them again has no end).
    fn build(
        &self,
        ty: &Type,
        facts: &[Fact],
        depth: usize,
        within: &mut Vec<String>,
    ) -> Result<Value, String> {
        if depth > DEPTH {
            return Err(format!(
                "its required members nest deeper than {DEPTH} levels"
            ));
        }
        if let Some(value) = documented(ty, facts) {
            return Ok(value);
        }
        Ok(match ty {
            Type::String { format } => Value::String(string(format.as_deref(), facts)),
            Type::Integer { format } => {
                let (min, max) = bounds(facts);
                let mut n = match (min, max) {
                    (Some(min), _) => min.ceil(),
                    (None, Some(max)) if max < 1.0 => max.floor(),
                    _ => 1.0,
                };
                if format.as_deref() == Some("int32") {
                    n = n.clamp(f64::from(i32::MIN), f64::from(i32::MAX));
                }
                Value::from(n as i64)
            }
            Type::Number { .. } => {
                let (min, max) = bounds(facts);
                let n = match (min, max) {
                    (Some(min), _) => min,
                    (None, Some(max)) if max < 1.0 => max,
                    _ => 1.0,
                };
                number(n)
            }
            Type::IntegerEnum { values, .. } => values
                .first()
                .map_or(Value::from(1), |v| Value::from(v.value)),
            Type::Boolean => Value::Bool(false),
            // As many items as `minItems` asks (at least one), each with the items' facts.
            Type::Array { items } => {
                let mut each: &[Fact] = &[];
                let mut count = 1;
                for fact in facts {
                    match &fact.kind {
                        FactKind::Items(facts) => each = facts,
                        FactKind::MinItems(n) => count = (*n).clamp(1, 16) as usize,
                        _ => {}
                    }
                }
                Value::Array(vec![self.build(items, each, depth + 1, within)?; count])
            }
            Type::Tuple { items, .. } => Value::Array(
                items
                    .iter()
                    .map(|item| self.build(item, &[], depth + 1, within))
                    .collect::<Result<_, _>>()?,
            ),
            Type::Map { .. } | Type::Any => Value::Object(Map::new()),
            Type::Object { fields, .. } => {
                let mut object = Map::new();
                // Unstated (a page's member) is required in the Rust struct; read-only
                // members are never sent.
                let needed = fields
                    .iter()
                    .filter(|f| f.required != Presence::Optional && f.access != Access::ReadOnly);
                for field in needed {
                    let value = self
                        .build(&field.ty, &field.facts, depth + 1, within)
                        .map_err(|why| format!("`{}`: {why}", field.name.wire))?;
                    object.insert(field.name.wire.clone(), value);
                }
                Value::Object(object)
            }
            Type::Enum { values, .. } => Value::String(
                values
                    .first()
                    .map_or_else(|| "a".to_owned(), |v| v.wire.clone()),
            ),
            Type::Union {
                variants,
                discriminator: Some(discriminator),
                ..
            } => {
                let (tag, index) = discriminator
                    .values
                    .first()
                    .ok_or("a union whose discriminator names no variant")?;
                let variant = variants
                    .get(*index)
                    .ok_or("a discriminator value that names no variant")?;
                let mut value = self.build(variant, &[], depth + 1, within)?;
                if let Value::Object(object) = &mut value {
                    object.insert(discriminator.property.clone(), Value::String(tag.clone()));
                }
                value
            }
            Type::Union { variants, .. } => {
                let mut why = "a union without variants".to_owned();
                for variant in variants {
                    match self.build(variant, &[], depth + 1, within) {
                        Ok(value) => return Ok(value),
                        Err(err) => why = err,
                    }
                }
                return Err(why);
            }
            Type::Named { name } => {
                if within.contains(name) {
                    return Err(format!(
                        "`{name}` requires a value that holds a `{name}` again: no value ends"
                    ));
                }
                let target = self.named_type(name)?;
                within.push(name.clone());
                let value = self.build(target, facts, depth, within);
                within.pop();
                return value;
            }
        })
    }
}

/// The first constructor the operation's security names (`Client::builder` for the client's
/// first), else the client's first; a dummy value per argument.
fn credentials(client: &Client, source: &ir::Operation) -> (Option<String>, Vec<String>) {
    let index = source
        .auth
        .iter()
        .find_map(|auth| client.auth.iter().position(|c| c.scheme == auth.name))
        .unwrap_or(0);
    match client.auth.get(index) {
        None => (None, Vec::new()),
        Some(constructor) => (
            if index == 0 {
                None
            } else {
                constructor.builder.clone()
            },
            constructor
                .arguments
                .iter()
                .map(|a| format!("conformance-{}", a.rust.trim_start_matches("r#")))
                .collect(),
        ),
    }
}

/// The document's own value for a member, when it has one that fits the type: its example,
/// else its default, else the first of its allowed values (numbers' `enum`).
fn documented(ty: &Type, facts: &[Fact]) -> Option<Value> {
    let stated = |fact: &&Fact| fact.origin == Origin::Schema;
    let example = facts.iter().filter(stated).find_map(|f| match &f.kind {
        FactKind::Example(value) => Some(value.clone()),
        _ => None,
    });
    let default = facts.iter().filter(stated).find_map(|f| match &f.kind {
        FactKind::Default(text) => Some(match ty {
            Type::String { .. } | Type::Enum { .. } => Value::String(text.clone()),
            _ => serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone())),
        }),
        _ => None,
    });
    let allowed = facts.iter().filter(stated).find_map(|f| match &f.kind {
        FactKind::AllowedValues(values) => values
            .first()
            .map(|v| serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.clone()))),
        _ => None,
    });
    [example, default, allowed]
        .into_iter()
        .flatten()
        .find(|value| fits(ty, value))
}

/// Whether a documented value has the JSON kind of `ty` (and, for dates, their shape), so that
/// it reads into the member's Rust type.
fn fits(ty: &Type, value: &Value) -> bool {
    match (ty, value) {
        (Type::String { format }, Value::String(text)) => match string_kind(format.as_deref()) {
            StringKind::DateTime => is_date(text) && text.get(10..11) == Some("T"),
            StringKind::Date => is_date(text) && text.len() == 10,
            StringKind::Plain | StringKind::Rfc2822 => true,
        },
        (Type::Integer { format }, Value::Number(n)) => match format.as_deref() {
            Some("int32") => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            _ => n.as_i64().is_some(),
        },
        (Type::Number { .. }, Value::Number(_)) | (Type::Boolean, Value::Bool(_)) => true,
        (Type::Enum { .. }, Value::String(_)) => true,
        (Type::IntegerEnum { format, .. }, Value::Number(n)) => match format.as_deref() {
            Some("int32") => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            _ => n.as_i64().is_some(),
        },
        (Type::Array { items }, Value::Array(values)) => values.iter().all(|v| fits(items, v)),
        (Type::Tuple { items, rest }, Value::Array(values)) => {
            values.len() >= items.len()
                && (rest.is_some() || values.len() == items.len())
                && values
                    .iter()
                    .enumerate()
                    .all(|(i, v)| items.get(i).or(rest.as_deref()).is_some_and(|t| fits(t, v)))
        }
        (Type::Any, _) => true,
        _ => false,
    }
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 10
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// `minimum` and `maximum` as stated by the schema.
fn bounds(facts: &[Fact]) -> (Option<f64>, Option<f64>) {
    let mut bounds = (None, None);
    for fact in facts.iter().filter(|f| f.origin == Origin::Schema) {
        match &fact.kind {
            FactKind::Minimum(n) => bounds.0 = n.as_f64(),
            FactKind::Maximum(n) => bounds.1 = n.as_f64(),
            _ => {}
        }
    }
    bounds
}

fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::from(0), Value::Number)
    }
}

/// The smallest string the schema allows: one that matches its `pattern`, else the shape of
/// its `format`, else filler of `minLength` (at least one character: a path segment cannot be
/// empty).
fn string(format: Option<&str>, facts: &[Fact]) -> String {
    let mut min_length = None;
    let mut max_length = None;
    let mut pattern = None;
    for fact in facts.iter().filter(|f| f.origin == Origin::Schema) {
        match &fact.kind {
            FactKind::MinLength(n) => min_length = Some(*n as usize),
            FactKind::MaxLength(n) => max_length = Some(*n as usize),
            FactKind::Pattern(p) => pattern = Some(p.as_str()),
            _ => {}
        }
    }
    let fits_length = |text: &str| {
        let length = text.chars().count();
        min_length.is_none_or(|min| length >= min) && max_length.is_none_or(|max| length <= max)
    };
    if let Some(text) = pattern.and_then(|p| matching(p, min_length.unwrap_or(1), max_length)) {
        return text;
    }
    if let Some(text) = format.and_then(formatted).filter(|t| fits_length(t)) {
        return text.to_owned();
    }
    let length = min_length
        .unwrap_or(1)
        .max(1)
        .min(max_length.unwrap_or(usize::MAX));
    "a".repeat(length)
}

/// An example of each `format` that validators check.
fn formatted(format: &str) -> Option<&'static str> {
    Some(match format {
        "date-time" => "2024-01-01T00:00:00Z",
        "date" => "2024-01-01",
        "time" => "00:00:00Z",
        "date-time-rfc-2822" => "Mon, 01 Jan 2024 00:00:00 +0000",
        "duration" => "P1D",
        "uuid" => "00000000-0000-4000-8000-000000000000",
        "email" | "idn-email" => "user@example.com",
        "uri" | "url" | "iri" | "uri-reference" | "iri-reference" => "https://example.com",
        "uri-template" => "https://example.com/{id}",
        "hostname" | "idn-hostname" => "example.com",
        "ipv4" => "127.0.0.1",
        "ipv6" => "::1",
        "byte" => "AAAA",
        "json-pointer" => "/a",
        "regex" => "a",
        _ => return None,
    })
}

/// The shortest string that matches `pattern` (every repetition as few times as it may) of at
/// least `min` characters, trying more repetitions until it is long enough; `None` when the
/// pattern does not parse (lookarounds, backreferences) or no length fits.
fn matching(pattern: &str, min: usize, max: Option<usize>) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut at_least = 0;
    loop {
        let mut text = String::new();
        write_match(&hir, at_least, &mut text)?;
        let length = text.chars().count();
        if max.is_some_and(|max| length > max) {
            return None;
        }
        if length >= min {
            return Some(text);
        }
        if at_least as usize > min.max(1) {
            return None;
        }
        at_least = (at_least * 2).max(1);
    }
}

/// Appends a string that `hir` matches: the first alternative, each repetition its minimum
/// times but at least `at_least` (as far as its maximum allows), a class's nicest member.
fn write_match(hir: &Hir, at_least: u32, out: &mut String) -> Option<()> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
        HirKind::Class(Class::Unicode(class)) => {
            let nice = ['a', '0', 'A', '_', '-', ' '];
            let contains = |c: char| {
                class
                    .ranges()
                    .iter()
                    .any(|r| r.start() <= c && c <= r.end())
            };
            let pick = nice
                .into_iter()
                .find(|c| contains(*c))
                .or_else(|| class.ranges().first().map(|r| r.start()))?;
            out.push(pick);
        }
        HirKind::Class(Class::Bytes(class)) => {
            let range = class.ranges().first()?;
            out.push(
                char::from(range.start())
                    .is_ascii()
                    .then_some(char::from(range.start()))?,
            );
        }
        HirKind::Repetition(repetition) => {
            let times = repetition
                .min
                .max(at_least.min(repetition.max.unwrap_or(u32::MAX)));
            for _ in 0..times {
                write_match(&repetition.sub, at_least, out)?;
            }
        }
        HirKind::Capture(capture) => write_match(&capture.sub, at_least, out)?,
        HirKind::Concat(parts) => {
            for part in parts {
                write_match(part, at_least, out)?;
            }
        }
        HirKind::Alternation(alternatives) => write_match(alternatives.first()?, at_least, out)?,
    }
    Some(())
}

/// Whether a member's type holds a `runtime::Upload` (which has no JSON form).
fn holds_upload(ty: &Ty) -> bool {
    match ty {
        Ty::Upload => true,
        Ty::Vec { items: inner }
        | Ty::Map { values: inner }
        | Ty::Option { inner }
        | Ty::Box { inner }
        | Ty::Nullable { inner } => holds_upload(inner),
        Ty::Tuple { items, rest } => items.iter().chain(rest.as_deref()).any(holds_upload),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Discriminator, Field, Name, NamedType};

    fn fact(kind: FactKind) -> Fact {
        Fact {
            kind,
            origin: Origin::Schema,
        }
    }

    fn field(wire: &str, ty: Type, required: Presence, facts: Vec<FactKind>) -> Field {
        Field {
            name: Name {
                wire: wire.into(),
                rust: wire.into(),
            },
            ty,
            nullable: false,
            required,
            description: String::new(),
            facts: facts.into_iter().map(fact).collect(),
            access: Access::ReadWrite,
        }
    }

    fn string(format: Option<&str>) -> Type {
        Type::String {
            format: format.map(str::to_owned),
        }
    }

    fn api(types: Vec<(&str, Type)>) -> Api {
        Api {
            servers: Vec::new(),
            auth: Vec::new(),
            operations: Vec::new(),
            webhooks: Default::default(),
            types: types
                .into_iter()
                .map(|(name, ty)| NamedType {
                    name: Name {
                        wire: name.into(),
                        rust: name.into(),
                    },
                    description: String::new(),
                    ty,
                })
                .collect(),
        }
    }

    #[test]
    fn examples_win_over_defaults_over_allowed_and_smallest_values() {
        let api = api(Vec::new());
        let values = Values::new(&api);
        let value = |ty: &Type, facts: Vec<FactKind>| {
            let facts: Vec<Fact> = facts.into_iter().map(fact).collect();
            values.value(ty, &facts, 0).unwrap()
        };
        let text = string(None);
        let both = vec![
            FactKind::Default("fallback".into()),
            FactKind::Example(Value::from("documented")),
        ];
        assert_eq!(value(&text, both), "documented");
        assert_eq!(
            value(&text, vec![FactKind::Default("fallback".into())]),
            "fallback"
        );
        assert_eq!(value(&text, vec![FactKind::MinLength(3)]), "aaa");
        assert_eq!(value(&text, Vec::new()), "a", "never empty: a path segment");
        let integer = Type::Integer { format: None };
        assert_eq!(
            value(
                &integer,
                vec![FactKind::Minimum(5.into()), FactKind::Default("20".into())]
            ),
            20
        );
        assert_eq!(value(&integer, vec![FactKind::Minimum(5.into())]), 5);
        assert_eq!(
            value(&integer, vec![FactKind::AllowedValues(vec!["7".into()])]),
            7
        );
        // An example of the wrong kind or shape is not taken.
        let wrong = vec![
            FactKind::Example(Value::from("ten")),
            FactKind::Minimum(2.into()),
        ];
        assert_eq!(value(&integer, wrong), 2);
        let date = vec![FactKind::Example(Value::from("yesterday"))];
        assert_eq!(
            value(&string(Some("date-time")), date),
            "2024-01-01T00:00:00Z"
        );
        // Facts read from prose are not the schema's: not taken.
        let prose = Fact {
            kind: FactKind::Default("from prose".into()),
            origin: Origin::Prose {
                quote: "Defaults to from prose.".into(),
            },
        };
        assert_eq!(values.value(&text, &[prose], 0).unwrap(), "a");
    }

    #[test]
    fn formats_patterns_and_enums_give_values_a_validator_accepts() {
        let api = api(Vec::new());
        let values = Values::new(&api);
        let value = |ty: &Type, facts: Vec<FactKind>| {
            let facts: Vec<Fact> = facts.into_iter().map(fact).collect();
            values.value(ty, &facts, 0).unwrap()
        };
        assert_eq!(
            value(&string(Some("uuid")), Vec::new()),
            "00000000-0000-4000-8000-000000000000"
        );
        assert_eq!(
            value(&string(Some("email")), Vec::new()),
            "user@example.com"
        );
        assert_eq!(value(&string(Some("date")), Vec::new()), "2024-01-01");
        let sid = vec![
            FactKind::Pattern("^RM[0-9a-fA-F]{32}$".into()),
            FactKind::MinLength(34),
            FactKind::MaxLength(34),
        ];
        assert_eq!(value(&string(None), sid), format!("RM{}", "a".repeat(32)));
        let words = vec![FactKind::Pattern("^(yes|no)-[a-z]+$".into())];
        assert_eq!(value(&string(None), words), "yes-a");
        // A pattern the parser does not know (a lookahead) leaves the filler.
        let lookahead = vec![FactKind::Pattern("^(?=a)a$".into())];
        assert_eq!(value(&string(None), lookahead), "a");
        let status = Type::Enum {
            name: "Status".into(),
            values: ["queued", "sent"]
                .map(|w| Name {
                    wire: w.into(),
                    rust: w.into(),
                })
                .to_vec(),
        };
        assert_eq!(value(&status, Vec::new()), "queued");
        let numbers = Type::Array {
            items: Box::new(Type::Integer {
                format: Some("int32".into()),
            }),
        };
        assert_eq!(value(&numbers, Vec::new()), serde_json::json!([1]));
        // Discord's snowflake lists: `minItems` items, each of the items' `pattern`.
        let snowflakes = Type::Array {
            items: Box::new(string(None)),
        };
        let facts = vec![
            FactKind::MinItems(2),
            FactKind::Items(vec![fact(FactKind::Pattern("^(0|[1-9][0-9]*)$".into()))]),
        ];
        assert_eq!(value(&snowflakes, facts), serde_json::json!(["0", "0"]));
    }

    #[test]
    fn objects_get_their_required_members_nested_and_unions_their_tag() {
        let address = Type::Object {
            name: "Address".into(),
            fields: vec![
                field(
                    "city",
                    string(None),
                    Presence::Required,
                    vec![FactKind::Example(Value::from("Lyon"))],
                ),
                field("zip", string(None), Presence::Optional, Vec::new()),
            ],
            additional: None,
        };
        let mut id = field("id", string(None), Presence::Required, Vec::new());
        id.access = Access::ReadOnly;
        let person = Type::Object {
            name: "Person".into(),
            fields: vec![
                id,
                field(
                    "name",
                    string(None),
                    Presence::Required,
                    vec![FactKind::MinLength(2)],
                ),
                field(
                    "address",
                    Type::Named {
                        name: "Address".into(),
                    },
                    Presence::Required,
                    Vec::new(),
                ),
                field(
                    "age",
                    Type::Integer { format: None },
                    Presence::Optional,
                    Vec::new(),
                ),
            ],
            additional: None,
        };
        let pet = Type::Union {
            name: "Pet".into(),
            variants: vec![
                Type::Object {
                    name: "Cat".into(),
                    fields: vec![field(
                        "lives",
                        Type::Integer { format: None },
                        Presence::Required,
                        vec![FactKind::Minimum(9.into())],
                    )],
                    additional: None,
                },
                Type::Object {
                    name: "Dog".into(),
                    fields: Vec::new(),
                    additional: None,
                },
            ],
            discriminator: Some(Discriminator {
                property: "kind".into(),
                values: vec![("dog".into(), 1), ("cat".into(), 0)],
            }),
        };
        let looped = Type::Object {
            name: "Loop".into(),
            fields: vec![field(
                "next",
                Type::Named {
                    name: "Loop".into(),
                },
                Presence::Required,
                Vec::new(),
            )],
            additional: None,
        };
        let api = api(vec![("Address", address), ("Loop", looped)]);
        let values = Values::new(&api);
        assert_eq!(
            values.value(&person, &[], 0).unwrap(),
            serde_json::json!({"name": "aa", "address": {"city": "Lyon"}}),
            "required members only, read-only ones left out, nested ones built"
        );
        assert_eq!(
            values.value(&pet, &[], 0).unwrap(),
            serde_json::json!({"kind": "dog"}),
            "the first documented tag, with its variant"
        );
        let err = values
            .value(
                &Type::Named {
                    name: "Loop".into(),
                },
                &[],
                0,
            )
            .unwrap_err();
        assert_eq!(
            err,
            "`next`: `Loop` requires a value that holds a `Loop` again: no value ends"
        );
    }
}

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

use serde_json::{Map, Value};

mod scalars;

use super::{
    ArgumentValue, Body, Client, ConformanceCase, ConformanceRequest, ConformanceTest,
    ConformanceValue, ForcedErrors, Member, Operation, Outcome, Place, Plan, Request, Setter, Ty,
};
use crate::ir::{self, Access, Api, Fact, FactKind, Field, ParamLocation, Presence, Type};
use scalars::{bounds, documented, number, string};

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
            // As many items as `minItems` asks (at least one), each with the items' facts, all
            // different where `uniqueItems` asks.
            Type::Array { items } => {
                let mut each: &[Fact] = &[];
                let mut count = 1;
                let mut unique = false;
                for fact in facts {
                    match &fact.kind {
                        FactKind::Items(facts) => each = facts,
                        FactKind::MinItems(n) => count = (*n).clamp(1, 16) as usize,
                        FactKind::UniqueItems => unique = true,
                        _ => {}
                    }
                }
                let item = self.build(items, each, depth + 1, within)?;
                let values = (1..count).map(|index| match unique {
                    false => Ok(item.clone()),
                    true => scalars::another(&item, index).ok_or_else(|| {
                        format!("its {count} items must differ, and `{item}` has no other")
                    }),
                });
                let rest: Vec<Value> = values.collect::<Result<_, _>>()?;
                Value::Array(std::iter::once(item).chain(rest).collect())
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
                let needed: Vec<&Field> = needed.collect();
                for field in &needed {
                    let value = self
                        .build(&field.ty, &field.facts, depth + 1, within)
                        .map_err(|why| format!("`{}`: {why}", field.name.wire))?;
                    object.insert(field.name.wire.clone(), value);
                }
                // An object with no required member gets its first that has a value, as a body
                // does (`request`): OpenAI's `ImageRefParam` needs `image_url` or `file_id`, in
                // an `anyOf` of required lists the types do not hold.
                if needed.is_empty() {
                    let mut sent = fields.iter().filter(|f| f.access != Access::ReadOnly);
                    let first = sent.find_map(|field| {
                        let value = self.build(&field.ty, &field.facts, depth + 1, within);
                        Some((field.name.wire.clone(), value.ok()?))
                    });
                    object.extend(first);
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
mod tests;

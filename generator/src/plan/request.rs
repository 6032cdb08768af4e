//! An operation's request: its parameters and body members flattened into one struct, where
//! each member goes (path, query, header, cookie, form, JSON, multipart part, raw body), how it
//! is encoded (the document's styles and `encoding` map, else Twilio's conventions), and the
//! body kind its media type gives.

use super::carried;
use super::lower::Lowering;
use super::lower::{StringKind, documented_field, field_docs, string_kind};
use super::operation::Builder;
use super::{Body, Documented, Encoding, Member, OtherBody, Place, Request, Scalar, Setter, Ty};
use crate::ir::{
    Access, Field, MemberEncoding, Name, ParamLocation, Presence, RequestBody, Style, Type,
};
use crate::names;

pub use crate::media::is_json;
use crate::media::{self, Media};

/// A member before its Rust name is chosen (names are made distinct over all of them).
struct Planned<'a> {
    field: &'a Field,
    place: Place,
    required: bool,
    /// How the document says to write it, when it does (parameters always; form members with
    /// an `encoding` entry).
    style: Option<(Style, bool)>,
    content_type: Option<String>,
}

/// The whole body as one member (a JSON array, bytes, text).
struct Whole<'a> {
    ty: &'a Type,
    place: Place,
    text: bool,
}

impl<'a> Builder<'_, 'a> {
    /// The request struct (parameters and body members flattened into one) and the body kind.
    pub(super) fn request(&mut self) -> (Option<Request>, Body) {
        let op = self.op;
        let mut planned: Vec<Planned> = op
            .params
            .iter()
            .map(|p| {
                let (place, path) = match p.location {
                    ParamLocation::Path => (Place::Path, true),
                    ParamLocation::Query => (Place::Query, false),
                    ParamLocation::Header => (Place::Header, false),
                    ParamLocation::Cookie => (Place::Cookie, false),
                };
                Planned {
                    field: &p.field,
                    place,
                    required: !super::member_is_option(path, p.field.required),
                    style: Some((p.style, p.explode)),
                    content_type: None,
                }
            })
            .collect();
        let headers: Vec<&str> = planned
            .iter()
            .filter(|p| p.place == Place::Header)
            .map(|p| p.field.name.wire.as_str())
            .collect();
        for (first, again) in carried::same_headers(&headers) {
            self.warn(format!(
                "header parameters `{first}` and `{again}` are one header (header names are \
                 case-insensitive): both are sent"
            ));
        }
        let params = planned.len();
        let (body, whole) = match &op.body {
            None => (Body::None, None),
            Some(body) => self.body(body, &mut planned),
        };
        let body = if planned.len() == params && whole.is_none() {
            Body::None
        } else {
            body
        };
        if planned.is_empty() && whole.is_none() {
            return (None, body);
        }
        let preferred = match op.body.as_ref().map(|b| &b.ty) {
            Some(Type::Object { name, .. }) if whole.is_none() => name.clone(),
            _ => format!("{}Request", op.type_name),
        };
        // The struct's name first: the types of its members are named after it.
        let name = self.lowering.root.claim(&preferred);
        // Parameters and body members share one struct: their Rust names must not collide.
        let mut names: Vec<Name> = planned.iter().map(|p| p.field.name.clone()).collect();
        if whole.is_some() {
            names.push(names::field_name("body"));
        }
        let alternatives = op.body.as_ref().map_or(&[][..], |b| &b.alternatives);
        if !alternatives.is_empty() {
            names.push(names::field_name("other_body"));
        }
        names::make_unique(&mut names);
        let other_body = (!alternatives.is_empty()).then(|| OtherBody {
            rust: names.pop().map(|n| n.rust).unwrap_or_default(),
            media_types: alternatives.to_vec(),
        });
        let null_setters = null_setters(&planned, &names);
        let link = self.method_link();
        let mut items = Vec::new();
        let part = format!("A value sent with {link}.");
        let mut members = Vec::new();
        let planned = planned.into_iter().zip(&names).zip(null_setters);
        for ((planned, name), null_setter) in planned {
            let field = planned.field;
            let resolved = self.lowering.resolve(&field.ty);
            let encoding = encoding(&planned, resolved, self.lowering);
            let note = match planned.place {
                Place::Path => "Path parameter",
                Place::Query => "Query parameter",
                Place::Header => "Header",
                Place::Cookie => "Cookie",
                Place::Form => "Form field",
                Place::JsonMember | Place::JsonBody => "JSON body member",
                Place::Part => "Multipart part",
                Place::RawBody => "The request body",
            };
            let (style, lowering) = (planned.style, &*self.lowering);
            if let Some(problem) =
                carried::problem(planned.place, style, resolved, &encoding, lowering)
            {
                let wire = &field.name.wire;
                self.warn(format!("{} `{wire}` {problem}", note.to_lowercase()));
            }
            let mut scope = self.scope(&mut items, None, part.clone());
            let mut setter = setter(&encoding, field, resolved);
            let ty = match encoding {
                Encoding::Upload => Ty::Upload,
                Encoding::Uploads => Ty::Vec {
                    items: Box::new(Ty::Upload),
                },
                _ => self.lowering.field_value(field, &mut scope),
            };
            // JSON can say `null`: a required member that may be null is an `Option` (`None`
            // sent as `null`), an optional one a `Nullable` inside its `Option`.
            let ty = match (planned.place, field.nullable, planned.required) {
                (Place::JsonMember, true, true) => {
                    setter = Setter::Value;
                    ty.option()
                }
                (Place::JsonMember, true, false) => Ty::Nullable {
                    inner: Box::new(ty),
                },
                _ => ty,
            };
            members.push(Member {
                rust: name.rust.clone(),
                wire: field.name.wire.clone(),
                place: planned.place,
                required: planned.required,
                setter,
                ty,
                encoding,
                content_type: planned.content_type,
                null_setter,
                docs: field_docs(field, Some(note)),
                facts: documented_field(field),
            });
        }
        if let Some(whole) = whole {
            let mut scope = self.scope(&mut items, None, part.clone());
            let (ty, encoding, setter, docs) = match whole.place {
                Place::RawBody if whole.text => (
                    Ty::String,
                    Encoding::Scalar {
                        scalar: Scalar::Str,
                    },
                    Setter::Str,
                    "The request body, sent as text.",
                ),
                Place::RawBody => (
                    Ty::Upload,
                    Encoding::Upload,
                    Setter::Into,
                    "The request body: bytes, or a file streamed from disk.",
                ),
                _ => (
                    self.lowering.value(whole.ty, &mut scope),
                    Encoding::Json,
                    Setter::Value,
                    "The request body, sent as JSON.",
                ),
            };
            members.push(Member {
                rust: names[names.len() - 1].rust.clone(),
                wire: String::new(),
                place: whole.place,
                required: true,
                ty,
                setter,
                encoding,
                content_type: None,
                null_setter: None,
                docs: vec![docs.to_owned()],
                facts: Documented {
                    nullable: false,
                    presence: Presence::Required,
                    ty: super::lower::documented(whole.ty),
                },
            });
        }
        let request = Request {
            name,
            members,
            items,
            other_body,
        };
        (Some(request), body)
    }

    /// The body kind, with the body's members added to `planned` or the whole body returned.
    fn body(
        &mut self,
        body: &'a RequestBody,
        planned: &mut Vec<Planned<'a>>,
    ) -> (Body, Option<Whole<'a>>) {
        let content_type = body.content_type.clone();
        let media = match media::kind(&content_type) {
            // A stream of events is not a request body the generator can encode.
            Media::EventStream => Media::Bytes,
            other => other,
        };
        let object = match self.lowering.resolve(&body.ty) {
            Type::Object {
                fields, additional, ..
            } => Some((fields, additional.is_some())),
            _ => None,
        };
        let place = match media {
            Media::Json => Place::JsonMember,
            Media::Form => Place::Form,
            Media::Multipart => Place::Part,
            Media::Text | Media::Bytes | Media::EventStream => Place::RawBody,
        };
        match (object, place) {
            (Some((fields, additional)), Place::JsonMember | Place::Form | Place::Part) => {
                if additional {
                    self.warn(
                        "the request body's members beyond its properties \
                         (`additionalProperties`) cannot be set; only the listed properties \
                         are sent",
                    );
                }
                // What the server sets is not the caller's to send.
                let sent = fields.iter().filter(|f| f.access != Access::ReadOnly);
                planned.extend(sent.map(|field| {
                    let entry = body.encoding_of(&field.name.wire);
                    Planned {
                        field,
                        place,
                        required: !super::member_is_option(false, field.required),
                        style: entry.and_then(form_style),
                        content_type: entry.and_then(|e| e.content_type.clone()),
                    }
                }));
                let body = match place {
                    Place::JsonMember => Body::Json { content_type },
                    Place::Form => Body::Form { content_type },
                    _ => Body::Multipart { content_type },
                };
                (body, None)
            }
            // An object schema without members (Stripe's `properties: {}` on its GETs and
            // DELETEs): nothing to send in a form.
            (None, Place::Form | Place::Part) if matches!(self.lowering.resolve(&body.ty), Type::Map { values, .. } if **values == Type::Any) => {
                (Body::None, None)
            }
            (None, Place::JsonMember) => {
                let whole = Whole {
                    ty: &body.ty,
                    place: Place::JsonBody,
                    text: false,
                };
                (Body::Json { content_type }, Some(whole))
            }
            (_, place) => {
                let resolved = self.lowering.resolve(&body.ty);
                let string = matches!(resolved, Type::String { format }
                    if string_kind(format.as_deref()) == StringKind::Plain);
                let text = media == Media::Text && string && !is_binary(resolved);
                // Bytes need no schema, or a string one (`format: binary`).
                let bytes = media == Media::Bytes && (string || *resolved == Type::Any);
                if !text && !bytes {
                    let shape = if place == Place::RawBody {
                        "not a string"
                    } else {
                        "not an object with documented members"
                    };
                    self.warn(format!(
                        "the request body (`{content_type}`, {shape}) cannot be encoded from \
                         its schema; the operation takes the body's bytes as they are sent"
                    ));
                }
                let whole = Whole {
                    ty: &body.ty,
                    place: Place::RawBody,
                    text,
                };
                (
                    Body::Raw {
                        content_type: concrete(&content_type),
                    },
                    Some(whole),
                )
            }
        }
    }
}

/// The `_null` setter of each optional JSON member that may be `null` (`milestone_null`),
/// distinct from every member's setter.
fn null_setters(planned: &[Planned], names: &[Name]) -> Vec<Option<String>> {
    let nullable = |p: &Planned| p.place == Place::JsonMember && p.field.nullable && !p.required;
    let taken: Vec<String> = names
        .iter()
        .map(|n| n.rust.clone())
        .chain(["new".to_owned()])
        .collect();
    let mut wanted: Vec<Name> = planned
        .iter()
        .zip(names)
        .filter(|(p, _)| nullable(p))
        .map(|(_, name)| names::field_name(&format!("{}_null", name.rust.trim_start_matches("r#"))))
        .collect();
    names::make_unique_beside(&taken, &mut wanted);
    let mut wanted = wanted.into_iter();
    planned
        .iter()
        .map(|p| {
            if nullable(p) {
                wanted.next().map(|n| n.rust)
            } else {
                None
            }
        })
        .collect()
}

/// A wildcard media type (`*/*`, `image/*`) is no `Content-Type`: bytes go out as
/// `application/octet-stream` unless the upload names its own.
fn concrete(content_type: &str) -> String {
    if content_type.contains('*') {
        "application/octet-stream".to_owned()
    } else {
        content_type.to_owned()
    }
}

/// A form member's style, when its `encoding` entry states one (style or explode); without,
/// Twilio's conventions apply.
fn form_style(entry: &MemberEncoding) -> Option<(Style, bool)> {
    if entry.style.is_none() && entry.explode.is_none() {
        return None;
    }
    let style = entry.style.unwrap_or(Style::Form);
    Some((style, entry.explode.unwrap_or(style == Style::Form)))
}

/// What a setter (or `new()`) takes.
fn setter(encoding: &Encoding, field: &Field, resolved: &Type) -> Setter {
    match encoding {
        Encoding::Upload => Setter::Into,
        _ if matches!(scalar(resolved), Some(Scalar::Str))
            && !matches!(field.ty, Type::Named { .. }) =>
        {
            Setter::Str
        }
        _ => Setter::Value,
    }
}

/// A value that becomes text as one scalar, by its resolved type.
fn scalar(resolved: &Type) -> Option<Scalar> {
    Some(match resolved {
        Type::String { format } => match string_kind(format.as_deref()) {
            StringKind::DateTime => Scalar::DateTime,
            StringKind::Date => Scalar::Date,
            StringKind::Plain | StringKind::Rfc2822 => Scalar::Str,
        },
        Type::Enum { .. } => Scalar::Enum,
        Type::IntegerEnum { .. } => Scalar::IntegerEnum,
        Type::Integer { format } if format.as_deref() == Some("int32") => Scalar::I32,
        Type::Integer { .. } => Scalar::I64,
        Type::Number { .. } => Scalar::F64,
        Type::Boolean => Scalar::Bool,
        _ => return None,
    })
}

fn is_binary(resolved: &Type) -> bool {
    matches!(resolved, Type::String { format } if format.as_deref() == Some("binary"))
}

/// How a member is encoded, by its place, resolved type and documented style.
fn encoding(planned: &Planned, ty: &Type, lowering: &Lowering) -> Encoding {
    let items = match ty {
        Type::Array { items } => Some(lowering.resolve(items)),
        _ => None,
    };
    let item_scalar = items.and_then(scalar);
    match (planned.place, planned.style) {
        (Place::JsonMember | Place::JsonBody, _) => Encoding::Json,
        // The body as the caller gives it (the request planner types it).
        (Place::RawBody, _) => Encoding::Upload,
        (Place::Part, style) => match (style, scalar(ty), item_scalar) {
            (Some((Style::DeepObject, _)), ..) => Encoding::DeepObject,
            _ if is_binary(ty) => Encoding::Upload,
            _ if items.is_some_and(is_binary) => Encoding::Uploads,
            (_, Some(scalar), _) => Encoding::Scalar { scalar },
            (_, None, Some(item)) => Encoding::Repeated { item },
            _ => Encoding::Json,
        },
        (Place::Query | Place::Form, Some((style, explode))) => {
            styled(ty, item_scalar, style, explode)
        }
        // OpenAPI's `simple` style writes an object as its members and values joined
        // (`R,100,G,200`).
        (Place::Path | Place::Header, Some((Style::Simple, false)))
            if matches!(ty, Type::Object { .. } | Type::Map { .. }) =>
        {
            Encoding::JoinedObject {
                separator: ",".to_owned(),
            }
        }
        (place, _) => twilio(place, ty, item_scalar),
    }
}

/// Twilio's conventions, for members whose document states no style: arrays as repeated keys
/// in forms, joined with commas elsewhere; objects and untyped values as JSON text.
fn twilio(place: Place, ty: &Type, item: Option<Scalar>) -> Encoding {
    match (scalar(ty), item) {
        (Some(scalar), _) => Encoding::Scalar { scalar },
        (None, Some(item)) if place == Place::Form => Encoding::Repeated { item },
        (None, Some(item)) => Encoding::Joined {
            item,
            separator: ",".to_owned(),
        },
        (None, None) => Encoding::JsonText,
    }
}

/// OpenAPI's styles, for query parameters and form members with an `encoding` entry.
fn styled(ty: &Type, item: Option<Scalar>, style: Style, explode: bool) -> Encoding {
    let separator = match style {
        Style::Form | Style::Simple => ",",
        Style::SpaceDelimited => "%20",
        Style::PipeDelimited => "|",
        Style::DeepObject => "",
    };
    let object = matches!(ty, Type::Object { .. } | Type::Map { .. });
    match (scalar(ty), item) {
        (Some(scalar), _) => Encoding::Scalar { scalar },
        // Stripe's deepObject members are often unions (an object, or `""` to unset it).
        (None, _) if style == Style::DeepObject => Encoding::DeepObject,
        (None, Some(item)) if explode && style == Style::Form => Encoding::Repeated { item },
        (None, Some(item)) => Encoding::Joined {
            item,
            separator: separator.to_owned(),
        },
        _ if object && explode && style == Style::Form => Encoding::ExplodedObject,
        _ if object && style != Style::DeepObject => Encoding::JoinedObject {
            separator: separator.to_owned(),
        },
        _ => Encoding::JsonText,
    }
}

//! An operation's request struct: its members, `new()` and setters, and how its body is
//! encoded (form, JSON, multipart; a raw body is its member as it is).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::values::{scalar_text, with_value};
use super::{method_link, plain_ident};
use crate::emit::docs;
use crate::emit::types::{ident, item, ty};
use crate::plan::{Body, Encoding, Member, Operation, Place, Request, Scalar, Setter, Ty};

/// The type a setter or constructor takes for a member and how it turns the argument `value`
/// into the member's value (a `Nullable` member's setter takes the value inside).
fn setter_type(member: &Member, value: &Ident) -> (TokenStream, TokenStream) {
    let (member_ty, nullable) = match &member.ty {
        Ty::Nullable { inner } => (&**inner, true),
        other => (other, false),
    };
    let (arg, convert) = match (member.setter, member_ty) {
        (Setter::Str, _) => (quote!(&str), quote!(#value.to_owned())),
        // A boxed member takes the value and boxes it.
        (Setter::Value, Ty::Box { inner }) => (ty(inner), quote!(Box::new(#value))),
        (Setter::Value, other) => (ty(other), quote!(#value)),
        (Setter::Into, other) => {
            let other = ty(other);
            (quote!(impl Into<#other>), quote!(#value.into()))
        }
    };
    if nullable {
        (arg, quote!(crate::runtime::Nullable::Value(#convert)))
    } else {
        (arg, convert)
    }
}

pub(super) fn request_struct(op: &Operation, request: &Request) -> TokenStream {
    let name = ident(&request.name);
    let doc = format!(" Parameters of {}.", method_link(op));
    let struct_fields = request.members.iter().map(|m| {
        let rust = ident(&m.rust);
        let member_ty = ty(&m.ty);
        let member_ty = if m.required {
            member_ty
        } else {
            quote!(Option<#member_ty>)
        };
        let docs = docs::attrs(m.docs.iter().map(String::as_str));
        quote! { #docs pub #rust: #member_ty, }
    });
    let required: Vec<&Member> = request.members.iter().filter(|m| m.required).collect();
    let new_args = required.iter().map(|m| {
        let rust = ident(&m.rust);
        let (arg, _) = setter_type(m, &rust);
        quote!(#rust: #arg)
    });
    let (other_field, other_setter) = match &request.other_body {
        None => (None, None),
        Some(other) => {
            let rust = ident(&other.rust);
            let listed: Vec<String> = other.media_types.iter().map(|t| format!("`{t}`")).collect();
            let doc = format!(
                " Sends this body instead of the members above: the document also accepts {}. \
                 Build it with `runtime::Body` (`Body::multipart`, `Body::text`, `Body::bytes`, ...).",
                listed.join(", ")
            );
            let field = quote! { #[doc = #doc] pub #rust: Option<crate::runtime::Body>, };
            let setter = quote! {
                #[doc = #doc]
                #[inline]
                pub fn #rust(mut self, body: crate::runtime::Body) -> Self {
                    self.#rust = Some(body);
                    self
                }
            };
            (Some(field), Some(setter))
        }
    };
    let other_init = request.other_body.as_ref().map(|other| {
        let rust = ident(&other.rust);
        quote!(#rust: None,)
    });
    let new_body = if required.is_empty() {
        quote!(Self::default())
    } else {
        let inits = request.members.iter().map(|m| {
            let rust = ident(&m.rust);
            if m.required {
                let (_, convert) = setter_type(m, &rust);
                // `name: name` reads as the shorthand `name`.
                if rust == convert.to_string() {
                    quote!(#rust)
                } else {
                    quote!(#rust: #convert)
                }
            } else {
                quote!(#rust: None)
            }
        });
        quote!(Self { #(#inits,)* #other_init })
    };
    let setters = request.members.iter().filter(|m| !m.required).map(|m| {
        let rust = ident(&m.rust);
        let (arg, convert) = setter_type(m, &plain_ident("value"));
        let doc = format!(" Sets `{}`.", m.wire);
        let null = m.null_setter.as_ref().map(|null| {
            let null = ident(null);
            let doc = format!(
                " Sends `{}` as `null` (unlike leaving it unset, which sends nothing).",
                m.wire
            );
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #null(mut self) -> Self {
                    self.#rust = Some(crate::runtime::Nullable::Null);
                    self
                }
            }
        });
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #rust(mut self, value: #arg) -> Self {
                self.#rust = Some(#convert);
                self
            }
            #null
        }
    });
    let derive_default = required.is_empty().then(|| quote!(Default,));
    let encode = match op.body {
        Body::Form { .. } => encode_form(request),
        Body::Json { .. } => encode_json(request),
        Body::Multipart { .. } => encode_multipart(request),
        // The one raw member is the body as it is: nothing to encode.
        Body::Raw { .. } | Body::None => TokenStream::new(),
    };
    let nested = request.items.iter().map(item);
    quote! {
        #[doc = #doc]
        ///
        /// Optional fields left unset are not sent.
        #[derive(Debug, Clone, #derive_default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#struct_fields)*
            #other_field
        }

        impl #name {
            /// A request with the required values; set optional ones with the methods below.
            #[inline]
            pub fn new(#(#new_args),*) -> Self {
                #new_body
            }

            #(#setters)*
            #other_setter

            #encode
        }

        #(#nested)*
    }
}

/// The form body, in documented member order.
fn encode_form(request: &Request) -> TokenStream {
    let pushes = request
        .members
        .iter()
        .filter(|m| m.place == Place::Form)
        .map(|m| {
            let key = &m.wire;
            let push = match &m.encoding {
                Encoding::Scalar { scalar } => form_push(*scalar, key, quote!(value)),
                Encoding::Repeated { item } => {
                    let push = form_push(*item, key, quote!(item));
                    quote! { for item in value { #push } }
                }
                Encoding::Joined { item, separator } => {
                    let text = scalar_text(*item, quote!(item));
                    quote! { form.joined(#key, value.iter().map(|item| #text), #separator); }
                }
                Encoding::DeepObject => quote!(form.deep(#key, value)?;),
                Encoding::ExplodedObject => quote!(form.exploded(#key, value)?;),
                Encoding::JoinedObject { separator } => quote! {
                    form.joined(#key, crate::runtime::object_parts(#key, value)?, #separator);
                },
                // The plan gives form members no uploads; JSON text is Twilio's rule for the rest.
                Encoding::JsonText | Encoding::Json | Encoding::Upload | Encoding::Uploads => {
                    quote!(form.json(#key, value)?;)
                }
            };
            with_value(m, quote!(self), push)
        });
    quote! {
        /// The form body, in documented field order (the document's `encoding` styles, else
        /// Twilio's conventions: arrays as repeated keys, objects as JSON text).
        #[inline]
        fn form(&self) -> Result<crate::runtime::Form, crate::Error> {
            let mut form = crate::runtime::Form::new();
            #(#pushes)*
            Ok(form)
        }
    }
}

/// Appends one value (a reference) to `form`.
fn form_push(scalar: Scalar, key: &str, value: TokenStream) -> TokenStream {
    match scalar {
        Scalar::Str => quote!(form.text(#key, #value);),
        Scalar::DateTime => quote!(form.date_time(#key, #value);),
        Scalar::Date => quote!(form.date(#key, #value);),
        Scalar::Enum => quote!(form.text(#key, #value.as_str());),
        Scalar::IntegerEnum => quote!(form.integer(#key, i64::from(#value.value()));),
        Scalar::I32 => quote!(form.integer(#key, i64::from(*#value));),
        Scalar::I64 => quote!(form.integer(#key, *#value);),
        Scalar::F64 => quote!(form.number(#key, *#value);),
        Scalar::Bool => quote!(form.boolean(#key, *#value);),
    }
}

/// The JSON body: the whole-body member, or an object of the members that are set, in
/// documented order.
fn encode_json(request: &Request) -> TokenStream {
    let whole = request.members.iter().find(|m| m.place == Place::JsonBody);
    let body = match whole {
        Some(m) => {
            let rust = ident(&m.rust);
            quote!(crate::runtime::json_text("body", &self.#rust))
        }
        None => {
            let inserts = request
                .members
                .iter()
                .filter(|m| m.place == Place::JsonMember)
                .map(|m| {
                    let key = &m.wire;
                    with_value(m, quote!(self), quote!(object.member(#key, value)?;))
                });
            quote! {
                let mut object = crate::runtime::JsonObject::new();
                #(#inserts)*
                Ok(object.finish())
            }
        }
    };
    quote! {
        /// The JSON body, members in documented order; unset optional members are left out.
        #[inline]
        fn json(&self) -> Result<String, crate::Error> {
            #body
        }
    }
}

/// The multipart body: one part per member that is set (one per item of an array), in
/// documented order.
fn encode_multipart(request: &Request) -> TokenStream {
    let pushes = request
        .members
        .iter()
        .filter(|m| m.place == Place::Part)
        .map(|m| {
            let key = &m.wire;
            let content_type = match &m.content_type {
                Some(content_type) => quote!(Some(#content_type)),
                None => quote!(None),
            };
            let text_part = |scalar: Scalar, value: TokenStream| match scalar {
                Scalar::Str => quote!(parts.text(#key, #value, #content_type);),
                other => {
                    let text = scalar_text(other, value);
                    quote!(parts.text(#key, &#text, #content_type);)
                }
            };
            let push = match &m.encoding {
                Encoding::Scalar { scalar } => text_part(*scalar, quote!(value)),
                Encoding::Repeated { item } => {
                    let push = text_part(*item, quote!(item));
                    quote! { for item in value { #push } }
                }
                Encoding::Joined { item, separator } => {
                    let text = scalar_text(*item, quote!(item));
                    quote! {
                        let joined: Vec<String> = value.iter().map(|item| #text).collect();
                        parts.text(#key, &joined.join(#separator), #content_type);
                    }
                }
                Encoding::DeepObject => quote!(parts.deep(#key, value)?;),
                Encoding::Upload => quote!(parts.upload(#key, value, #content_type);),
                Encoding::Uploads => {
                    quote! { for item in value { parts.upload(#key, item, #content_type); } }
                }
                Encoding::Json
                | Encoding::JsonText
                | Encoding::ExplodedObject
                | Encoding::JoinedObject { .. } => {
                    quote!(parts.json(#key, value, #content_type)?;)
                }
            };
            with_value(m, quote!(self), push)
        });
    quote! {
        /// The multipart body: a part per member that is set, in documented order (text
        /// parts, JSON parts, files).
        #[inline]
        fn multipart(&self) -> Result<crate::runtime::Multipart, crate::Error> {
            let mut parts = crate::runtime::Multipart::new();
            #(#pushes)*
            Ok(parts)
        }
    }
}

/// The expression of the request's `body` (an `Option<runtime::Body>`), inside the operation
/// method where the request struct is `request`.
pub(super) fn body_expr(op: &Operation) -> TokenStream {
    let encoded = encoded_body(op);
    match op.request.as_ref().and_then(|r| r.other_body.as_ref()) {
        Some(other) => {
            let rust = ident(&other.rust);
            quote! {
                match &request.#rust {
                    Some(body) => Some(body.clone()),
                    None => #encoded,
                }
            }
        }
        None => encoded,
    }
}

fn encoded_body(op: &Operation) -> TokenStream {
    let members: &[Member] = op.request.as_ref().map_or(&[], |r| &r.members);
    match &op.body {
        Body::None => quote!(None),
        Body::Form { .. } => quote!(Some(crate::runtime::Body::form(request.form()?))),
        Body::Json { content_type } => {
            quote!(Some(crate::runtime::Body::json(#content_type, request.json()?)))
        }
        Body::Multipart { .. } => {
            quote!(Some(crate::runtime::Body::multipart(request.multipart()?)))
        }
        Body::Raw { content_type } => match members.iter().find(|m| m.place == Place::RawBody) {
            Some(m) => {
                let rust = ident(&m.rust);
                match m.encoding {
                    Encoding::Upload => {
                        quote!(Some(crate::runtime::Body::upload(#content_type, &request.#rust)))
                    }
                    // The plan gives a raw body bytes (an upload) or text: the rest is text.
                    Encoding::Scalar { .. }
                    | Encoding::Repeated { .. }
                    | Encoding::Joined { .. }
                    | Encoding::JsonText
                    | Encoding::Json
                    | Encoding::DeepObject
                    | Encoding::ExplodedObject
                    | Encoding::JoinedObject { .. }
                    | Encoding::Uploads => {
                        quote!(Some(crate::runtime::Body::text(#content_type, request.#rust.clone())))
                    }
                }
            }
            None => quote!(None),
        },
    }
}

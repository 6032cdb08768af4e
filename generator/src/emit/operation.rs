//! One operation's items, as the plan has them: its request struct and how each member is
//! encoded, its answer's types, and its method on `Client`.

mod paging;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use super::types::{ident, item, ty};
use crate::plan::{
    Body, Decoder, Encoding, Member, Operation, PathPiece, Place, Request, Scalar, Setter,
};

fn plain_ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `` `POST /v1/Rooms`: Create room ``.
pub fn title(op: &Operation) -> String {
    format!(
        "`{} {}`: {}",
        op.http_method,
        op.path_template,
        docs::sanitize(&op.summary)
    )
}

/// The operation's items.
pub fn items(op: &Operation) -> TokenStream {
    let request = op.request.as_ref().map(|r| request_struct(op, r));
    let response = op.response_items.iter().map(item);
    let method = client_method(op);
    let paging = op.paging.as_ref().map(|p| paging::items(op, p));
    quote! {
        #request
        #(#response)*
        #method
        #paging
    }
}

fn method_link(op: &Operation) -> String {
    let method = op.method.trim_start_matches("r#");
    format!("[`Client::{method}`](crate::Client::{method})")
}

/// The type a setter or constructor takes for a member and how it turns the argument `value`
/// into the member's value.
fn setter_type(member: &Member, value: &Ident) -> (TokenStream, TokenStream) {
    match (member.setter, &member.ty) {
        (Setter::Str, _) => (quote!(&str), quote!(#value.to_owned())),
        // A boxed member takes the value and boxes it.
        (Setter::Value, crate::plan::Ty::Box { inner }) => (ty(inner), quote!(Box::new(#value))),
        (Setter::Value, other) => (ty(other), quote!(#value)),
    }
}

fn request_struct(op: &Operation, request: &Request) -> TokenStream {
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
        quote!(Self { #(#inits),* })
    };
    let setters = request.members.iter().filter(|m| !m.required).map(|m| {
        let rust = ident(&m.rust);
        let (arg, convert) = setter_type(m, &plain_ident("value"));
        let doc = format!(" Sets `{}`.", m.wire);
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #rust(mut self, value: #arg) -> Self {
                self.#rust = Some(#convert);
                self
            }
        }
    });
    let derive_default = required.is_empty().then(|| quote!(Default,));
    let encode = match op.body {
        Body::Form { .. } => encode_form(request),
        Body::Json { .. } => encode_json(request),
        Body::None => TokenStream::new(),
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
        }

        impl #name {
            /// A request with the required values; set optional ones with the methods below.
            #[inline]
            pub fn new(#(#new_args),*) -> Self {
                #new_body
            }

            #(#setters)*

            #encode
        }

        #(#nested)*
    }
}

/// `let value = &self.x; push` for a required member, `if let Some(value) = &self.x { push }`
/// for an optional one (`owner` is `self` or `request`).
fn with_value(member: &Member, owner: TokenStream, push: TokenStream) -> TokenStream {
    let rust = ident(&member.rust);
    if member.required {
        quote! { let value = &#owner.#rust; #push }
    } else {
        quote! { if let Some(value) = &#owner.#rust { #push } }
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
                Encoding::Joined { .. } | Encoding::JsonText | Encoding::Json => {
                    quote!(form.json(#key, value)?;)
                }
            };
            with_value(m, quote!(self), push)
        });
    quote! {
        /// The form body, in documented field order (Twilio's conventions: arrays as repeated
        /// keys, objects as JSON text).
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

/// A scalar value (a reference) as text.
fn scalar_text(scalar: Scalar, value: TokenStream) -> TokenStream {
    match scalar {
        Scalar::Str => quote!(#value.clone()),
        Scalar::DateTime => quote!(crate::runtime::date_time_text(#value)),
        Scalar::Enum => quote!(#value.as_str().to_owned()),
        Scalar::Date | Scalar::I32 | Scalar::I64 | Scalar::F64 | Scalar::Bool => {
            quote!(#value.to_string())
        }
    }
}

/// A member's value as one text (path segments, single values).
fn text_of(member: &Member, value: TokenStream) -> TokenStream {
    match &member.encoding {
        Encoding::Scalar { scalar } => scalar_text(*scalar, value),
        _ => {
            let key = &member.wire;
            quote!(crate::runtime::json_text(#key, #value)?)
        }
    }
}

/// `(key, text)` pairs of a member pushed onto `list` (headers and cookies).
fn pairs(member: &Member, list: &Ident) -> TokenStream {
    let key = &member.wire;
    let push = match &member.encoding {
        Encoding::Repeated { item } => {
            let text = scalar_text(*item, quote!(item));
            quote! { for item in value { #list.push((#key, #text)); } }
        }
        Encoding::Joined {
            item: Scalar::Str,
            separator,
        } => quote! { #list.push((#key, value.join(#separator))); },
        Encoding::Joined { item, separator } => {
            let text = scalar_text(*item, quote!(item));
            quote! { #list.push((#key, value.iter().map(|item| #text).collect::<Vec<_>>().join(#separator))); }
        }
        Encoding::Scalar { .. } | Encoding::JsonText | Encoding::Json => {
            let text = text_of(member, quote!(value));
            quote! { #list.push((#key, #text)); }
        }
    };
    with_value(member, quote!(request), push)
}

/// A query member added to `query` (a `runtime::Query`, which keeps a joined array's
/// separators literal).
fn query_pairs(member: &Member) -> TokenStream {
    let key = &member.wire;
    let push = match &member.encoding {
        Encoding::Repeated { item: Scalar::Str } => {
            quote! { for item in value { query.push(#key, item); } }
        }
        Encoding::Scalar {
            scalar: Scalar::Str,
        } => quote! { query.push(#key, value); },
        Encoding::Repeated { item } => {
            let text = scalar_text(*item, quote!(item));
            quote! { for item in value { query.push(#key, &#text); } }
        }
        Encoding::Joined {
            item: Scalar::Str,
            separator,
        } => quote! { query.joined(#key, value, #separator); },
        Encoding::Joined { item, separator } => {
            let text = scalar_text(*item, quote!(item));
            quote! { query.joined(#key, value.iter().map(|item| #text), #separator); }
        }
        Encoding::Scalar { .. } | Encoding::JsonText | Encoding::Json => {
            let text = text_of(member, quote!(value));
            quote! { query.push(#key, &#text); }
        }
    };
    with_value(member, quote!(request), push)
}

fn client_method(op: &Operation) -> TokenStream {
    let method_name = ident(&op.method);
    let http_method = plain_ident(&op.http_method);
    let endpoint = format!("`{} {}`", op.http_method, op.path_template);
    let paragraphs = [
        op.summary.clone(),
        op.description.clone(),
        endpoint,
        responses_doc(op),
    ];
    let docs = docs::attrs(paragraphs.iter().map(String::as_str));
    let (arg, call_args) = match &op.request {
        None => (TokenStream::new(), TokenStream::new()),
        Some(request) => {
            let name = ident(&request.name);
            (quote!(request: &#name), quote!(request))
        }
    };
    let members: &[Member] = op.request.as_ref().map_or(&[], |r| &r.members);
    let segments = path_segments(op, members);
    let has_cookies = members.iter().any(|m| m.place == Place::Cookie);
    let list = |place: Place, name: &str, mutable: bool| {
        let list = plain_ident(name);
        let pushes: Vec<_> = members
            .iter()
            .filter(|m| m.place == place)
            .map(|m| pairs(m, &list))
            .collect();
        if pushes.is_empty() && !mutable {
            quote!(let #list = Vec::new();)
        } else {
            quote!(let mut #list = Vec::new(); #(#pushes)*)
        }
    };
    let query_pushes: Vec<_> = members
        .iter()
        .filter(|m| m.place == Place::Query)
        .map(query_pairs)
        .collect();
    let query = if query_pushes.is_empty() {
        quote!(let query = crate::runtime::Query::new();)
    } else {
        quote!(let mut query = crate::runtime::Query::new(); #(#query_pushes)*)
    };
    let mut headers = list(Place::Header, "headers", has_cookies);
    if has_cookies {
        let cookies = list(Place::Cookie, "cookies", false);
        // One `Cookie: a=1; b=2` header after the others; the runtime refuses values that
        // cannot be sent in it.
        headers.extend(quote! {
            #cookies
            if let Some(cookie) = crate::runtime::cookie_header(&cookies)? {
                headers.push(("Cookie", cookie));
            }
        });
    }
    let (form, json) = match &op.body {
        Body::Form { .. } => (quote!(Some(request.form()?)), quote!(None)),
        Body::Json { content_type } => {
            (quote!(None), quote!(Some((#content_type, request.json()?))))
        }
        Body::None => (quote!(None), quote!(None)),
    };
    let (body_ty, headers_ty) = (ty(&op.success.body), ty(&op.success.headers));
    let decode = decoder(op.success.decoder);
    let operation = op.method.trim_start_matches("r#");
    let template = &op.path_template;
    let blocking_doc = format!(" The blocking form of {}.", method_link(op));
    // Operation methods (like setters and struct readers) are `#[inline]`: a library's other
    // functions are compiled with it whether used or not, these where they are called, so
    // a program pays for the operations it uses (BENCHMARKS.md).
    quote! {
        impl crate::Client {
            #docs
            #[inline]
            pub fn #method_name(&self, #arg) -> crate::Call<'_, #body_ty, #headers_ty> {
                // The request is built now (a value that cannot be sent as given is the
                // call's error); it is sent when the call is awaited.
                self.core.call(
                    || {
                        #segments
                        #query
                        #headers
                        self.core.sending(crate::runtime::Request {
                            operation: #operation,
                            path_template: #template,
                            method: ::reqwest::Method::#http_method,
                            path: &path,
                            query,
                            headers,
                            form: #form,
                            json: #json,
                        })
                    },
                    crate::runtime::#decode,
                )
            }
        }

        #[cfg(feature = "blocking")]
        impl crate::blocking::Client {
            #[doc = #blocking_doc]
            #[inline]
            pub fn #method_name(&self, #arg) -> Result<crate::Response<#body_ty, #headers_ty>, crate::Error> {
                self.block_on(self.as_async().#method_name(#call_args))
            }
        }
    }
}

/// The runtime function that decodes a successful answer.
fn decoder(decoder: Decoder) -> Ident {
    plain_ident(match decoder {
        Decoder::Json => "decode_json",
        Decoder::Empty => "decode_empty",
        Decoder::JsonOrEmpty => "decode_json_or_empty",
    })
}

/// `let path = ["v1", "Rooms", ...];` with every parameter as exactly one segment.
fn path_segments(op: &Operation, members: &[Member]) -> TokenStream {
    let member = |rust: &str| members.iter().find(|m| m.rust == rust);
    let is_str = |m: &Member| {
        matches!(
            m.encoding,
            Encoding::Scalar {
                scalar: Scalar::Str
            }
        )
    };
    let mut bindings = Vec::new();
    let mut segments = Vec::new();
    for (index, parts) in op.path.iter().enumerate() {
        let texts: Vec<TokenStream> = parts
            .iter()
            .map(|part| match part {
                PathPiece::Literal(text) => quote!(#text),
                PathPiece::Member(rust) => match member(rust) {
                    Some(m) if is_str(m) => {
                        let rust = ident(&m.rust);
                        quote!(request.#rust.as_str())
                    }
                    Some(m) => {
                        let rust = ident(&m.rust);
                        bindings.push(quote!(let #rust = &request.#rust;));
                        // Numbers, booleans and enums go into `format!` by `Display`.
                        let displayable = matches!(
                            m.encoding,
                            Encoding::Scalar {
                                scalar: Scalar::I32
                                    | Scalar::I64
                                    | Scalar::F64
                                    | Scalar::Bool
                                    | Scalar::Enum
                            }
                        );
                        if displayable && parts.len() > 1 {
                            quote!(#rust)
                        } else {
                            text_of(m, quote!(#rust))
                        }
                    }
                    None => quote!(""),
                },
            })
            .collect();
        let single_str = |part: &PathPiece| match part {
            PathPiece::Literal(_) => true,
            PathPiece::Member(rust) => member(rust).is_some_and(is_str),
        };
        match (parts.as_slice(), texts.as_slice()) {
            ([part], [text]) if single_str(part) => segments.push(text.clone()),
            ([_], [text]) => {
                let binding = quote::format_ident!("segment_{}", index);
                bindings.push(quote!(let #binding: &str = &#text;));
                segments.push(quote!(#binding));
            }
            _ => {
                // Literal text goes into the format string; each parameter is one `{}`.
                let binding = quote::format_ident!("segment_{}", index);
                let format: String = parts
                    .iter()
                    .map(|part| match part {
                        PathPiece::Literal(text) => text.replace('{', "{{").replace('}', "}}"),
                        PathPiece::Member(_) => "{}".to_owned(),
                    })
                    .collect();
                let args = parts
                    .iter()
                    .zip(&texts)
                    .filter(|(p, _)| matches!(p, PathPiece::Member(_)))
                    .map(|(_, t)| t);
                bindings.push(quote!(let #binding: &str = &format!(#format, #(#args),*);));
                segments.push(quote!(#binding));
            }
        }
    }
    quote! {
        #(#bindings)*
        let path = [#(#segments),*];
    }
}

fn responses_doc(op: &Operation) -> String {
    let mut lines = vec!["# Responses".to_owned(), String::new()];
    for response in &op.responses {
        let what = match response.outcome {
            crate::plan::Outcome::Decoded | crate::plan::Outcome::Success => "returned as `Ok`",
            crate::plan::Outcome::Empty => "returned as `Ok` with no body (`None`)",
            crate::plan::Outcome::Error => "returned as [`Error::Api`](crate::Error::Api)",
        };
        let body = response.error_body.as_ref().map_or(String::new(), |ty| {
            let name = ty.text();
            format!("; its body reads as [`{name}`](crate::types::{name}) with `err.body_as::<types::{name}>()`")
        });
        lines.push(format!(
            "- `{} {}`: {what}{body}",
            response.status, response.reason
        ));
    }
    lines.push("- any other status outside 2xx: [`Error::Api`](crate::Error::Api)".to_owned());
    lines.join("\n")
}

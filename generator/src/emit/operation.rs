//! One operation's items, as the plan has them: its request struct and how each member is
//! encoded, its answer's types, and its method on `Client`.

mod paging;
mod request;
mod values;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use super::types::{ident, item, ty};
use crate::plan::{Decoder, Member, Operation, PathPiece, Place, Scalar};
use values::{pairs, query_pairs, text_of};

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
    let request = op.request.as_ref().map(|r| request::request_struct(op, r));
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

/// The operation's method, and its event-stream method when it has one.
fn client_method(op: &Operation) -> TokenStream {
    let endpoint = format!("`{} {}`", op.http_method, op.path_template);
    let also_events = op.events.as_ref().map_or(String::new(), |events| {
        let name = events.method.trim_start_matches("r#");
        format!(
            "The answer is also documented as a stream of events: \
             [`Client::{name}`](crate::Client::{name}) asks for it."
        )
    });
    let paragraphs = [
        op.summary.clone(),
        op.description.clone(),
        endpoint.clone(),
        returns_doc(op.success.decoder),
        also_events,
        responses_doc(op),
    ];
    let success = &op.success;
    let mut tokens = method(op, &op.method, &paragraphs, &success.body, success.decoder);
    if let Some(events) = &op.events {
        let stream = format!(
            "The event stream of {}: the same request, sent with `Accept: text/event-stream` \
             (where the API asks the request to say so too, as OpenAI's `stream: true`, set \
             that member). Each event's data is decoded as JSON into `{}`.",
            method_link(op),
            events.item.text()
        );
        let paragraphs = [
            op.summary.clone(),
            stream,
            endpoint,
            returns_doc(Decoder::Events),
            responses_doc(op),
        ];
        let item = Box::new(events.item.clone());
        let body = crate::plan::Ty::Events { item };
        tokens.extend(method(
            op,
            &events.method,
            &paragraphs,
            &body,
            Decoder::Events,
        ));
    }
    tokens
}

/// What a call whose answer is read by `decoder` gives, when that needs saying.
fn returns_doc(decoder: Decoder) -> String {
    match decoder {
        Decoder::Download => "The body is a [`Download`](crate::runtime::Download), not read yet: \
             stream it (`into_stream()`, on the blocking client `std::io::Read`) or read it \
             whole (`bytes()`, up to the client's `max_response_body`)."
            .to_owned(),
        Decoder::Events => "The body is [`Events`](crate::runtime::Events), a stream of the \
             answer's Server-Sent Events (on the blocking client an `Iterator`), each event's \
             data decoded; it ends at a `[DONE]` event or the end of the stream, and a stream \
             cut in the middle of an event is an error."
            .to_owned(),
        Decoder::Json
        | Decoder::Empty
        | Decoder::JsonOrEmpty
        | Decoder::Text
        | Decoder::ByStatus => String::new(),
    }
}

/// One `Client` method (and its blocking form) that sends the operation's request and reads
/// the answer with `decoder` into `Response<body, headers>`.
fn method(
    op: &Operation,
    name: &str,
    paragraphs: &[String],
    body: &crate::plan::Ty,
    decoder: Decoder,
) -> TokenStream {
    let method_name = ident(name);
    let http_method = plain_ident(&op.http_method);
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
    let request_body = request::body_expr(op);
    let (body_ty, headers_ty) = (ty(body), ty(&op.success.headers));
    let decode = self::decoder(decoder);
    let sending = plain_ident(match decoder {
        Decoder::Download => "sending_streamed",
        Decoder::Events => "sending_events",
        Decoder::Json
        | Decoder::Empty
        | Decoder::JsonOrEmpty
        | Decoder::Text
        | Decoder::ByStatus => "sending",
    });
    let operation = op.method.trim_start_matches("r#");
    let template = &op.path_template;
    let credentials = op.credentials;
    let linked = name.trim_start_matches("r#");
    let blocking_doc =
        format!(" The blocking form of [`Client::{linked}`](crate::Client::{linked}).");
    // The blocking client reads a streamed body on its own runtime.
    let blocking_body = super::types::blocking_ty(body);
    let blocking_call = match decoder {
        Decoder::Download => quote!(self.download),
        Decoder::Events => quote!(self.events),
        Decoder::Json
        | Decoder::Empty
        | Decoder::JsonOrEmpty
        | Decoder::Text
        | Decoder::ByStatus => quote!(self.block_on),
    };
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
                        self.core.#sending(crate::runtime::Request {
                            operation: #operation,
                            path_template: #template,
                            method: ::reqwest::Method::#http_method,
                            path: &path,
                            query,
                            headers,
                            body: #request_body,
                            credentials: #credentials,
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
            pub fn #method_name(&self, #arg) -> Result<crate::Response<#blocking_body, #headers_ty>, crate::Error> {
                #blocking_call(self.as_async().#method_name(#call_args))
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
        Decoder::Text => "decode_text",
        Decoder::Download => "decode_download",
        Decoder::Events => "decode_events",
        Decoder::ByStatus => "decode_answer",
    })
}

/// `let path = ["v1", "Rooms", ...];` with every parameter as exactly one segment.
fn path_segments(op: &Operation, members: &[Member]) -> TokenStream {
    let member = |rust: &str| members.iter().find(|m| m.rust == rust);
    let is_str = |m: &Member| m.encoding.scalar() == Some(Scalar::Str);
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
                        let displayable = match m.encoding.scalar() {
                            Some(
                                Scalar::I32
                                | Scalar::I64
                                | Scalar::F64
                                | Scalar::Bool
                                | Scalar::Enum
                                | Scalar::IntegerEnum,
                            ) => true,
                            Some(Scalar::Str | Scalar::DateTime | Scalar::Date) | None => false,
                        };
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
                    .filter(|(p, _)| match p {
                        PathPiece::Literal(_) => false,
                        PathPiece::Member(_) => true,
                    })
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
        let what = match (response.outcome, &response.variant) {
            (crate::plan::Outcome::Decoded, Some(variant)) => {
                let body = ty_text(&op.success.body);
                format!("returned as `Ok` with [`{body}::{variant}`]({body}::{variant})")
            }
            (crate::plan::Outcome::Decoded | crate::plan::Outcome::Success, _) => {
                "returned as `Ok`".to_owned()
            }
            (crate::plan::Outcome::Empty, _) => "returned as `Ok` with no body (`None`)".to_owned(),
            (crate::plan::Outcome::Error, _) => {
                "returned as [`Error::Api`](crate::Error::Api)".to_owned()
            }
        };
        let body = match response.outcome {
            crate::plan::Outcome::Error => op
                .errors
                .as_ref()
                .zip(response.variant.as_ref())
                .map(|(errors, variant)| format!(
                    "; `err.body_as::<{errors}>()` reads it as [`{errors}::{variant}`]({errors}::{variant})"
                ))
                .unwrap_or_default(),
            crate::plan::Outcome::Decoded
            | crate::plan::Outcome::Success
            | crate::plan::Outcome::Empty => String::new(),
        };
        lines.push(format!(
            "- `{} {}`: {what}{body}",
            response.status, response.reason
        ));
    }
    // `default` already covers every other status.
    if !op.responses.iter().any(|r| r.status == "default") {
        let other = op.errors.as_ref().and_then(|errors| {
            let item = op.response_items.iter().find(|i| &i.name == errors)?;
            let other = match &item.kind {
                crate::plan::ItemKind::ByStatus { other, .. } => other.as_ref()?,
                crate::plan::ItemKind::Struct { .. }
                | crate::plan::ItemKind::Enum { .. }
                | crate::plan::ItemKind::IntegerEnum { .. }
                | crate::plan::ItemKind::Union { .. }
                | crate::plan::ItemKind::Untagged { .. }
                | crate::plan::ItemKind::Tagged { .. }
                | crate::plan::ItemKind::Alias { .. }
                | crate::plan::ItemKind::Headers { .. } => return None,
            };
            Some(format!(
                "; `err.body_as::<{errors}>()` reads it as [`{errors}::{other}`]({errors}::{other})"
            ))
        });
        lines.push(format!(
            "- any other status outside 2xx: [`Error::Api`](crate::Error::Api){}",
            other.unwrap_or_default()
        ));
    }
    lines.join("\n")
}

/// A type's name as the operation's module spells it.
fn ty_text(ty: &crate::plan::Ty) -> String {
    match ty {
        crate::plan::Ty::Named { name, module: None } => format!("crate::types::{name}"),
        other => other.text(),
    }
}

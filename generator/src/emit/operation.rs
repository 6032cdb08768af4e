//! One operation's module: its request type, response types and its method on `Client`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{
    StringKind, field_docs, field_type, ident, json_struct, objects, rust_type, string_kind,
};
use crate::ir::{Field, Operation, ParamLocation, PathPart, Presence, Response, Type};

/// Where a request field goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Path,
    Query,
    Header,
    Form,
}

struct RequestField<'a> {
    field: &'a Field,
    place: Place,
    required: bool,
}

/// Names of the types an operation's module exports (for the crate root's re-exports).
pub fn exported_types(operation: &Operation) -> Vec<String> {
    let mut names = Vec::new();
    if !request_fields(operation).is_empty() {
        names.push(request_name(operation));
    }
    if let Some(body) = operation.success().and_then(|r| r.body.as_ref()) {
        let mut found = Vec::new();
        objects(&body.ty, &mut found);
        names.extend(found.iter().map(|(name, _)| name.to_string()));
    }
    if operation.success().is_some_and(|r| !r.headers.is_empty()) {
        names.push(headers_name(operation));
    }
    names
}

pub fn module(operation: &Operation) -> TokenStream {
    let summary = format!(
        " `{} {}`: {}",
        operation.method.as_str(),
        operation.path.template,
        operation.summary
    );
    let fields = request_fields(operation);
    let request = (!fields.is_empty()).then(|| request_struct(operation, &fields));
    let response = operation.success().map(|r| response_types(operation, r));
    let method = client_method(operation, &fields);
    quote! {
        #![doc = #summary]
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #request
        #response
        #method
    }
}

fn request_name(operation: &Operation) -> String {
    match &operation.body {
        Some(body) => match &body.ty {
            Type::Object { name, .. } => name.clone(),
            _ => format!("{}Request", operation.type_name),
        },
        None => format!("{}Request", operation.type_name),
    }
}

fn headers_name(operation: &Operation) -> String {
    format!("{}ResponseHeaders", operation.type_name)
}

/// Parameters first (path, query, header in documented order), then form fields.
fn request_fields(operation: &Operation) -> Vec<RequestField<'_>> {
    let mut fields: Vec<RequestField> = operation
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Cookie)
        .map(|p| RequestField {
            field: &p.field,
            place: match p.location {
                ParamLocation::Path => Place::Path,
                ParamLocation::Query => Place::Query,
                _ => Place::Header,
            },
            required: p.location == ParamLocation::Path || p.field.required == Presence::Required,
        })
        .collect();
    if let Some(Type::Object { fields: body, .. }) = operation.body.as_ref().map(|b| &b.ty) {
        fields.extend(body.iter().map(|field| RequestField {
            field,
            place: Place::Form,
            required: field.required == Presence::Required,
        }));
    }
    fields
}

fn is_plain_string(ty: &Type) -> bool {
    matches!(ty, Type::String { format } if string_kind(format.as_deref()) == StringKind::Plain)
}

/// The type a setter or constructor takes for a field (`&str` for strings, the type otherwise)
/// and how it turns the argument `value` into the field's value.
fn setter_type(ty: &Type, value: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    if is_plain_string(ty) {
        (quote!(&str), quote!(#value.to_owned()))
    } else {
        (rust_type(ty), quote!(#value))
    }
}

fn request_struct(operation: &Operation, fields: &[RequestField]) -> TokenStream {
    let name = ident(&request_name(operation));
    let method_link = format!(
        " Parameters of [`Client::{0}`](crate::Client::{0}).",
        operation.name.rust.trim_start_matches("r#")
    );
    let struct_fields = fields.iter().map(|f| {
        let rust = ident(&f.field.name.rust);
        let ty = field_type(f.field, !f.required);
        let note = match f.place {
            Place::Path => "Path parameter",
            Place::Query => "Query parameter",
            Place::Header => "Header",
            Place::Form => "Form field",
        };
        let docs = field_docs(f.field, note);
        quote! { #docs pub #rust: #ty, }
    });
    let required: Vec<&RequestField> = fields.iter().filter(|f| f.required).collect();
    let new_args = required.iter().map(|f| {
        let rust = ident(&f.field.name.rust);
        let (ty, _) = setter_type(&f.field.ty, &rust);
        quote!(#rust: #ty)
    });
    let new_inits = fields.iter().map(|f| {
        let rust = ident(&f.field.name.rust);
        if f.required {
            let (_, convert) = setter_type(&f.field.ty, &rust);
            quote!(#rust: #convert)
        } else {
            quote!(#rust: None)
        }
    });
    let setters = fields.iter().filter(|f| !f.required).map(|f| {
        let rust = ident(&f.field.name.rust);
        let (ty, convert) = setter_type(
            &f.field.ty,
            &proc_macro2::Ident::new("value", proc_macro2::Span::call_site()),
        );
        let doc = format!(" Sets `{}`.", f.field.name.wire);
        quote! {
            #[doc = #doc]
            pub fn #rust(mut self, value: #ty) -> Self {
                self.#rust = Some(#convert);
                self
            }
        }
    });
    let derive_default = required.is_empty().then(|| quote!(Default,));
    let new_body = if required.is_empty() {
        quote!(Self::default())
    } else {
        quote!(Self { #(#new_inits),* })
    };
    let encode = encode_form(fields);
    let nested = nested_request_objects(operation);
    quote! {
        #[doc = #method_link]
        ///
        /// Optional fields left unset are not sent.
        #[derive(Debug, Clone, #derive_default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#struct_fields)*
        }

        impl #name {
            /// A request with the required values; set optional ones with the methods below.
            pub fn new(#(#new_args),*) -> Self {
                #new_body
            }

            #(#setters)*

            #encode
        }

        #nested
    }
}

/// Structs of objects nested in the request body (sent as JSON text in one form field).
fn nested_request_objects(operation: &Operation) -> TokenStream {
    let Some(body) = &operation.body else {
        return TokenStream::new();
    };
    let mut found = Vec::new();
    objects(&body.ty, &mut found);
    let structs = found.iter().skip(1).map(|(name, fields)| {
        let doc = docs::attrs([format!(
            "An object sent as JSON text in the `{}` request.",
            operation.name.wire
        )
        .as_str()]);
        json_struct(name, fields, doc)
    });
    quote!(#(#structs)*)
}

/// The request's path, query, headers and form body.
fn encode_form(fields: &[RequestField]) -> TokenStream {
    let form_fields: Vec<_> = fields.iter().filter(|f| f.place == Place::Form).collect();
    if form_fields.is_empty() {
        return TokenStream::new();
    }
    let pushes = form_fields.iter().map(|f| {
        let rust = ident(&f.field.name.rust);
        let push = form_push(&f.field.ty, &f.field.name.wire, quote!(value));
        if f.required {
            quote! { let value = &self.#rust; #push }
        } else {
            quote! { if let Some(value) = &self.#rust { #push } }
        }
    });
    quote! {
        /// The form body, in documented field order (Twilio's conventions: arrays as repeated
        /// keys, objects as JSON text).
        fn form(&self) -> Result<crate::runtime::Form, crate::Error> {
            let mut form = crate::runtime::Form::new();
            #(#pushes)*
            Ok(form)
        }
    }
}

/// Appends one value (a reference) to `form`.
fn form_push(ty: &Type, key: &str, value: TokenStream) -> TokenStream {
    match ty {
        Type::String { format } => match string_kind(format.as_deref()) {
            StringKind::DateTime => quote!(form.date_time(#key, #value);),
            StringKind::Date => quote!(form.date(#key, #value);),
            StringKind::Url => quote!(form.url(#key, #value);),
            StringKind::Plain => quote!(form.text(#key, #value);),
        },
        Type::Integer { format } if format.as_deref() == Some("int32") => {
            quote!(form.integer(#key, i64::from(*#value));)
        }
        Type::Integer { .. } => quote!(form.integer(#key, *#value);),
        Type::Number { .. } => quote!(form.number(#key, *#value);),
        Type::Boolean => quote!(form.boolean(#key, *#value);),
        Type::Array { items } if is_scalar(items) => {
            let push = form_push(items, key, quote!(item));
            quote! { for item in #value { #push } }
        }
        Type::Array { .. } | Type::Map { .. } | Type::Object { .. } | Type::Any => {
            quote!(form.json(#key, #value)?;)
        }
    }
}

fn is_scalar(ty: &Type) -> bool {
    matches!(
        ty,
        Type::String { .. } | Type::Integer { .. } | Type::Number { .. } | Type::Boolean
    )
}

/// A query or header value as text.
fn text_of(ty: &Type, key: &str, value: TokenStream) -> TokenStream {
    match ty {
        Type::String { format } => match string_kind(format.as_deref()) {
            StringKind::DateTime => quote!(crate::runtime::date_time_text(#value)),
            StringKind::Date | StringKind::Url => quote!(#value.to_string()),
            StringKind::Plain => quote!(#value.clone()),
        },
        Type::Integer { .. } | Type::Number { .. } | Type::Boolean => quote!(#value.to_string()),
        Type::Array { .. } | Type::Map { .. } | Type::Object { .. } | Type::Any => {
            quote!(crate::runtime::json_text(#key, #value)?)
        }
    }
}

/// `(key, text)` pairs pushed onto `list`; arrays in the query repeat the key, in headers they
/// are joined with commas.
fn pairs(f: &RequestField, list: TokenStream) -> TokenStream {
    let key = &f.field.name.wire;
    let push = match (&f.field.ty, f.place) {
        (Type::Array { items }, Place::Query) if is_scalar(items) => {
            let text = text_of(items, key, quote!(item));
            quote! { for item in value { #list.push((#key, #text)); } }
        }
        (Type::Array { items }, _) if is_plain_string(items) => {
            quote! { #list.push((#key, value.join(","))); }
        }
        (Type::Array { items }, _) if is_scalar(items) => {
            let text = text_of(items, key, quote!(item));
            quote! { #list.push((#key, value.iter().map(|item| #text).collect::<Vec<_>>().join(","))); }
        }
        (ty, _) => {
            let text = text_of(ty, key, quote!(value));
            quote! { #list.push((#key, #text)); }
        }
    };
    let rust = ident(&f.field.name.rust);
    if f.required {
        quote! { let value = &request.#rust; #push }
    } else {
        quote! { if let Some(value) = &request.#rust { #push } }
    }
}

fn response_types(operation: &Operation, response: &Response) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(body) = &response.body {
        let mut found = Vec::new();
        objects(&body.ty, &mut found);
        for (i, (name, fields)) in found.iter().enumerate() {
            let doc = if i == 0 {
                format!(
                    "The `{} {}` answer of [`Client::{}`](crate::Client::{}).",
                    response.status,
                    response.reason,
                    operation.name.rust.trim_start_matches("r#"),
                    operation.name.rust.trim_start_matches("r#"),
                )
            } else {
                format!("An object within [`{}`].", found[0].0)
            };
            out.extend(json_struct(name, fields, docs::attrs([doc.as_str()])));
        }
    }
    if !response.headers.is_empty() {
        out.extend(headers_struct(operation, response));
    }
    out
}

/// The documented response headers as typed values.
fn headers_struct(operation: &Operation, response: &Response) -> TokenStream {
    let name = ident(&headers_name(operation));
    let doc = format!(
        " Documented headers of the `{} {}` answer.",
        response.status, response.reason
    );
    let fields = response.headers.iter().map(|h| {
        let rust = ident(&h.name.rust);
        let ty = header_type(&h.ty).0;
        let docs = field_docs(h, "Header");
        quote! { #docs pub #rust: Option<#ty>, }
    });
    let reads = response.headers.iter().map(|h| {
        let rust = ident(&h.name.rust);
        let reader = header_type(&h.ty).1;
        let wire = &h.name.wire;
        quote! { #rust: crate::runtime::#reader(headers, #wire)?, }
    });
    quote! {
        #[doc = #doc]
        ///
        /// A header that is absent is `None`; one that is present but malformed is a decode error.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        impl crate::runtime::FromHeaders for #name {
            fn from_headers(headers: &::reqwest::header::HeaderMap) -> Result<Self, crate::runtime::DecodeError> {
                Ok(Self { #(#reads)* })
            }
        }
    }
}

/// The Rust type of a header and the runtime function that reads it.
fn header_type(ty: &Type) -> (TokenStream, proc_macro2::Ident) {
    let reader = |name: &str| proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
    match ty {
        Type::Boolean => (quote!(bool), reader("header_bool")),
        Type::Integer { .. } => (quote!(i64), reader("header_i64")),
        Type::Number { .. } => (quote!(f64), reader("header_f64")),
        _ => (quote!(String), reader("header_string")),
    }
}

fn client_method(operation: &Operation, fields: &[RequestField]) -> TokenStream {
    let method_name = ident(&operation.name.rust);
    let http_method =
        proc_macro2::Ident::new(operation.method.as_str(), proc_macro2::Span::call_site());
    let endpoint = format!(
        "`{} {}`",
        operation.method.as_str(),
        operation.path.template
    );
    let mut doc_paragraphs = vec![
        operation.summary.clone(),
        operation.description.clone(),
        endpoint,
    ];
    doc_paragraphs.push(responses_doc(operation));
    let docs = docs::attrs(doc_paragraphs.iter().map(String::as_str));

    let arg = if fields.is_empty() {
        TokenStream::new()
    } else {
        let name = ident(&request_name(operation));
        quote!(request: &#name)
    };
    let segments = path_segments(operation, fields);
    let query: Vec<_> = fields
        .iter()
        .filter(|f| f.place == Place::Query)
        .map(|f| pairs(f, quote!(query)))
        .collect();
    let headers: Vec<_> = fields
        .iter()
        .filter(|f| f.place == Place::Header)
        .map(|f| pairs(f, quote!(headers)))
        .collect();
    let has_form = fields.iter().any(|f| f.place == Place::Form);
    let form = if has_form {
        quote!(Some(request.form()?))
    } else {
        quote!(None)
    };
    let query_decl = if query.is_empty() {
        quote!(let query = Vec::new();)
    } else {
        quote!(let mut query = Vec::new(); #(#query)*)
    };
    let headers_decl = if headers.is_empty() {
        quote!(let headers = Vec::new();)
    } else {
        quote!(let mut headers = Vec::new(); #(#headers)*)
    };
    let (body_ty, headers_ty, decode) = decoded_types(operation);
    quote! {
        impl crate::Client {
            #docs
            pub async fn #method_name(&self, #arg) -> Result<crate::Response<#body_ty, #headers_ty>, crate::Error> {
                #segments
                #query_decl
                #headers_decl
                let raw = self
                    .execute(crate::runtime::Request {
                        method: ::reqwest::Method::#http_method,
                        path: &path,
                        query,
                        headers,
                        form: #form,
                    })
                    .await?;
                crate::runtime::#decode(raw)
            }
        }
    }
}

/// `let path = ["v1", "Rooms", ...];` with every parameter as exactly one segment.
fn path_segments(operation: &Operation, fields: &[RequestField]) -> TokenStream {
    let mut bindings = Vec::new();
    let mut segments = Vec::new();
    for (index, parts) in operation.path.segments.iter().enumerate() {
        let texts: Vec<TokenStream> = parts
            .iter()
            .map(|part| match part {
                PathPart::Literal(text) => quote!(#text),
                PathPart::Param(wire) => {
                    let field = fields
                        .iter()
                        .find(|f| f.place == Place::Path && f.field.name.wire == *wire);
                    match field {
                        Some(f) => {
                            let rust = ident(&f.field.name.rust);
                            let value = quote!(request.#rust);
                            if is_plain_string(&f.field.ty) {
                                quote!(#value.as_str())
                            } else {
                                text_of(&f.field.ty, wire, quote!((&#value)))
                            }
                        }
                        None => quote!(""),
                    }
                }
            })
            .collect();
        let plain_param = |wire: &str| {
            fields.iter().any(|f| {
                f.place == Place::Path && f.field.name.wire == wire && is_plain_string(&f.field.ty)
            })
        };
        match (parts.as_slice(), texts.as_slice()) {
            ([PathPart::Literal(_)], [text]) => segments.push(text.clone()),
            ([PathPart::Param(wire)], [text]) if plain_param(wire) => segments.push(text.clone()),
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
                        PathPart::Literal(text) => text.replace('{', "{{").replace('}', "}}"),
                        PathPart::Param(_) => "{}".to_owned(),
                    })
                    .collect();
                let args = parts
                    .iter()
                    .zip(&texts)
                    .filter(|(p, _)| matches!(p, PathPart::Param(_)))
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

/// The body type, headers type and runtime decoder of the success response.
fn decoded_types(operation: &Operation) -> (TokenStream, TokenStream, proc_macro2::Ident) {
    let decoder = |name: &str| proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
    let Some(success) = operation.success() else {
        return (
            quote!(::serde_json::Value),
            quote!(()),
            decoder("decode_json"),
        );
    };
    let headers = if success.headers.is_empty() {
        quote!(())
    } else {
        let name = ident(&headers_name(operation));
        quote!(#name)
    };
    match &success.body {
        Some(body) if body.content_type.contains("json") => {
            (rust_type(&body.ty), headers, decoder("decode_json"))
        }
        _ => (quote!(()), headers, decoder("decode_empty")),
    }
}

fn responses_doc(operation: &Operation) -> String {
    let mut lines = vec!["# Responses".to_owned(), String::new()];
    for response in &operation.responses {
        let what = if response.is_success() {
            "returned as `Ok`"
        } else {
            "returned as [`Error::Api`](crate::Error::Api)"
        };
        lines.push(format!(
            "- `{} {}`: {what}",
            response.status, response.reason
        ));
    }
    lines.push("- any other status outside 2xx: [`Error::Api`](crate::Error::Api)".to_owned());
    lines.join("\n")
}

//! One operation's items: its request type, response types and its method on `Client`.

mod paging;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use super::headers;
use super::types::{
    Definition, StringKind, TypeSpace, definitions, field_docs, ident, string_kind,
};
use crate::ir::{Field, Name, Operation, ParamLocation, PathPart, Presence, Response, Type};
use crate::names;

/// Where a request field goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Path,
    Query,
    Header,
    Form,
    /// A member of an `application/json` body.
    Json,
}

struct RequestField<'a> {
    field: &'a Field,
    place: Place,
    required: bool,
    /// Arrays in the query: repeat the key (`true`) or join with commas.
    explode: bool,
    /// The field's Rust name in the request struct, distinct among all the request's fields.
    rust: String,
}

impl RequestField<'_> {
    fn ident(&self) -> Ident {
        ident(&self.rust)
    }
}

/// An operation with the request fields gathered from its parameters and body.
pub struct OperationEmitter<'a> {
    op: &'a Operation,
    space: &'a TypeSpace<'a>,
    fields: Vec<RequestField<'a>>,
}

fn plain_ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

impl<'a> OperationEmitter<'a> {
    pub fn new(op: &'a Operation, space: &'a TypeSpace<'a>) -> Self {
        let mut fields: Vec<(&Field, Place, bool, bool)> = op
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Cookie)
            .map(|p| {
                let place = match p.location {
                    ParamLocation::Path => Place::Path,
                    ParamLocation::Query => Place::Query,
                    _ => Place::Header,
                };
                let required =
                    p.location == ParamLocation::Path || p.field.required == Presence::Required;
                (&p.field, place, required, p.explode)
            })
            .collect();
        if let Some(Type::Object { fields: body, .. }) =
            op.body.as_ref().map(|b| space.resolve(&b.ty))
        {
            fields.extend(
                body.iter()
                    .map(|f| (f, Place::Form, f.required == Presence::Required, true)),
            );
        }
        // Parameters and body fields share one struct: their Rust names must not collide.
        let mut names: Vec<Name> = fields.iter().map(|(f, ..)| f.name.clone()).collect();
        names::make_unique(&mut names);
        let fields = fields
            .into_iter()
            .zip(names)
            .map(|((field, place, required, explode), name)| RequestField {
                field,
                place,
                required,
                explode,
                rust: name.rust,
            })
            .collect();
        OperationEmitter { op, space, fields }
    }

    /// Is this the emitter of `op`?
    pub fn is(&self, op: &Operation) -> bool {
        std::ptr::eq(self.op, op)
    }

    pub fn operation(&self) -> &'a Operation {
        self.op
    }

    /// `` `POST /v1/Rooms`: Create room ``.
    pub fn title(&self) -> String {
        format!(
            "`{} {}`: {}",
            self.op.method.as_str(),
            self.op.path.template,
            docs::sanitize(&self.op.summary)
        )
    }

    /// Names of the types this operation defines (for the crate root's re-exports).
    pub fn exported_types(&self) -> Vec<String> {
        let mut names = Vec::new();
        if !self.fields.is_empty() {
            names.push(self.request_name());
        }
        names.extend(
            self.request_definitions()
                .iter()
                .map(|d| d.name().to_owned()),
        );
        if let Some(body) = self.op.success().and_then(|r| r.body.as_ref()) {
            let mut found = Vec::new();
            definitions(&body.ty, &mut found);
            names.extend(found.iter().map(|d| d.name().to_owned()));
        }
        if self.op.success().is_some_and(|r| !r.headers.is_empty()) {
            names.push(self.headers_name());
        }
        names
    }

    /// The operation's items.
    pub fn items(&self) -> TokenStream {
        let request = (!self.fields.is_empty()).then(|| self.request_struct());
        let response = self.op.success().map(|r| self.response_types(r));
        let method = self.client_method();
        let paging = self.paging().map(|paging| self.paging_items(&paging));
        quote! {
            #request
            #response
            #method
            #paging
        }
    }

    fn request_name(&self) -> String {
        match self.op.body.as_ref().map(|b| &b.ty) {
            Some(Type::Object { name, .. }) => name.clone(),
            _ => format!("{}Request", self.op.type_name),
        }
    }

    fn headers_name(&self) -> String {
        format!("{}ResponseHeaders", self.op.type_name)
    }

    fn method_link(&self) -> String {
        let method = self.op.name.rust.trim_start_matches("r#");
        format!("[`Client::{method}`](crate::Client::{method})")
    }

    /// Inline types used by the request's fields (the body object itself is flattened).
    fn request_definitions(&self) -> Vec<Definition<'a>> {
        let mut found = Vec::new();
        for f in &self.fields {
            definitions(&f.field.ty, &mut found);
        }
        found.retain(|d| !self.space.is_shared(d));
        found
    }

    fn is_plain_string(&self, ty: &Type) -> bool {
        matches!(self.space.resolve(ty), Type::String { format }
            if matches!(string_kind(format.as_deref()), StringKind::Plain | StringKind::DateTimeRfc2822))
    }

    /// The type a setter or constructor takes for a field (`&str` for strings, the type
    /// otherwise) and how it turns the argument `value` into the field's value.
    fn setter_type(&self, ty: &Type, value: &Ident) -> (TokenStream, TokenStream) {
        if self.is_plain_string(ty) && !matches!(ty, Type::Named { .. }) {
            (quote!(&str), quote!(#value.to_owned()))
        } else {
            (self.space.rust_type(ty), quote!(#value))
        }
    }

    fn request_struct(&self) -> TokenStream {
        let name = ident(&self.request_name());
        let doc = format!(" Parameters of {}.", self.method_link());
        let struct_fields = self.fields.iter().map(|f| {
            let rust = &f.ident();
            let ty = self.space.field_type(f.field, !f.required);
            let note = match f.place {
                Place::Path => "Path parameter",
                Place::Query => "Query parameter",
                Place::Header => "Header",
                Place::Form => "Form field",
                Place::Json => "JSON body member",
            };
            let docs = field_docs(f.field, Some(note));
            quote! { #docs pub #rust: #ty, }
        });
        let required: Vec<&RequestField> = self.fields.iter().filter(|f| f.required).collect();
        let new_args = required.iter().map(|f| {
            let rust = &f.ident();
            let (ty, _) = self.setter_type(&f.field.ty, rust);
            quote!(#rust: #ty)
        });
        let new_body = if required.is_empty() {
            quote!(Self::default())
        } else {
            let inits = self.fields.iter().map(|f| {
                let rust = &f.ident();
                if f.required {
                    let (_, convert) = self.setter_type(&f.field.ty, rust);
                    let convert = self.boxed(f.field, convert);
                    // `name: name` reads as the shorthand `name`.
                    if *rust == convert.to_string() {
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
        let setters = self.fields.iter().filter(|f| !f.required).map(|f| {
            let rust = &f.ident();
            let (ty, convert) = self.setter_type(&f.field.ty, &plain_ident("value"));
            let convert = self.boxed(f.field, convert);
            let doc = format!(" Sets `{}`.", f.field.name.wire);
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #rust(mut self, value: #ty) -> Self {
                    self.#rust = Some(#convert);
                    self
                }
            }
        });
        let derive_default = required.is_empty().then(|| quote!(Default,));
        let encode = self.encode_form();
        let encode_json = self.encode_json();
        let nested = self.request_definitions().into_iter().map(|definition| {
            let doc = docs::attrs([format!("A value sent with {}.", self.method_link()).as_str()]);
            self.space.definition(&definition, doc, &TokenStream::new())
        });
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
                #encode_json
            }

            #(#nested)*
        }
    }

    /// Wraps a value in `Box::new` when the field's type is boxed.
    fn boxed(&self, field: &Field, value: TokenStream) -> TokenStream {
        if self.space.is_boxed(field) {
            quote!(Box::new(#value))
        } else {
            value
        }
    }

    /// The form body, in documented field order.
    fn encode_form(&self) -> TokenStream {
        let pushes: Vec<TokenStream> = self
            .fields
            .iter()
            .filter(|f| f.place == Place::Form)
            .map(|f| {
                let rust = &f.ident();
                let push = self.form_push(&f.field.ty, &f.field.name.wire, quote!(value));
                if f.required {
                    quote! { let value = &self.#rust; #push }
                } else {
                    quote! { if let Some(value) = &self.#rust { #push } }
                }
            })
            .collect();
        if pushes.is_empty() {
            return TokenStream::new();
        }
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

    /// The JSON body: an object of the members that are set, in documented order.
    fn encode_json(&self) -> TokenStream {
        let inserts: Vec<TokenStream> = self
            .fields
            .iter()
            .filter(|f| f.place == Place::Json)
            .map(|f| {
                let (rust, key) = (&f.ident(), &f.field.name.wire);
                let insert = quote! {
                    let text = crate::runtime::json_text(#key, value)?;
                    members.push(format!("{}:{text}", crate::runtime::json_text(#key, #key)?));
                };
                if f.required {
                    quote! { let value = &self.#rust; #insert }
                } else {
                    quote! { if let Some(value) = &self.#rust { #insert } }
                }
            })
            .collect();
        if inserts.is_empty() {
            return TokenStream::new();
        }
        quote! {
            /// The JSON body, members in documented order; unset optional members are left out.
            #[inline]
            fn json(&self) -> Result<String, crate::Error> {
                let mut members: Vec<String> = Vec::new();
                #(#inserts)*
                Ok(format!("{{{}}}", members.join(",")))
            }
        }
    }

    /// Appends one value (a reference) to `form`.
    fn form_push(&self, ty: &Type, key: &str, value: TokenStream) -> TokenStream {
        match self.space.resolve(ty) {
            Type::String { format } => match string_kind(format.as_deref()) {
                StringKind::DateTime => quote!(form.date_time(#key, #value);),
                StringKind::Date => quote!(form.date(#key, #value);),
                StringKind::Plain | StringKind::DateTimeRfc2822 => quote!(form.text(#key, #value);),
            },
            Type::Enum { .. } => quote!(form.text(#key, #value.as_str());),
            Type::Integer { format } if format.as_deref() == Some("int32") => {
                quote!(form.integer(#key, i64::from(*#value));)
            }
            Type::Integer { .. } => quote!(form.integer(#key, *#value);),
            Type::Number { .. } => quote!(form.number(#key, *#value);),
            Type::Boolean => quote!(form.boolean(#key, *#value);),
            Type::Array { items } if self.is_scalar(items) => {
                let push = self.form_push(items, key, quote!(item));
                quote! { for item in #value { #push } }
            }
            _ => quote!(form.json(#key, #value)?;),
        }
    }

    fn is_scalar(&self, ty: &Type) -> bool {
        matches!(
            self.space.resolve(ty),
            Type::String { .. }
                | Type::Integer { .. }
                | Type::Number { .. }
                | Type::Boolean
                | Type::Enum { .. }
        )
    }

    /// A query, header or path value as text.
    fn text_of(&self, ty: &Type, key: &str, value: TokenStream) -> TokenStream {
        match self.space.resolve(ty) {
            Type::String { format } => match string_kind(format.as_deref()) {
                StringKind::DateTime => quote!(crate::runtime::date_time_text(#value)),
                StringKind::Date => quote!(#value.to_string()),
                StringKind::Plain | StringKind::DateTimeRfc2822 => quote!(#value.clone()),
            },
            Type::Enum { .. } => quote!(#value.as_str().to_owned()),
            Type::Integer { .. } | Type::Number { .. } | Type::Boolean => {
                quote!(#value.to_string())
            }
            _ => quote!(crate::runtime::json_text(#key, #value)?),
        }
    }

    /// `(key, text)` pairs pushed onto `list`: arrays repeat the key when exploded (the query
    /// default), else their items are joined with commas.
    fn pairs(&self, f: &RequestField, list: TokenStream) -> TokenStream {
        let key = &f.field.name.wire;
        let push = match self.space.resolve(&f.field.ty) {
            Type::Array { items }
                if self.is_scalar(items) && f.explode && f.place == Place::Query =>
            {
                let text = self.text_of(items, key, quote!(item));
                quote! { for item in value { #list.push((#key, #text)); } }
            }
            Type::Array { items } if self.is_plain_string(items) => {
                quote! { #list.push((#key, value.join(","))); }
            }
            Type::Array { items } if self.is_scalar(items) => {
                let text = self.text_of(items, key, quote!(item));
                quote! { #list.push((#key, value.iter().map(|item| #text).collect::<Vec<_>>().join(","))); }
            }
            _ => {
                let text = self.text_of(&f.field.ty, key, quote!(value));
                quote! { #list.push((#key, #text)); }
            }
        };
        let rust = &f.ident();
        if f.required {
            quote! { let value = &request.#rust; #push }
        } else {
            quote! { if let Some(value) = &request.#rust { #push } }
        }
    }

    fn response_types(&self, response: &Response) -> TokenStream {
        let mut out = TokenStream::new();
        if let Some(body) = &response.body {
            let mut found = Vec::new();
            definitions(&body.ty, &mut found);
            for (i, definition) in found.iter().enumerate() {
                let doc = if i == 0 {
                    format!(
                        "The `{} {}` answer of {}.",
                        response.status,
                        response.reason,
                        self.method_link()
                    )
                } else {
                    format!(
                        "Part of the `{} {}` answer of {}.",
                        response.status,
                        response.reason,
                        self.method_link()
                    )
                };
                let docs = docs::attrs([doc.as_str()]);
                out.extend(self.space.definition(definition, docs, &TokenStream::new()));
            }
        }
        if !response.headers.is_empty() {
            out.extend(self.headers_struct(response));
        }
        out
    }

    /// The documented response headers as typed values: a struct, or an alias of the struct
    /// that other operations share.
    fn headers_struct(&self, response: &Response) -> TokenStream {
        let name = self.headers_name();
        let answer = format!("`{} {}` answer", response.status, response.reason);
        match self.space.headers.name_of(&response.headers) {
            Some(shared) => {
                let alias = ident(&name);
                let target = ident(shared);
                let doc = format!(
                    " Documented headers of the {answer}: [`{shared}`](crate::types::{shared}), \
                     which other operations answer with too."
                );
                quote! {
                    #[doc = #doc]
                    pub type #alias = crate::types::#target;
                }
            }
            None => {
                let doc = format!(" Documented headers of the {answer}.");
                let cfg = TokenStream::new(); // the module's `cfg` covers it
                headers::headers_struct(self.space, &name, &doc, &response.headers, &cfg)
            }
        }
    }

    fn client_method(&self) -> TokenStream {
        let op = self.op;
        let method_name = ident(&op.name.rust);
        let http_method = plain_ident(op.method.as_str());
        let endpoint = format!("`{} {}`", op.method.as_str(), op.path.template);
        let paragraphs = [
            op.summary.clone(),
            op.description.clone(),
            endpoint,
            self.responses_doc(),
        ];
        let docs = docs::attrs(paragraphs.iter().map(String::as_str));

        let arg = if self.fields.is_empty() {
            TokenStream::new()
        } else {
            let name = ident(&self.request_name());
            quote!(request: &#name)
        };
        let segments = self.path_segments();
        let list = |place: Place, name: &str| {
            let list = plain_ident(name);
            let pushes: Vec<_> = self
                .fields
                .iter()
                .filter(|f| f.place == place)
                .map(|f| self.pairs(f, quote!(#list)))
                .collect();
            if pushes.is_empty() {
                quote!(let #list = Vec::new();)
            } else {
                quote!(let mut #list = Vec::new(); #(#pushes)*)
            }
        };
        let query = list(Place::Query, "query");
        let headers = list(Place::Header, "headers");
        let form = if self.fields.iter().any(|f| f.place == Place::Form) {
            quote!(Some(request.form()?))
        } else {
            quote!(None)
        };
        let json = if self.fields.iter().any(|f| f.place == Place::Json) {
            quote!(Some(request.json()?))
        } else {
            quote!(None)
        };
        let (body_ty, headers_ty, decode) = self.decoded_types();
        let operation = op.name.rust.trim_start_matches("r#");
        let template = &op.path.template;
        let call_args = if self.fields.is_empty() {
            TokenStream::new()
        } else {
            quote!(request)
        };
        let blocking_doc = format!(" The blocking form of {}.", self.method_link());
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

    /// `let path = ["v1", "Rooms", ...];` with every parameter as exactly one segment.
    fn path_segments(&self) -> TokenStream {
        let path_field = |wire: &str| {
            self.fields
                .iter()
                .find(|f| f.place == Place::Path && f.field.name.wire == wire)
        };
        let mut bindings = Vec::new();
        let mut segments = Vec::new();
        for (index, parts) in self.op.path.segments.iter().enumerate() {
            let texts: Vec<TokenStream> = parts
                .iter()
                .map(|part| match part {
                    PathPart::Literal(text) => quote!(#text),
                    PathPart::Param(wire) => match path_field(wire) {
                        Some(f) if self.is_plain_string(&f.field.ty) => {
                            let rust = &f.ident();
                            quote!(request.#rust.as_str())
                        }
                        Some(f) => {
                            let rust = &f.ident();
                            bindings.push(quote!(let #rust = &request.#rust;));
                            // Numbers, booleans and enums go into `format!` by `Display`.
                            let displayable = matches!(
                                self.space.resolve(&f.field.ty),
                                Type::Integer { .. }
                                    | Type::Number { .. }
                                    | Type::Boolean
                                    | Type::Enum { .. }
                            );
                            if displayable && parts.len() > 1 {
                                quote!(#rust)
                            } else {
                                self.text_of(&f.field.ty, wire, quote!(#rust))
                            }
                        }
                        None => quote!(""),
                    },
                })
                .collect();
            match (parts.as_slice(), texts.as_slice()) {
                ([PathPart::Literal(_)], [text]) => segments.push(text.clone()),
                ([PathPart::Param(wire)], [text])
                    if path_field(wire).is_some_and(|f| self.is_plain_string(&f.field.ty)) =>
                {
                    segments.push(text.clone())
                }
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
    fn decoded_types(&self) -> (TokenStream, TokenStream, Ident) {
        let Some(success) = self.op.success() else {
            return (
                quote!(::serde_json::Value),
                quote!(()),
                plain_ident("decode_json"),
            );
        };
        let headers = if success.headers.is_empty() {
            quote!(())
        } else {
            let name = ident(&self.headers_name());
            quote!(#name)
        };
        match &success.body {
            Some(body) if body.content_type.contains("json") => (
                self.space.rust_type(&body.ty),
                headers,
                plain_ident("decode_json"),
            ),
            _ => (quote!(()), headers, plain_ident("decode_empty")),
        }
    }

    fn responses_doc(&self) -> String {
        let mut lines = vec!["# Responses".to_owned(), String::new()];
        for response in &self.op.responses {
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
}

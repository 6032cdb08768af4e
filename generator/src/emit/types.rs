//! IR types to Rust types, and the structs of objects.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use crate::ir::{Fact, FactKind, Field, Origin, Type};

/// An identifier from a name the IR already made valid (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The Rust types a string can be generated as, by its format.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StringKind {
    Plain,
    DateTime,
    Date,
    Url,
}

pub fn string_kind(format: Option<&str>) -> StringKind {
    match format {
        Some("date-time") => StringKind::DateTime,
        Some("date") => StringKind::Date,
        Some("uri" | "url") => StringKind::Url,
        _ => StringKind::Plain,
    }
}

/// The Rust type of a value of `ty` (not wrapped in `Option`).
pub fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::String { format } => match string_kind(format.as_deref()) {
            StringKind::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
            StringKind::Date => quote!(::chrono::NaiveDate),
            StringKind::Url => quote!(::url::Url),
            StringKind::Plain => quote!(String),
        },
        Type::Integer { format } => match format.as_deref() {
            Some("int32") => quote!(i32),
            _ => quote!(i64),
        },
        Type::Number { .. } => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::Array { items } => {
            let items = rust_type(items);
            quote!(Vec<#items>)
        }
        Type::Map { values, .. } => match values.as_ref() {
            Type::Any => quote!(::serde_json::Map<String, ::serde_json::Value>),
            values => {
                let values = rust_type(values);
                quote!(::std::collections::BTreeMap<String, #values>)
            }
        },
        Type::Object { name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
        Type::Any => quote!(::serde_json::Value),
    }
}

/// The type of a field as it sits in a struct: `Option<T>` when it may be absent or null.
pub fn field_type(field: &Field, optional: bool) -> TokenStream {
    let ty = rust_type(&field.ty);
    if optional { quote!(Option<#ty>) } else { ty }
}

/// A field's rustdoc: its description, then where its constraints come from, then its wire name.
pub fn field_docs(field: &Field, wire_note: &str) -> TokenStream {
    let facts: Vec<String> = field.facts.iter().map(fact_line).collect();
    let wire = format!("{wire_note} `{}`.", field.name.wire);
    docs::attrs(
        std::iter::once(field.description.as_str())
            .chain(facts.iter().map(String::as_str))
            .chain(std::iter::once(wire.as_str())),
    )
}

fn fact_line(fact: &Fact) -> String {
    let statement = match &fact.kind {
        FactKind::AllowedValues(values) => {
            let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            format!("Allowed values: {}", values.join(", "))
        }
        FactKind::Minimum(n) => format!("Minimum: {n}"),
        FactKind::Maximum(n) => format!("Maximum: {n}"),
        FactKind::Default(v) => format!("Default: `{v}`"),
    };
    match fact.origin {
        Origin::Schema => format!("{statement}."),
        Origin::Prose { .. } => format!("{statement} (read from the description, not enforced)."),
    }
}

/// Every object type reachable from `ty`, outermost first.
pub fn objects<'a>(ty: &'a Type, out: &mut Vec<(&'a str, &'a [Field])>) {
    match ty {
        Type::Object { name, fields } => {
            out.push((name, fields));
            for field in fields {
                objects(&field.ty, out);
            }
        }
        Type::Array { items: inner } | Type::Map { values: inner, .. } => objects(inner, out),
        _ => {}
    }
}

/// A struct that is decoded from JSON (and encodes back to the same JSON).
pub fn json_struct(name: &str, fields: &[Field], docs: TokenStream) -> TokenStream {
    let name = ident(name);
    let fields = fields.iter().map(|field| {
        let rust = ident(&field.name.rust);
        let ty = field_type(field, field.nullable);
        let docs = field_docs(field, "JSON name");
        let rename = (field.name.rust.trim_start_matches("r#") != field.name.wire).then(|| {
            let wire = &field.name.wire;
            quote!(#[serde(rename = #wire)])
        });
        let default = field.nullable.then(|| quote!(#[serde(default)]));
        quote! {
            #docs
            #rename
            #default
            pub #rust: #ty,
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
        }
    }
}

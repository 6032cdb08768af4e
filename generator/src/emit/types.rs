//! The plan's types and items as tokens: structs read from JSON objects, enums that keep
//! unknown values, untagged unions, aliases and response header sets.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::{docs, integer_enums, statuses, unions};
use crate::plan::{FieldRead, HeaderTy, Item, ItemKind, StructField, Ty};

/// An identifier from a name the plan already made valid (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A success body's type as the blocking client gives it: a streamed body is read on the
/// blocking client's own runtime, every other type is the async client's.
pub fn blocking_ty(body: &Ty) -> TokenStream {
    match body {
        Ty::Download => quote!(crate::blocking::Download),
        Ty::Events { item } => {
            let item = self::ty(item);
            quote!(crate::blocking::Events<#item>)
        }
        Ty::String
        | Ty::DateTime
        | Ty::DateTimeOffset
        | Ty::Date
        | Ty::I32
        | Ty::I64
        | Ty::F64
        | Ty::Bool
        | Ty::Value
        | Ty::JsonMap
        | Ty::Unit
        | Ty::Upload
        | Ty::Vec { .. }
        | Ty::Tuple { .. }
        | Ty::Map { .. }
        | Ty::Option { .. }
        | Ty::Box { .. }
        | Ty::Nullable { .. }
        | Ty::Named { .. } => self::ty(body),
    }
}

/// A Rust type, as code inside the crate spells it.
pub fn ty(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
        Ty::DateTimeOffset => quote!(::chrono::DateTime<::chrono::FixedOffset>),
        Ty::Date => quote!(::chrono::NaiveDate),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F64 => quote!(f64),
        Ty::Bool => quote!(bool),
        Ty::Value => quote!(::serde_json::Value),
        Ty::JsonMap => quote!(::serde_json::Map<String, ::serde_json::Value>),
        Ty::Unit => quote!(()),
        Ty::Upload => quote!(crate::runtime::Upload),
        Ty::Download => quote!(crate::runtime::Download),
        Ty::Events { item } => {
            let item = self::ty(item);
            quote!(crate::runtime::Events<#item>)
        }
        Ty::Vec { items } => {
            let items = self::ty(items);
            quote!(Vec<#items>)
        }
        Ty::Tuple { items, rest } => {
            let tuple = items.iter().map(self::ty);
            let tuple = quote!((#(#tuple,)*));
            match rest {
                None => tuple,
                Some(rest) => {
                    let rest = self::ty(rest);
                    let len = proc_macro2::Literal::usize_unsuffixed(items.len());
                    quote!(crate::runtime::TupleWithRest<#tuple, #rest, #len>)
                }
            }
        }
        Ty::Map { values } => {
            let values = self::ty(values);
            quote!(::std::collections::BTreeMap<String, #values>)
        }
        Ty::Option { inner } => {
            let inner = self::ty(inner);
            quote!(Option<#inner>)
        }
        Ty::Box { inner } => {
            let inner = self::ty(inner);
            quote!(Box<#inner>)
        }
        Ty::Nullable { inner } => {
            let inner = self::ty(inner);
            quote!(crate::runtime::Nullable<#inner>)
        }
        Ty::Named { name, module } => {
            let name = ident(name);
            match module {
                None => quote!(crate::types::#name),
                Some(_) => quote!(#name),
            }
        }
    }
}

/// `#[cfg(...)]` for an item compiled with any of `features` (none: always).
pub fn cfg(features: &[String]) -> TokenStream {
    match features {
        [] => TokenStream::new(),
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// An item with its docs and `cfg`.
pub fn item(item: &Item) -> TokenStream {
    let docs = docs::attrs(item.docs.iter().map(String::as_str));
    let cfg = cfg(&item.cfg);
    let name = ident(&item.name);
    match &item.kind {
        ItemKind::Struct { fields } => json_struct(&name, fields, docs, &cfg),
        ItemKind::Enum { values, catch_all } => {
            let catch_all = ident(catch_all);
            let variants = values.iter().map(|v| {
                let variant = ident(&v.rust);
                let doc = format!(" `{}`", v.wire);
                quote!(#[doc = #doc] #variant,)
            });
            let to_wire = values.iter().map(|v| {
                let (variant, wire) = (ident(&v.rust), &v.wire);
                quote!(Self::#variant => #wire,)
            });
            let from_wire = values.iter().map(|v| {
                let (variant, wire) = (ident(&v.rust), &v.wire);
                quote!(#wire => Self::#variant,)
            });
            // `Display` and the serde impls come from one runtime macro (cheaper to compile
            // than derives, and one definition instead of one per enum).
            quote! {
                #docs
                #cfg
                #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
                pub enum #name {
                    #(#variants)*
                    /// A value this client does not know yet, kept as it was sent.
                    #catch_all(String),
                }

                #cfg
                impl #name {
                    /// The value as it is on the wire.
                    #[inline]
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#to_wire)*
                            Self::#catch_all(value) => value,
                        }
                    }
                }

                #cfg
                impl From<&str> for #name {
                    #[inline]
                    fn from(value: &str) -> Self {
                        match value {
                            #(#from_wire)*
                            other => Self::#catch_all(other.to_owned()),
                        }
                    }
                }

                #cfg
                crate::runtime::text_enum_impls!(#name);
            }
        }
        ItemKind::IntegerEnum {
            repr,
            values,
            catch_all,
        } => integer_enums::integer_enum(&name, repr, values, catch_all, docs, &cfg),
        ItemKind::Union { variants } => unions::by_kind(&name, variants, docs, &cfg),
        ItemKind::Untagged { variants } => unions::first_that_decodes(&name, variants, docs, &cfg),
        ItemKind::Tagged {
            property,
            variants,
            catch_all,
        } => unions::tagged(&name, property, variants, catch_all, docs, &cfg),
        ItemKind::ByStatus { arms, other } => {
            statuses::by_status(&name, arms, other.as_deref(), docs, &cfg)
        }
        ItemKind::Alias { ty } => {
            let ty = self::ty(ty);
            quote!(#docs #cfg pub type #name = #ty;)
        }
        ItemKind::Headers { fields } => {
            let members = fields.iter().map(|h| {
                let rust = ident(&h.rust);
                let ty = ty(&h.ty.ty());
                let docs = docs::attrs(h.docs.iter().map(String::as_str));
                quote! { #docs pub #rust: Option<#ty>, }
            });
            let reads = fields.iter().map(|h| {
                let rust = ident(&h.rust);
                let reader = ident(match h.ty {
                    HeaderTy::Bool => "header_bool",
                    HeaderTy::I64 => "header_i64",
                    HeaderTy::F64 => "header_f64",
                    HeaderTy::String => "header_string",
                });
                let wire = &h.wire;
                quote! { #rust: crate::runtime::#reader(headers, #wire)?, }
            });
            quote! {
                #docs
                ///
                /// A header that is absent is `None`; one that is present but malformed is a decode error.
                #cfg
                #[derive(Debug, Clone, Default, PartialEq)]
                pub struct #name {
                    #(#members)*
                }

                #cfg
                impl crate::runtime::FromHeaders for #name {
                    #[inline]
                    fn from_headers(headers: &::reqwest::header::HeaderMap) -> Result<Self, crate::runtime::DecodeError> {
                        Ok(Self { #(#reads)* })
                    }
                }
            }
        }
    }
}

/// A struct that is decoded from JSON (and encodes back to the same JSON). Its `Deserialize`
/// reads through the runtime's `Object`, not a derived visitor: cheaper to compile, and errors
/// name the field's path.
fn json_struct(
    name: &Ident,
    fields: &[StructField],
    docs: TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let (mut members, mut reads) = (Vec::new(), Vec::new());
    for field in fields {
        let rust = ident(&field.rust);
        let wire = &field.wire;
        let docs = docs::attrs(field.docs.iter().map(String::as_str));
        // A JSON name that differs from the field's shows in `#[serde(rename)]`; the members
        // beyond the others are flattened into the object; `None` is left out where `null`
        // is not what it means; Twilio's dates are written back as they came.
        let mut serde = Vec::new();
        if field.read == FieldRead::Rest {
            serde.push(quote!(flatten));
        } else if field.rust.trim_start_matches("r#") != *wire {
            serde.push(quote!(rename = #wire));
        }
        if field.omit_none {
            serde.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        if field.read == FieldRead::Rfc2822 {
            let option = if field.optional { "::option" } else { "" };
            let function = format!("crate::runtime::rfc2822{option}::serialize");
            serde.push(quote!(serialize_with = #function));
        }
        let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
        let ty = ty(&field.ty);
        members.push(quote! {
            #docs
            #serde
            pub #rust: #ty,
        });
        let reader = match field.read {
            FieldRead::Rfc2822 => Some(quote!(crate::runtime::rfc2822::from_value)),
            FieldRead::Lenient => Some(quote!(crate::runtime::lenient::from_value)),
            FieldRead::Plain | FieldRead::List | FieldRead::Rest => None,
        };
        let read = match reader {
            _ if field.read == FieldRead::Rest => quote!(rest()),
            Some(reader) => {
                let method = ident(if field.optional {
                    "optional_with"
                } else {
                    "required_with"
                });
                quote!(#method(#wire, #reader))
            }
            None => {
                let list = field.read == FieldRead::List;
                let method = ident(match (field.optional, list) {
                    (true, true) => "optional_list",
                    (true, false) => "optional",
                    (false, true) => "required_list",
                    (false, false) => "required",
                });
                quote!(#method(#wire))
            }
        };
        reads.push(quote!(#rust: object.#read?,));
    }
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        pub struct #name {
            #(#members)*
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // An item of its own, so that it is compiled once, not once per deserializer.
                #[inline]
                fn fields(object: &mut crate::runtime::Object) -> Result<#name, ::serde_json::Error> {
                    Ok(#name { #(#reads)* })
                }
                crate::runtime::Object::read(deserializer, fields)
            }
        }
    }
}

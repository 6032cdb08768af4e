//! Documented response headers as typed structs. A set of headers that several operations
//! answer with (Twilio documents the same five CORS headers on every operation) is one struct
//! in the `types` module, and each operation's `...ResponseHeaders` is an alias of it: one
//! definition to read and compile instead of one per operation.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::types::{TypeSpace, field_docs, ident};
use crate::ir::{Api, Field, Name, Type};
use crate::names;

/// The header sets that more than one operation's success answer carries, with their names.
pub struct SharedHeaders<'a> {
    sets: Vec<(String, &'a [Field])>,
}

impl<'a> SharedHeaders<'a> {
    /// Named clear of `taken`, the names already in the `types` module.
    pub fn new(api: &'a Api, taken: &BTreeSet<&str>) -> Self {
        let mut counted: Vec<(&'a [Field], usize)> = Vec::new();
        let lists = api
            .operations
            .iter()
            .filter_map(|op| op.success())
            .map(|r| r.headers.as_slice())
            .filter(|headers| !headers.is_empty());
        for headers in lists {
            match counted.iter_mut().find(|(seen, _)| *seen == headers) {
                Some((_, count)) => *count += 1,
                None => counted.push((headers, 1)),
            }
        }
        let mut used: BTreeSet<String> = taken.iter().map(|t| (*t).to_owned()).collect();
        let sets = counted
            .into_iter()
            .filter(|(_, count)| *count > 1)
            .map(|(headers, _)| {
                let base = base_name(headers);
                let mut name = base.clone();
                let mut n = 2;
                while used.contains(&name) {
                    name = format!("{base}{n}");
                    n += 1;
                }
                used.insert(name.clone());
                (name, headers)
            })
            .collect();
        SharedHeaders { sets }
    }

    /// The shared struct's name for this set of headers, when it is shared.
    pub fn name_of(&self, headers: &[Field]) -> Option<&str> {
        self.sets
            .iter()
            .find(|(_, set)| *set == headers)
            .map(|(name, _)| name.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// The shared structs, for the `types` module, each under the `cfg` `cfg_of` gives it.
    pub fn items(&self, space: &TypeSpace, cfg_of: impl Fn(&str) -> TokenStream) -> TokenStream {
        self.sets
            .iter()
            .map(|(name, headers)| {
                let doc = " Documented headers that several operations answer with.";
                headers_struct(space, name, doc, headers, &cfg_of(name))
            })
            .collect()
    }
}

/// `AccessControlHeaders` for `Access-Control-Allow-Origin`, `Access-Control-Max-Age`, ...:
/// the words the headers' names start with, else `ResponseHeaders`.
fn base_name(headers: &[Field]) -> String {
    let words: Vec<Vec<&str>> = headers
        .iter()
        .map(|h| h.name.wire.split('-').collect())
        .collect();
    let first = &words[0];
    let common = (0..first.len())
        .take_while(|&i| words.iter().all(|w| w.get(i) == first.get(i)))
        .count();
    let prefix = names::camel(&first[..common].join("-"));
    let valid = common > 0
        && prefix.starts_with(|c: char| c.is_ascii_alphabetic())
        && prefix.chars().all(|c| c.is_ascii_alphanumeric());
    if valid {
        format!("{prefix}Headers")
    } else {
        "ResponseHeaders".to_owned()
    }
}

/// A struct with one `Option` field per header and its `FromHeaders` impl.
pub fn headers_struct(
    space: &TypeSpace,
    name: &str,
    doc: &str,
    headers: &[Field],
    cfg: &TokenStream,
) -> TokenStream {
    let name = ident(name);
    let mut names: Vec<Name> = headers.iter().map(|h| h.name.clone()).collect();
    names::make_unique(&mut names);
    let fields = headers.iter().zip(&names).map(|(h, name)| {
        let rust = ident(&name.rust);
        let ty = header_type(space, &h.ty).0;
        let docs = field_docs(h, Some("Header"));
        quote! { #docs pub #rust: Option<#ty>, }
    });
    let reads = headers.iter().zip(&names).map(|(h, name)| {
        let rust = ident(&name.rust);
        let reader = header_type(space, &h.ty).1;
        let wire = &h.name.wire;
        quote! { #rust: crate::runtime::#reader(headers, #wire)?, }
    });
    quote! {
        #[doc = #doc]
        ///
        /// A header that is absent is `None`; one that is present but malformed is a decode error.
        #cfg
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
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

/// The Rust type of a header and the runtime function that reads it.
fn header_type(space: &TypeSpace, ty: &Type) -> (TokenStream, Ident) {
    let (ty, reader) = match space.resolve(ty) {
        Type::Boolean => (quote!(bool), "header_bool"),
        Type::Integer { .. } => (quote!(i64), "header_i64"),
        Type::Number { .. } => (quote!(f64), "header_f64"),
        _ => (quote!(String), "header_string"),
    };
    (ty, Ident::new(reader, Span::call_site()))
}

/// The Rust type a header of type `ty` is read as (`bool`, `i64`, `f64` or `String`).
pub(crate) fn header_rust_type(space: &TypeSpace, ty: &Type) -> TokenStream {
    header_type(space, ty).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Presence;

    fn header(wire: &str) -> Field {
        Field {
            name: Name {
                wire: wire.into(),
                rust: names::snake(wire),
            },
            ty: Type::String { format: None },
            nullable: false,
            required: Presence::Optional,
            description: String::new(),
            facts: Vec::new(),
        }
    }

    #[test]
    fn names_come_from_the_words_the_headers_share() {
        let cors = [
            header("Access-Control-Allow-Origin"),
            header("Access-Control-Max-Age"),
        ];
        assert_eq!(base_name(&cors), "AccessControlHeaders");
        assert_eq!(
            base_name(&[header("X-Rate-Limit"), header("ETag")]),
            "ResponseHeaders"
        );
        assert_eq!(
            base_name(&[header("3-D")]),
            "N3DHeaders",
            "a valid identifier"
        );
    }
}

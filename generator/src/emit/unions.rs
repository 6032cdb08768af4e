//! The three kinds of union the plan decides: by JSON kind (serde's untagged enum), by trying
//! the variants in order, and by a discriminating member. The last two read and write through
//! the runtime's `union` module, so each union's own code is a list of its variants.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::types::{ident, ty};
use crate::plan::{TaggedVariant, UnionVariant};

/// Variants that differ in JSON kind: serde's untagged enum, variants in decoding order.
pub fn by_kind(
    name: &Ident,
    variants: &[UnionVariant],
    docs: TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let variants = members(variants);
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// Variants of one JSON kind: decoded by trying each in order, encoded as the variant is.
pub fn first_that_decodes(
    name: &Ident,
    variants: &[UnionVariant],
    docs: TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let order: Vec<String> = variants.iter().map(|v| format!("`{}`", v.rust)).collect();
    let order_doc = format!(
        " Decoded by trying the variants in this order, the first that fits is taken: {}.",
        order.join(", ")
    );
    let members = members(variants);
    let tries = variants.iter().map(|v| {
        let (variant, rust) = (ident(&v.rust), &v.rust);
        quote!((#rust, |value| ::serde_json::from_value(value).map(Self::#variant)),)
    });
    let writes = variants.iter().map(|v| {
        let variant = ident(&v.rust);
        quote!(Self::#variant(value) => ::serde::Serialize::serialize(value, serializer),)
    });
    quote! {
        #docs
        #[doc = ""]
        #[doc = #order_doc]
        #cfg
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#members)*
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::read_first(deserializer, &[#(#tries)*])
            }
        }

        #cfg
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#writes)*
                }
            }
        }
    }
}

/// `Variant(Type),` for each variant.
fn members(variants: &[UnionVariant]) -> Vec<TokenStream> {
    variants
        .iter()
        .map(|v| {
            let (variant, ty) = (ident(&v.rust), ty(&v.ty));
            quote!(#variant(#ty),)
        })
        .collect()
}

/// Objects told apart by `property`: decoded by its value, encoded with it set.
pub fn tagged(
    name: &Ident,
    property: &str,
    variants: &[TaggedVariant],
    catch_all: &str,
    docs: TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let catch_all = ident(catch_all);
    let property_doc = format!(" Told apart by the member `{property}`.");
    let members = variants.iter().map(|v| {
        let (variant, ty) = (ident(&v.rust), ty(&v.ty));
        let values: Vec<String> = v.values.iter().map(|value| format!("`{value}`")).collect();
        let doc = format!(" `{property}`: {}", values.join(" or "));
        quote!(#[doc = #doc] #variant(#ty),)
    });
    let reads = variants.iter().map(|v| {
        let variant = ident(&v.rust);
        let values = &v.values;
        quote!(#(#values)|* => #name::#variant(::serde_json::from_value(value)?),)
    });
    let writes = variants.iter().map(|v| {
        let variant = ident(&v.rust);
        let tag = &v.values[0];
        quote!(Self::#variant(value) => crate::runtime::write_tagged(serializer, #property, #tag, value),)
    });
    quote! {
        #docs
        #[doc = ""]
        #[doc = #property_doc]
        #cfg
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#members)*
            /// A variant this client does not know yet, kept as it was sent.
            #catch_all(::serde_json::Value),
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                fn variant(tag: &str, value: ::serde_json::Value) -> Result<#name, ::serde_json::Error> {
                    Ok(match tag {
                        #(#reads)*
                        _ => #name::#catch_all(value),
                    })
                }
                crate::runtime::read_tagged(deserializer, #property, variant)
            }
        }

        #cfg
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#writes)*
                    Self::#catch_all(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }
    }
}

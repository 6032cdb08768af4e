//! Integer enums as tokens: one variant per documented value, the rest kept in the catch-all.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::types::{ident, ty};
use crate::plan::{IntegerValue, Ty};

/// `pub enum Name { A, B, Unknown(repr) }` with `value`, `From<repr>` and, from one runtime
/// macro, `Display`, `Into<repr>` and the serde impls (the value as a JSON integer).
pub fn integer_enum(
    name: &Ident,
    repr: &Ty,
    values: &[IntegerValue],
    catch_all: &str,
    docs: TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let catch_all = ident(catch_all);
    let repr = ty(repr);
    let literal = |value: i64| proc_macro2::Literal::i64_unsuffixed(value);
    let variants = values.iter().map(|v| {
        let variant = ident(&v.rust);
        let docs = docs::attrs(v.docs.iter().map(String::as_str));
        quote!(#docs #variant,)
    });
    let to_value = values.iter().map(|v| {
        let (variant, value) = (ident(&v.rust), literal(v.value));
        quote!(Self::#variant => #value,)
    });
    let from_value = values.iter().map(|v| {
        let (variant, value) = (ident(&v.rust), literal(v.value));
        quote!(#value => Self::#variant,)
    });
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know yet, kept as it was sent.
            #catch_all(#repr),
        }

        #cfg
        impl #name {
            /// The value as it is on the wire.
            #[inline]
            pub fn value(self) -> #repr {
                match self {
                    #(#to_value)*
                    Self::#catch_all(value) => value,
                }
            }
        }

        #cfg
        impl From<#repr> for #name {
            #[inline]
            fn from(value: #repr) -> Self {
                match value {
                    #(#from_value)*
                    other => Self::#catch_all(other),
                }
            }
        }

        #cfg
        crate::runtime::integer_enum_impls!(#name, #repr);
    }
}

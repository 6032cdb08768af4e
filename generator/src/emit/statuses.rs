//! Enums over an operation's answers by status (its errors, or successes with different
//! bodies), as the plan's `ByStatus` items have them, with the `FromAnswer` impl that picks the
//! variant by the status and reads its body.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::types::{ident, ty};
use crate::plan::{ArmBody, StatusArm, StatusMatch};

pub fn by_status(
    name: &proc_macro2::Ident,
    arms: &[StatusArm],
    other: Option<&str>,
    docs: TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let variants = arms.iter().map(|arm| {
        let variant = ident(&arm.variant);
        let docs = docs::attrs(arm.docs.iter().map(String::as_str));
        match &arm.body {
            ArmBody::Json(inner) => {
                let inner = ty(inner);
                quote!(#docs #variant(#inner),)
            }
            ArmBody::Text => quote!(#docs #variant(String),),
            ArmBody::Bytes => quote!(#docs #variant(Vec<u8>),),
            ArmBody::Empty => quote!(#docs #variant,),
        }
    });
    let reads = arms.iter().map(|arm| {
        let pattern = match arm.matches {
            StatusMatch::Code(code) => {
                let code = Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            StatusMatch::Class(digit) => {
                let low = Literal::u16_unsuffixed(u16::from(digit) * 100);
                let high = Literal::u16_unsuffixed(u16::from(digit) * 100 + 99);
                quote!(#low..=#high)
            }
            StatusMatch::Any => quote!(_),
        };
        let value = arm_value(arm);
        quote!(#pattern => #value,)
    });
    let catches_all = arms.iter().any(|a| a.matches == StatusMatch::Any);
    let (other_variant, other_read) = match other {
        Some(other) => {
            let other = ident(other);
            (
                quote! {
                    /// A status the document does not list (the status, body and headers are in
                    /// the [`ApiError`](crate::runtime::ApiError)).
                    #other,
                },
                quote!(_ => Self::#other,),
            )
        }
        None if catches_all => (TokenStream::new(), TokenStream::new()),
        None => (
            TokenStream::new(),
            quote!(_ => return Err(crate::runtime::undocumented_status(status)),),
        ),
    };
    // One arm for every status (Stripe's `default` alone) needs no `match`.
    let single = arms.len() == 1 && arms[0].matches == StatusMatch::Any;
    let read = if single {
        let value = arm_value(&arms[0]);
        quote!(Ok(#value))
    } else {
        quote! {
            Ok(match status {
                #(#reads)*
                #other_read
            })
        }
    };
    // A body is only read by an arm that has one.
    let body_used = arms.iter().any(|a| a.body != ArmBody::Empty);
    let body_arg = if body_used {
        quote!(body)
    } else {
        quote!(_body)
    };
    // The status is read by a `match`, and by the decoders' errors.
    let status_used = !single
        || arms.iter().any(|a| match a.body {
            ArmBody::Json(_) | ArmBody::Text => true,
            ArmBody::Bytes | ArmBody::Empty => false,
        });
    let status_arg = if status_used {
        quote!(status)
    } else {
        quote!(_status)
    };
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #other_variant
        }

        #cfg
        impl crate::runtime::FromAnswer for #name {
            fn from_answer(#status_arg: u16, #body_arg: &[u8]) -> Result<Self, crate::runtime::DecodeError> {
                #read
            }
        }
    }
}

/// The variant an arm reads, its body decoded.
fn arm_value(arm: &StatusArm) -> TokenStream {
    let variant = ident(&arm.variant);
    match &arm.body {
        ArmBody::Json(_) => {
            quote!(Self::#variant(crate::runtime::FromAnswer::from_answer(status, body)?))
        }
        ArmBody::Text => quote!(Self::#variant(crate::runtime::text_answer(status, body)?)),
        ArmBody::Bytes => quote!(Self::#variant(body.to_vec())),
        ArmBody::Empty => quote!(Self::#variant),
    }
}

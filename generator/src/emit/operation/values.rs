//! A member's value as text where it goes one value at a time: path segments, query pairs,
//! headers and cookies.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::types::ident;
use crate::plan::{Encoding, Member, Scalar};

/// `let value = &self.x; push` for a required member, `if let Some(value) = &self.x { push }`
/// for an optional one (`owner` is `self` or `request`).
pub(super) fn with_value(member: &Member, owner: TokenStream, push: TokenStream) -> TokenStream {
    let rust = ident(&member.rust);
    if member.required {
        quote! { let value = &#owner.#rust; #push }
    } else {
        quote! { if let Some(value) = &#owner.#rust { #push } }
    }
}

/// A scalar value (a reference) as text.
pub(super) fn scalar_text(scalar: Scalar, value: TokenStream) -> TokenStream {
    match scalar {
        Scalar::Str => quote!(#value.clone()),
        Scalar::DateTime => quote!(crate::runtime::date_time_text(#value)),
        Scalar::Enum => quote!(#value.as_str().to_owned()),
        Scalar::Date
        | Scalar::I32
        | Scalar::I64
        | Scalar::F64
        | Scalar::Bool
        | Scalar::IntegerEnum => {
            quote!(#value.to_string())
        }
    }
}

/// A member's value as one text (path segments, headers, cookies, single values): arrays and
/// objects joined as the plan says, JSON text where it says nothing else.
pub(super) fn text_of(member: &Member, value: TokenStream) -> TokenStream {
    let key = &member.wire;
    match &member.encoding {
        Encoding::Scalar { scalar } => scalar_text(*scalar, value),
        Encoding::Joined {
            item: Scalar::Str,
            separator,
        } => quote!(#value.join(#separator)),
        Encoding::Joined { item, separator } => {
            let text = scalar_text(*item, quote!(item));
            quote!(#value.iter().map(|item| #text).collect::<Vec<_>>().join(#separator))
        }
        Encoding::JoinedObject { separator } => {
            quote!(crate::runtime::object_parts(#key, #value)?.join(#separator))
        }
        Encoding::JsonText
        | Encoding::Json
        | Encoding::Repeated { .. }
        | Encoding::DeepObject
        | Encoding::ExplodedObject
        | Encoding::Upload
        | Encoding::Uploads => quote!(crate::runtime::json_text(#key, #value)?),
    }
}

/// `(key, text)` pairs of a member pushed onto `list` (headers and cookies).
pub(super) fn pairs(member: &Member, list: &Ident) -> TokenStream {
    let key = &member.wire;
    let push = match &member.encoding {
        Encoding::Repeated { item } => {
            let text = scalar_text(*item, quote!(item));
            quote! { for item in value { #list.push((#key, #text)); } }
        }
        // The plan gives headers and cookies no deep objects or uploads: JSON text for those.
        Encoding::Scalar { .. }
        | Encoding::Joined { .. }
        | Encoding::JoinedObject { .. }
        | Encoding::JsonText
        | Encoding::Json
        | Encoding::DeepObject
        | Encoding::ExplodedObject
        | Encoding::Upload
        | Encoding::Uploads => {
            let text = text_of(member, quote!(value));
            quote! { #list.push((#key, #text)); }
        }
    };
    with_value(member, quote!(request), push)
}

/// A query member added to `query` (a `runtime::Query`, which keeps a joined array's
/// separators literal).
pub(super) fn query_pairs(member: &Member) -> TokenStream {
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
        Encoding::DeepObject => quote! { query.deep(#key, value)?; },
        Encoding::ExplodedObject => quote! { query.exploded(#key, value)?; },
        Encoding::JoinedObject { separator } => quote! {
            query.joined(#key, crate::runtime::object_parts(#key, value)?, #separator);
        },
        // The plan gives query parameters no uploads: JSON text for the rest.
        Encoding::Scalar { .. }
        | Encoding::JsonText
        | Encoding::Json
        | Encoding::Upload
        | Encoding::Uploads => {
            let text = text_of(member, quote!(value));
            quote! { query.push(#key, &#text); }
        }
    };
    with_value(member, quote!(request), push)
}

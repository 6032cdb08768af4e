//! The `webhooks` module: the plan's [`Webhooks`] printed as functions that decode the bodies
//! of the requests the API sends.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ident, ty};
use crate::plan::{Ty, WebhookDecoder, WebhookEvents, Webhooks};

pub fn module_rs(webhooks: &Webhooks) -> TokenStream {
    let events = webhooks.events.as_ref().map(events);
    let decoders = webhooks.decoders.iter().map(decoder);
    let mut module_docs = vec![
        " The requests the API sends to a program of yours (its webhooks): functions that read"
            .to_owned(),
        " a request's body into its documented type. The client sends none of them.".to_owned(),
    ];
    if let Some(events) = &webhooks.events {
        module_docs.push(String::new());
        module_docs.push(format!(
            " [`{}`] reads any of them into its variant; each webhook's own function reads one.",
            events.function.trim_start_matches("r#")
        ));
    }
    quote! {
        #(#![doc = #module_docs])*
        #![cfg_attr(rustfmt, rustfmt::skip)]

        #events
        #(#decoders)*
    }
}

/// `decode(body)`: any webhook's body into its variant of the event union.
fn events(events: &WebhookEvents) -> TokenStream {
    let function = ident(&events.function);
    let union = ty(&events.union);
    let path = match &events.union {
        Ty::Named { name, module: None } => format!("crate::types::{name}"),
        Ty::Named {
            name,
            module: Some(module),
        } => format!("crate::{module}::{name}"),
        other => format!("{other:?}"),
    };
    let property = &events.property;
    let mut lines = vec![
        format!(
            " Decodes the body of any of the API's webhooks into the variant of [`{name}`]({path}) \
             that its member `{property}` names:",
            name = path.rsplit("::").next().unwrap_or_default(),
        ),
        String::new(),
    ];
    for (value, variant) in &events.variants {
        let variant = variant.trim_start_matches("r#");
        lines.push(format!(" - `{value}`: [`{variant}`]({path}::{variant})"));
    }
    let catch_all = &events.catch_all;
    lines.extend([
        String::new(),
        format!(
            " A `{property}` no webhook documents is `Ok` with [`{catch_all}`]({path}::{catch_all}), \
             the body kept as JSON, not an error: an API adds events before its clients are \
             regenerated, and a receiver must still acknowledge those (a sender retries a \
             webhook that fails)."
        ),
        String::new(),
        " # Errors".to_owned(),
        String::new(),
        format!(
            " [`Error::Decode`](crate::Error::Decode), saying where, when the body is not JSON, \
             not an object, has no string `{property}`, or does not fit the payload its \
             `{property}` names (a required member missing, a member of another type)."
        ),
    ]);
    quote! {
        #(#[doc = #lines])*
        pub fn #function(body: &[u8]) -> Result<#union, crate::Error> {
            crate::runtime::decode_webhook(body)
        }
    }
}

/// `decode_<webhook>(body)`: one webhook's body into its payload's type.
fn decoder(decoder: &WebhookDecoder) -> TokenStream {
    let docs = docs::attrs(decoder.docs.iter().map(String::as_str));
    let function = ident(&decoder.function);
    let payload = ty(&decoder.payload);
    let errors = [
        " # Errors".to_owned(),
        String::new(),
        " [`Error::Decode`](crate::Error::Decode), saying where, when the body is not JSON or \
         does not fit the payload's type."
            .to_owned(),
    ];
    quote! {
        #docs
        ///
        #(#[doc = #errors])*
        pub fn #function(body: &[u8]) -> Result<#payload, crate::Error> {
            crate::runtime::decode_webhook(body)
        }
    }
}

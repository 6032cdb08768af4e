//! The `webhooks` module: functions that decode the bodies of the requests the API sends
//! (OpenAPI 3.1 `webhooks`), for a program that receives them. `decode(body)` reads any of
//! them into its variant of the event union, when the payloads name their event in one member;
//! `decode_<webhook>(body)` reads one webhook's payload, for a receiver that knows which it
//! was sent (every webhook with a JSON payload has one).

use std::collections::BTreeSet;

use super::lower::{Lowering, Scope};
use super::namespace::Namespace;
use super::{Item, ItemKind, Module, Ty, WebhookDecoder, WebhookEvents, Webhooks};
use crate::diag::Diagnostic;
use crate::ir::Api;
use crate::media;

/// The function that decodes any webhook's body into its variant of the event union.
const DECODE: &str = "decode";

/// The `webhooks` module for `api`, `None` when it documents no webhook with a JSON payload.
/// Its name is claimed after the modules of operations; `types` holds the event union.
pub fn plan(
    api: &Api,
    lowering: &mut Lowering,
    modules: &[Module],
    types: &mut Vec<Item>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Webhooks> {
    let mut functions = Namespace::functions(&[DECODE]);
    let mut decoders: Vec<WebhookDecoder> = Vec::new();
    let mut seen = BTreeSet::new();
    for hook in &api.webhooks.hooks {
        if !media::is_json(&hook.content_type) {
            let message = format!(
                "webhook `{}` sends its payload as `{}`: its type is generated, but the \
                 crate decodes only JSON payloads, so `webhooks` has no function for it",
                hook.name.wire, hook.content_type
            );
            warnings.push(Diagnostic::warning(&hook.source, None, message));
            continue;
        }
        // One function per webhook: the first JSON payload it documents.
        if !seen.insert(hook.name.wire.as_str()) {
            continue;
        }
        let mut items = Vec::new();
        let mut scope = Scope {
            module: None,
            items: &mut items,
            first_docs: None,
            part_docs: Vec::new(),
            own: None,
        };
        let payload = lowering.value(&hook.payload, &mut scope);
        types.extend(items);
        let mut docs = Vec::new();
        if !hook.description.is_empty() {
            docs.push(hook.description.clone());
        }
        docs.push(format!(
            "Decodes the body of the webhook `{}` (`{} {}`) into its payload.",
            hook.name.wire,
            hook.method.as_str(),
            hook.content_type
        ));
        decoders.push(WebhookDecoder {
            wire: hook.name.wire.clone(),
            function: functions.claim(&format!("decode_{}", hook.name.rust)),
            http_method: hook.method.as_str().to_owned(),
            content_type: hook.content_type.clone(),
            docs,
            payload,
        });
    }
    if decoders.is_empty() {
        return None;
    }
    let events = api
        .webhooks
        .event
        .as_deref()
        .and_then(|name| types.iter().find(|item| item.name == name))
        .and_then(|item| match &item.kind {
            ItemKind::Tagged {
                property,
                variants,
                catch_all,
            } => Some(WebhookEvents {
                function: DECODE.to_owned(),
                union: Ty::Named {
                    name: item.name.clone(),
                    module: None,
                },
                property: property.clone(),
                variants: variants
                    .iter()
                    .filter_map(|v| Some((v.values.first()?.clone(), v.rust.clone())))
                    .collect(),
                catch_all: catch_all.clone(),
            }),
            _ => None,
        });
    let mut module_names = Namespace::functions(super::operation::RESERVED_MODULES);
    for module in modules {
        module_names.take(&module.name);
    }
    Some(Webhooks {
        module: module_names.claim("webhooks"),
        events,
        decoders,
    })
}

//! OpenAPI 3.1 `webhooks`: requests the API sends, not operations a client calls. Their
//! payload schemas (components by then: `v31` names inline ones) become named types, so a
//! program that receives them can decode them with the crate's types, and each webhook is an
//! [`ir::Webhook`] naming its payload's type; when the payloads name their event in one member,
//! `v31`'s `WebhookEvent` union of them is [`ir::Webhooks::event`] (the plan gives the crate a
//! `webhooks::decode(body)` that reads any of them into its variant).

use super::context::Ctx;
use super::pointer::Pointer;
use super::v31::Webhooks;
use crate::ir::{self, Method, Name, Type};
use crate::names;

impl Ctx<'_> {
    /// Queues every webhook payload schema for conversion into a named type, and gives the
    /// webhooks as the IR has them.
    pub fn webhook_payloads(&mut self, webhooks: &Webhooks) -> ir::Webhooks {
        let mut found = ir::Webhooks::default();
        let event = webhooks
            .event
            .as_deref()
            .and_then(|key| self.components().and_then(|c| c.schemas.get_key_value(key)));
        if let Some((key, _)) = event {
            found.event = Some(self.named.enqueue(key));
        }
        for payload in &webhooks.payloads {
            let schema = self
                .components()
                .and_then(|c| c.schemas.get_key_value(payload.key.as_str()));
            let at = Pointer::root().key("webhooks").key(&payload.name);
            let Some((key, _)) = schema else {
                self.warn(
                    &at,
                    format!(
                        "webhook `{}` names the schema `{}`, which is not in \
                         `components/schemas`; its payload gets no type",
                        payload.name, payload.key
                    ),
                );
                continue;
            };
            // `v31` reads webhooks under HTTP methods only.
            let Some(method) = Method::parse(&payload.method.to_ascii_uppercase()) else {
                continue;
            };
            let rust = self.named.enqueue(key);
            found.hooks.push(ir::Webhook {
                name: Name {
                    wire: payload.name.clone(),
                    rust: names::snake(&payload.name),
                },
                method,
                description: payload.description.clone(),
                content_type: payload.content_type.clone(),
                payload: Type::Named { name: rust },
                source: self.file.to_owned(),
            });
        }
        found
    }
}

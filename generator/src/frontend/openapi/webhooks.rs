//! OpenAPI 3.1 `webhooks`: requests the API sends, not operations a client calls. Their
//! payload schemas (components by then: `v31` names inline ones) become named types, so a
//! program that receives them can decode them with the crate's types; when the payloads name
//! their event in one member, `v31`'s `WebhookEvent` union of them too (one
//! `serde_json::from_slice::<types::WebhookEvent>(body)` decodes any of them).

use super::context::Ctx;
use super::pointer::Pointer;
use super::v31::Webhooks;

impl Ctx<'_> {
    /// Queues every webhook payload schema for conversion into a named type.
    pub fn webhook_payloads(&mut self, webhooks: &Webhooks) {
        let event = webhooks
            .event
            .as_deref()
            .and_then(|key| self.components().and_then(|c| c.schemas.get_key_value(key)));
        if let Some((key, _)) = event {
            self.named.enqueue(key);
        }
        for (name, key) in &webhooks.payloads {
            let found = self
                .components()
                .and_then(|c| c.schemas.get_key_value(key.as_str()));
            match found {
                Some((key, _)) => {
                    self.named.enqueue(key);
                }
                None => {
                    let at = Pointer::root().key("webhooks").key(name);
                    self.warn(
                        &at,
                        format!(
                            "webhook `{name}` names the schema `{key}`, which is not in \
                             `components/schemas`; its payload gets no type"
                        ),
                    );
                }
            }
        }
    }
}

//! Answers told apart by their status: how each documented body is read (JSON of its type,
//! text, bytes), the operation's error enum that every documented non-2xx body reads into, and
//! the success enum of an operation whose 2xx answers carry different bodies.

use super::operation::Builder;
use super::{ArmBody, Item, ItemKind, StatusArm, StatusMatch};
use crate::ir::{self, StatusRange};
use crate::media::{self, Media};

/// The enum's variant for a response: `Status404`, `Status4xx`, `Default`.
pub fn variant_name(response: &ir::Response) -> String {
    match response.range {
        None => format!("Status{}", response.status),
        Some(StatusRange::Class(digit)) => format!("Status{digit}xx"),
        Some(StatusRange::Default) => "Default".to_owned(),
    }
}

fn status_match(response: &ir::Response) -> StatusMatch {
    match response.range {
        None => StatusMatch::Code(response.status),
        Some(StatusRange::Class(digit)) => StatusMatch::Class(digit),
        Some(StatusRange::Default) => StatusMatch::Any,
    }
}

impl Builder<'_, '_> {
    /// What a response's body reads as; a JSON body's inline types join `items`.
    pub(super) fn arm_body(&mut self, response: &ir::Response, items: &mut Vec<Item>) -> ArmBody {
        let Some(body) = &response.body else {
            return ArmBody::Empty;
        };
        match media::kind(&body.content_type) {
            Media::Json => {
                let answer = format!("`{} {}` answer", response.label(), response.reason);
                let link = self.method_link();
                let mut scope = self.scope(
                    items,
                    Some(format!("The {answer} of {link}.")),
                    format!("Part of the {answer} of {link}."),
                );
                ArmBody::Json(self.lowering.value(&body.ty, &mut scope))
            }
            Media::Text => ArmBody::Text,
            Media::Form | Media::Multipart | Media::EventStream | Media::Bytes => ArmBody::Bytes,
        }
    }

    /// An enum over `responses` (with what each body reads as), one variant each, named
    /// `<Operation><suffix>` and documented by `docs` of that name. `other`: a unit variant for
    /// statuses none matches.
    pub(super) fn status_enum(
        &mut self,
        suffix: &str,
        responses: &[(&ir::Response, ArmBody)],
        other: bool,
        docs: impl FnOnce(&str) -> String,
    ) -> Item {
        let arms: Vec<StatusArm> = responses
            .iter()
            .map(|(response, body)| StatusArm {
                variant: variant_name(response),
                docs: vec![arm_doc(response, body)],
                matches: status_match(response),
                body: body.clone(),
            })
            .collect();
        let catches_all = arms.iter().any(|a| a.matches == StatusMatch::Any);
        let name = self
            .lowering
            .root
            .claim(&format!("{}{suffix}", self.op.type_name));
        Item {
            docs: vec![docs(&name)],
            name,
            cfg: Vec::new(),
            kind: ItemKind::ByStatus {
                arms,
                other: (other && !catches_all).then(|| "Other".to_owned()),
            },
        }
    }
}

fn arm_doc(response: &ir::Response, body: &ArmBody) -> String {
    let status = match response.range {
        None => format!("`{}`", response.status),
        Some(StatusRange::Class(digit)) => format!("Any `{digit}XX` status not listed above"),
        Some(StatusRange::Default) => "Any other status".to_owned(),
    };
    let reason = if response.reason.is_empty() {
        String::new()
    } else {
        format!(": {}", response.reason)
    };
    let content = match (body, &response.body) {
        (ArmBody::Empty, _) | (_, None) => String::new(),
        (_, Some(body)) => format!(" (`{}`)", body.content_type),
    };
    format!("{status}{reason}{content}")
}

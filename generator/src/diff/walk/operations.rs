//! Operations: matched by id, then their module, endpoint, request struct, typed response and
//! paging, as the plans have them.

use std::collections::{BTreeMap, BTreeSet};

use super::fields::Slot;
use super::{Role, Side, Site, Walk};
use crate::diff::Kind;
use crate::diff::rules;
use crate::plan::{Body, Decoder, ItemKind, Member, Module, Operation, Place, Plan, Ty};

/// An operation with the module it is in.
type Planned<'p> = (&'p Module, &'p Operation);

impl Walk<'_> {
    pub(super) fn operations(&mut self) {
        let (old, new) = (by_id(self.old.plan), by_id(self.new.plan));
        let mut pairs: Vec<(Planned, Planned)> = Vec::new();
        let mut added: Vec<Planned> = new
            .iter()
            .filter(|(id, _)| !old.contains_key(*id))
            .map(|(_, op)| *op)
            .collect();
        for (id, old_op) in &old {
            if let Some(new_op) = new.get(id) {
                pairs.push((*old_op, *new_op));
                continue;
            }
            let same_endpoint = |(_, op): &Planned| {
                op.http_method == old_op.1.http_method && op.path_template == old_op.1.path_template
            };
            match added.iter().position(same_endpoint) {
                Some(index) => {
                    let new_op = added.remove(index);
                    // An id of another case (`FetchRoom` -> `fetchRoom`) keeps the method.
                    let (rule, detail) = if old_op.1.method == new_op.1.method {
                        let detail = format!(
                            "renamed on the wire from `{}` ({} unchanged)",
                            old_op.1.id,
                            method_of(new_op.1)
                        );
                        (&rules::WIRE_RENAMED, detail)
                    } else {
                        let detail = format!(
                            "renamed from `{}` ({} -> {})",
                            old_op.1.id,
                            method_of(old_op.1),
                            method_of(new_op.1)
                        );
                        (&rules::OPERATION_RENAMED, detail)
                    };
                    let kind = Kind::OperationRenamed;
                    self.push(Some(&new_op.1.id), "operation".into(), kind, rule, detail);
                    pairs.push((*old_op, new_op));
                }
                None => self.push(
                    Some(id),
                    "operation".into(),
                    Kind::OperationRemoved,
                    &rules::OPERATION_REMOVED,
                    format!("removed: {} ({})", method_of(old_op.1), endpoint(old_op.1)),
                ),
            }
        }
        for (_, op) in added {
            self.push(
                Some(&op.id),
                "operation".into(),
                Kind::OperationAdded,
                &rules::OPERATION_ADDED,
                format!("added: {} ({})", method_of(op), endpoint(op)),
            );
        }
        for (old_op, new_op) in pairs {
            self.operation(old_op, new_op);
        }
    }

    fn operation(&mut self, (old_module, old): Planned, (new_module, new): Planned) {
        let id = Some(new.id.as_str());
        if endpoint(old) != endpoint(new) {
            let detail = format!("endpoint changed: {} -> {}", endpoint(old), endpoint(new));
            self.push(
                id,
                "operation".into(),
                Kind::EndpointChanged,
                &rules::ENDPOINT_CHANGED,
                detail,
            );
        }
        // Without a group an operation's module is its own: a rename is the operation's.
        if old_module.group != new_module.group {
            let group = |m: &Module| {
                m.group
                    .as_ref()
                    .map_or("none".to_owned(), |g| format!("`{g}`"))
            };
            let (rule, detail) = if old_module.name == new_module.name {
                let detail = format!(
                    "group changed: {} -> {} (module `{}` stays)",
                    group(old_module),
                    group(new_module),
                    new_module.name
                );
                (&rules::GROUP_RENAMED_SAME_MODULE, detail)
            } else {
                let detail = format!(
                    "group changed: {} -> {} (module and feature `{}` -> `{}`)",
                    group(old_module),
                    group(new_module),
                    old_module.name,
                    new_module.name
                );
                (&rules::GROUP_CHANGED, detail)
            };
            self.push(id, "operation".into(), Kind::GroupChanged, rule, detail);
        }
        self.request(old, new);
        self.responses(old, new);
        self.errors(id, (&old_module.name, old), (&new_module.name, new));
        self.paging(old, new);
        self.events(old, new);
    }

    fn request(&mut self, old: &Operation, new: &Operation) {
        let id = Some(new.id.as_str());
        let (old_members, new_members) = (request_slots(old), request_slots(new));
        let site = Site::new(id, "request".into(), "request".into(), Role::Request);
        let name = |op: &Operation| op.request.as_ref().map(|r| r.name.clone());
        match (name(old), name(new)) {
            (None, Some(new_name)) => self.at(
                &site,
                Kind::RequestArgumentAdded,
                &rules::REQUEST_ARGUMENT_ADDED,
                format!("added: {} takes `&{new_name}`", method_of(new)),
            ),
            (Some(old_name), None) => self.at(
                &site,
                Kind::RequestArgumentRemoved,
                &rules::REQUEST_ARGUMENT_REMOVED,
                format!("removed: {} no longer takes `&{old_name}`", method_of(new)),
            ),
            (Some(old_name), Some(new_name)) if old_name != new_name => self.at(
                &site,
                Kind::TypeRenamed,
                &rules::TYPE_RENAMED,
                format!("type renamed `{old_name}` -> `{new_name}`"),
            ),
            _ => {}
        }
        let content_type = |body: &Body| match body {
            Body::None => None,
            Body::Form { content_type }
            | Body::Json { content_type }
            | Body::Multipart { content_type }
            | Body::Raw { content_type } => Some(content_type.clone()),
        };
        if let (Some(a), Some(b)) = (content_type(&old.body), content_type(&new.body)) {
            if a != b {
                self.push(
                    id,
                    "request body".into(),
                    Kind::RequestEncodingChanged,
                    &rules::REQUEST_ENCODING_CHANGED,
                    format!("content type changed: `{a}` -> `{b}`"),
                );
            }
        }
        self.encodings(old, new);
        self.members(&site, &old_members, &new_members);
    }

    /// A member both requests have (by wire name and place) that is encoded otherwise: the
    /// Rust surface stays, the bytes sent change.
    fn encodings(&mut self, old: &Operation, new: &Operation) {
        let old_members: Vec<&Member> = old.request.iter().flat_map(|r| &r.members).collect();
        for member in new.request.iter().flat_map(|r| &r.members) {
            let before = old_members
                .iter()
                .find(|m| m.wire == member.wire && m.place == member.place);
            // A retyped scalar is reported as retyped; only the way of writing counts here.
            let (now, was) = match before {
                Some(before) => (member.encoding.describe(), before.encoding.describe()),
                None => continue,
            };
            if now == was {
                continue;
            }
            self.push(
                Some(new.id.as_str()),
                format!("request {} `{}`", member.place.noun(), member.wire),
                Kind::RequestEncodingChanged,
                &rules::REQUEST_ENCODING_CHANGED,
                format!("encoding changed: {was} -> {now}"),
            );
        }
    }

    fn responses(&mut self, old: &Operation, new: &Operation) {
        let id = Some(new.id.as_str());
        match (Answer::of(old), Answer::of(new)) {
            (Answer::One(a), Answer::One(b)) => {
                if a != b {
                    self.push(
                        id,
                        format!("response {b}"),
                        Kind::SuccessStatusChanged,
                        &rules::SUCCESS_STATUS_CHANGED,
                        format!("is the typed response now (was {a})"),
                    );
                }
                self.typed_response(id, old, new);
            }
            (Answer::ByStatus, Answer::ByStatus) => self.typed_response(id, old, new),
            (Answer::None, Answer::None) => {}
            (was, now) => {
                let location = match now {
                    Answer::One(status) => format!("response {status}"),
                    Answer::ByStatus | Answer::None => match was {
                        Answer::One(status) => format!("response {status}"),
                        _ => "responses".to_owned(),
                    },
                };
                let (kind, shape) = match now {
                    Answer::None => (
                        Kind::ResponseRemoved,
                        "removed: no 2xx response is left, the body".to_owned(),
                    ),
                    Answer::ByStatus => (
                        Kind::Retyped,
                        "the successes carry different bodies now: the body".to_owned(),
                    ),
                    Answer::One(_) => (Kind::ResponseAdded, "added: the body".to_owned()),
                };
                self.push(
                    id,
                    location,
                    kind,
                    &rules::RETURN_TYPE_CHANGED,
                    format!(
                        "{shape} is `{}` (was `{}`)",
                        new.success.body.text(),
                        old.success.body.text()
                    ),
                );
            }
        }
        // A status that comes or goes without a variant of its own; the typed answer's and
        // the enums' variants are compared above.
        let typed: Vec<String> = [old.success.status, new.success.status]
            .into_iter()
            .flatten()
            .map(|s| s.to_string())
            .collect();
        let statuses = |op: &Operation| -> BTreeSet<String> {
            op.responses.iter().map(|r| r.status.clone()).collect()
        };
        let untyped = |op: &Operation, status: &str| {
            !typed.iter().any(|t| t == status)
                && op
                    .responses
                    .iter()
                    .any(|r| r.status == status && r.variant.is_none())
        };
        let (old_statuses, new_statuses) = (statuses(old), statuses(new));
        for (side, statuses, others, kind, detail) in [
            (
                new,
                &new_statuses,
                &old_statuses,
                Kind::ResponseAdded,
                "added",
            ),
            (
                old,
                &old_statuses,
                &new_statuses,
                Kind::ResponseRemoved,
                "removed",
            ),
        ] {
            for status in statuses.difference(others) {
                if untyped(side, status) {
                    let location = format!("response {status}");
                    self.push(id, location, kind, &rules::UNTYPED_RESPONSE, detail.into());
                }
            }
        }
    }

    /// The body and headers of the response the `Client` method returns.
    fn typed_response(&mut self, id: Option<&str>, old: &Operation, new: &Operation) {
        let section = match new.success.status {
            Some(status) => format!("response {status}"),
            None => "responses 2xx".to_owned(),
        };
        let site = Site::new(id, format!("{section} body"), section, Role::Received);
        let (a, b) = (&old.success, &new.success);
        match (a.decoder, b.decoder) {
            (Decoder::Json, Decoder::Json)
            | (Decoder::JsonOrEmpty, Decoder::JsonOrEmpty)
            | (Decoder::ByStatus, Decoder::ByStatus) => {
                self.compare_ty(&site, &a.body, &b.body, None)
            }
            (Decoder::Empty, Decoder::Empty)
            | (Decoder::Text, Decoder::Text)
            | (Decoder::Download, Decoder::Download) => {}
            (Decoder::Events, Decoder::Events) => {
                if let (Ty::Events { item: a }, Ty::Events { item: b }) = (&a.body, &b.body) {
                    self.compare_ty(&site, a, b, None)
                }
            }
            _ => {
                let detail = format!("retyped `{}` -> `{}`", a.body.text(), b.body.text());
                self.at(&site, Kind::Retyped, &rules::RETURN_TYPE_CHANGED, detail);
            }
        }
        let headers = Site {
            noun: "header",
            role: Role::Header,
            ..site
        };
        let (old_fields, new_fields) = (headers_of(self.old, old), headers_of(self.new, new));
        self.members(
            &headers,
            &Slot::headers(old_fields),
            &Slot::headers(new_fields),
        );
    }

    /// A paged list's next-page and stream methods appear, disappear or are renamed.
    fn paging(&mut self, old: &Operation, new: &Operation) {
        let id = Some(new.id.as_str());
        let methods = |op: &Operation| {
            op.paging.as_ref().map(|p| {
                format!(
                    "`Client::{}`, `Client::{}`, `blocking::Client::{}`",
                    p.next_page, p.stream, p.iter
                )
            })
        };
        let (kind, rule, detail) = match (methods(old), methods(new)) {
            (None, Some(added)) => (
                Kind::PagingAdded,
                &rules::PAGING_ADDED,
                format!("added: {added}"),
            ),
            (Some(removed), None) => (
                Kind::PagingRemoved,
                &rules::PAGING_REMOVED,
                format!(
                    "removed: {removed} (the answer is no longer a page with one list and a next-page link)"
                ),
            ),
            (Some(a), Some(b)) if a != b => (
                Kind::PagingRemoved,
                &rules::PAGING_REMOVED,
                format!("renamed: {a} -> {b}"),
            ),
            _ => return,
        };
        self.push(id, "paging".into(), kind, rule, detail);
    }

    /// The method of an answer's event stream appears, disappears or is renamed; its events'
    /// type is compared like a response body's.
    fn events(&mut self, old: &Operation, new: &Operation) {
        let id = Some(new.id.as_str());
        let (kind, rule, detail) = match (&old.events, &new.events) {
            (None, Some(added)) => (
                Kind::EventsAdded,
                &rules::EVENTS_ADDED,
                format!("added: `Client::{}`", added.method),
            ),
            (Some(removed), None) => (
                Kind::EventsRemoved,
                &rules::EVENTS_REMOVED,
                format!(
                    "removed: `Client::{}` (the answer is no longer documented as an event stream beside its body)",
                    removed.method
                ),
            ),
            (Some(a), Some(b)) if a.method != b.method => (
                Kind::EventsRemoved,
                &rules::EVENTS_REMOVED,
                format!("renamed: `Client::{}` -> `Client::{}`", a.method, b.method),
            ),
            (Some(a), Some(b)) => {
                let section = format!("events {}", new.success.status.unwrap_or_default());
                let site = Site::new(id, section.clone(), section, Role::Received);
                return self.compare_ty(&site, &a.item, &b.item, None);
            }
            (None, None) => return,
        };
        self.push(id, "events".into(), kind, rule, detail);
    }
}

fn by_id(plan: &Plan) -> BTreeMap<&str, Planned<'_>> {
    plan.operations()
        .map(|(module, op)| (op.id.as_str(), (module, op)))
        .collect()
}

/// The request struct's fields as the plan has them: parameters and body members.
fn request_slots(op: &Operation) -> Vec<Slot<'_>> {
    op.request
        .iter()
        .flat_map(|r| &r.members)
        .map(|m| Slot {
            wire: &m.wire,
            rust: &m.rust,
            ty: if m.required {
                m.ty.clone()
            } else {
                m.ty.clone().option()
            },
            facts: &m.facts,
            place: Some(m.place.noun()),
            path_param: m.place == Place::Path,
        })
        .collect()
}

/// The fields of the headers struct the operation answers with (its own, or the shared one
/// its alias names).
fn headers_of<'p>(side: &Side<'p>, op: &'p Operation) -> &'p [crate::plan::HeaderField] {
    let Ty::Named { name, module } = &op.success.headers else {
        return &[];
    };
    let Some(item) = side.plan.item(module.as_deref(), name) else {
        return &[];
    };
    match &side.unaliased(item).kind {
        ItemKind::Headers { fields } => fields,
        _ => &[],
    }
}

fn method_of(op: &Operation) -> String {
    format!("`Client::{}`", op.method.trim_start_matches("r#"))
}

fn endpoint(op: &Operation) -> String {
    format!("`{} {}`", op.http_method, op.path_template)
}

/// What a successful call gives, as far as the change report tells shapes apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// The body of one documented status.
    One(u16),
    /// An enum over the successes, by status.
    ByStatus,
    /// No 2xx is documented: a `Value`.
    None,
}

impl Answer {
    fn of(op: &Operation) -> Self {
        match (op.success.decoder, op.success.status) {
            (Decoder::ByStatus, _) => Answer::ByStatus,
            (_, Some(status)) => Answer::One(status),
            (_, None) => Answer::None,
        }
    }
}

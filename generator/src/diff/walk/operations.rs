//! Operations: matched by id, then their endpoint, request struct and typed response.

use std::collections::{BTreeMap, BTreeSet};

use super::fields::Member;
use super::{Side, Site, Walk};
use crate::diff::Kind;
use crate::diff::rules;
use crate::diff::rust::Role;
use crate::ir::{Api, Operation, ParamLocation, Response, Type};

impl Walk<'_> {
    pub(super) fn operations(&mut self) {
        let (old, new) = (by_id(self.old.api), by_id(self.new.api));
        let mut pairs: Vec<(&Operation, &Operation)> = Vec::new();
        let mut added: Vec<&Operation> = new
            .iter()
            .filter(|(id, _)| !old.contains_key(*id))
            .map(|(_, op)| *op)
            .collect();
        for (id, old_op) in &old {
            if let Some(new_op) = new.get(id) {
                pairs.push((old_op, new_op));
                continue;
            }
            let same_endpoint = |op: &&Operation| {
                op.method == old_op.method && op.path.template == old_op.path.template
            };
            match added.iter().position(same_endpoint) {
                Some(index) => {
                    let new_op = added.remove(index);
                    self.push(
                        Some(&new_op.name.wire),
                        "operation".into(),
                        Kind::OperationRenamed,
                        &rules::OPERATION_RENAMED,
                        format!(
                            "renamed from `{}` ({} -> {})",
                            old_op.name.wire,
                            method_of(old_op),
                            method_of(new_op)
                        ),
                    );
                    pairs.push((old_op, new_op));
                }
                None => self.push(
                    Some(id),
                    "operation".into(),
                    Kind::OperationRemoved,
                    &rules::OPERATION_REMOVED,
                    format!("removed: {} ({})", method_of(old_op), endpoint(old_op)),
                ),
            }
        }
        for op in added {
            self.push(
                Some(&op.name.wire),
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

    fn operation(&mut self, old: &Operation, new: &Operation) {
        let id = Some(new.name.wire.as_str());
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
        if old.group != new.group {
            let group = |op: &Operation| {
                op.group
                    .as_ref()
                    .map_or("none".to_owned(), |g| format!("`{g}`"))
            };
            let detail = format!("group changed: {} -> {}", group(old), group(new));
            self.push(
                id,
                "operation".into(),
                Kind::GroupChanged,
                &rules::GROUP_CHANGED,
                detail,
            );
        }
        self.request(old, new);
        self.responses(old, new);
    }

    fn request(&mut self, old: &Operation, new: &Operation) {
        let id = Some(new.name.wire.as_str());
        let (old_members, new_members) = (
            request_members(old, self.old),
            request_members(new, self.new),
        );
        let site = Site::new(id, "request".into(), "request".into(), Role::Request);
        let (old_name, new_name) = (request_name(old), request_name(new));
        match (old_members.is_empty(), new_members.is_empty()) {
            (true, false) => self.at(
                &site,
                Kind::RequestArgumentAdded,
                &rules::REQUEST_ARGUMENT_ADDED,
                format!("added: {} takes `&{new_name}`", method_of(new)),
            ),
            (false, true) => self.at(
                &site,
                Kind::RequestArgumentRemoved,
                &rules::REQUEST_ARGUMENT_REMOVED,
                format!("removed: {} no longer takes `&{old_name}`", method_of(new)),
            ),
            (false, false) if old_name != new_name => self.at(
                &site,
                Kind::TypeRenamed,
                &rules::TYPE_RENAMED,
                format!("type renamed `{old_name}` -> `{new_name}`"),
            ),
            _ => {}
        }
        if let (Some(old_body), Some(new_body)) = (&old.body, &new.body) {
            if old_body.content_type != new_body.content_type {
                self.push(
                    id,
                    "request body".into(),
                    Kind::RequestEncodingChanged,
                    &rules::REQUEST_ENCODING_CHANGED,
                    format!(
                        "content type changed: `{}` -> `{}`",
                        old_body.content_type, new_body.content_type
                    ),
                );
            }
        }
        self.members(&site, &old_members, &new_members);
    }

    fn responses(&mut self, old: &Operation, new: &Operation) {
        let id = Some(new.name.wire.as_str());
        let (old_typed, new_typed) = (old.success(), new.success());
        match (old_typed, new_typed) {
            (Some(a), Some(b)) => {
                if a.status != b.status {
                    self.push(
                        id,
                        format!("response {}", b.status),
                        Kind::SuccessStatusChanged,
                        &rules::SUCCESS_STATUS_CHANGED,
                        format!("is the typed response now (was {})", a.status),
                    );
                }
                self.typed_response(id, a, b);
            }
            (Some(a), None) => self.push(
                id,
                format!("response {}", a.status),
                Kind::ResponseRemoved,
                &rules::RETURN_TYPE_CHANGED,
                format!(
                    "removed: no 2xx response is left, the body is `Value` (was `{}`)",
                    body_type(self.old, a)
                ),
            ),
            (None, Some(b)) => self.push(
                id,
                format!("response {}", b.status),
                Kind::ResponseAdded,
                &rules::RETURN_TYPE_CHANGED,
                format!(
                    "added: the body is `{}` (was `Value`)",
                    body_type(self.new, b)
                ),
            ),
            (None, None) => {}
        }
        // The typed responses' own changes are above.
        let typed: Vec<u16> = [old_typed, new_typed]
            .iter()
            .flatten()
            .map(|r| r.status)
            .collect();
        let untyped = |op: &Operation| -> BTreeSet<u16> {
            op.responses
                .iter()
                .map(|r| r.status)
                .filter(|s| !typed.contains(s))
                .collect()
        };
        let (old_untyped, new_untyped) = (untyped(old), untyped(new));
        for (statuses, others, kind, detail) in [
            (&new_untyped, &old_untyped, Kind::ResponseAdded, "added"),
            (&old_untyped, &new_untyped, Kind::ResponseRemoved, "removed"),
        ] {
            for status in statuses.difference(others) {
                let location = format!("response {status}");
                self.push(id, location, kind, &rules::UNTYPED_RESPONSE, detail.into());
            }
        }
    }

    /// The body and headers of the response the `Client` method returns.
    fn typed_response(&mut self, id: Option<&str>, old: &Response, new: &Response) {
        let section = format!("response {}", new.status);
        let site = Site::new(id, format!("{section} body"), section, Role::Received);
        match (json_body(old), json_body(new)) {
            (Some(a), Some(b)) => self.compare_type(&site, a, b, None),
            (None, None) => {}
            _ => {
                let detail = format!(
                    "retyped `{}` -> `{}`",
                    body_type(self.old, old),
                    body_type(self.new, new)
                );
                self.at(&site, Kind::Retyped, &rules::RETURN_TYPE_CHANGED, detail);
            }
        }
        let headers = Site {
            noun: "header",
            role: Role::Header,
            ..site
        };
        self.members(
            &headers,
            &Member::of(&old.headers),
            &Member::of(&new.headers),
        );
    }
}

fn by_id(api: &Api) -> BTreeMap<&str, &Operation> {
    api.operations
        .iter()
        .map(|op| (op.name.wire.as_str(), op))
        .collect()
}

/// The request struct's fields: parameters (cookies are not sent) and the body object's fields,
/// as `emit::operation` flattens them.
fn request_members<'a>(op: &'a Operation, side: &'a Side<'a>) -> Vec<Member<'a>> {
    let mut members: Vec<Member> = op
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Cookie)
        .map(|p| Member {
            field: &p.field,
            place: Some(place_name(p.location)),
            path_param: p.location == ParamLocation::Path,
        })
        .collect();
    if let Some(Type::Object { fields, .. }) = op.body.as_ref().map(|b| side.rust.resolve(&b.ty)) {
        members.extend(fields.iter().map(|field| Member {
            field,
            place: Some("body"),
            path_param: false,
        }));
    }
    members
}

pub(super) fn place_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The request struct's name (as `emit::operation` names it).
fn request_name(op: &Operation) -> String {
    match op.body.as_ref().map(|b| &b.ty) {
        Some(Type::Object { name, .. }) => name.clone(),
        _ => format!("{}Request", op.type_name),
    }
}

/// The body type a response decodes to, if it is JSON (as `emit::operation` decodes it).
fn json_body(response: &Response) -> Option<&Type> {
    response
        .body
        .as_ref()
        .filter(|b| b.content_type.contains("json"))
        .map(|b| &b.ty)
}

fn body_type(side: &Side, response: &Response) -> String {
    json_body(response).map_or("()".to_owned(), |ty| side.rust.value(ty))
}

fn method_of(op: &Operation) -> String {
    format!("`Client::{}`", op.name.rust.trim_start_matches("r#"))
}

fn endpoint(op: &Operation) -> String {
    format!("`{} {}`", op.method.as_str(), op.path.template)
}

//! The walk over two APIs side by side that finds their changes and picks each one's rule.
//!
//! Operations are matched by id (an unmatched pair with the same method and path is a rename),
//! named types by Rust name, fields by wire name (an unmatched pair with the same Rust name is
//! a rename on the wire), responses by status, enum values by wire value, the `webhooks`
//! module's functions by webhook.

mod answers;
mod client;
mod fields;
mod operations;

use std::collections::{BTreeMap, BTreeSet};

use super::rules::{self, Rule};
use super::{Change, Kind};
use crate::ir::Api;
use crate::plan::{self, ItemKind, Plan, Ty};

/// Every change from `old` to `new`, unsorted.
pub fn changes(old: &Api, new: &Api) -> Vec<Change> {
    let (old_plan, new_plan) = (plan::build(old), plan::build(new));
    let (old, new) = (Side::new(old, &old_plan), Side::new(new, &new_plan));
    let mut walk = Walk {
        old: &old,
        new: &new,
        changes: Vec::new(),
    };
    walk.servers();
    walk.auth();
    walk.types();
    walk.operations();
    walk.webhooks();
    walk.changes
}

/// One of the two APIs: its plan, and what the walk needs to know about it.
struct Side<'a> {
    /// For the documented authentication methods only: everything else comes from the plan.
    api: &'a Api,
    plan: &'a Plan,
    /// Items of the `types` module that requests use: users build values of them.
    sent: BTreeSet<String>,
    /// The `types` items that are the documents' named schemas or shared header sets: matched
    /// by name. The others are parts of them, reached through their fields.
    top: BTreeSet<String>,
}

impl<'a> Side<'a> {
    fn new(api: &'a Api, plan: &'a Plan) -> Self {
        Side {
            api,
            plan,
            sent: sent_types(plan),
            top: plan
                .types
                .iter()
                .filter(|t| {
                    matches!(t.kind, ItemKind::Headers { .. })
                        || api.types.iter().any(|n| n.name.rust == t.name)
                })
                .map(|t| t.name.clone())
                .collect(),
        }
    }
}

impl<'a> Side<'a> {
    /// The item an alias names, through any chain of aliases (itself when it is none).
    fn unaliased(&self, mut item: &'a plan::Item) -> &'a plan::Item {
        for _ in 0..8 {
            let ItemKind::Alias {
                ty: Ty::Named { name, module },
            } = &item.kind
            else {
                break;
            };
            match self.plan.item(module.as_deref(), name) {
                Some(next) => item = next,
                None => break,
            }
        }
        item
    }

    /// Whether `name` in `module` is (an alias of) the item `target` in `target_module`.
    fn names_as(
        &self,
        module: Option<&str>,
        name: &str,
        target_module: Option<&str>,
        target: &str,
    ) -> bool {
        let Some(item) = self.plan.item(module, name) else {
            return false;
        };
        let end = self.unaliased(item);
        self.plan
            .item(target_module, target)
            .is_some_and(|target| std::ptr::eq(end, target))
    }
}

/// Which generated struct a field belongs to: that decides its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The operation's request struct (`#[non_exhaustive]`, `new()` and setters).
    Request,
    /// A JSON struct that users build to send (nested in a request, or a named type that
    /// requests use).
    Sent,
    /// A JSON struct the client decodes for users to read.
    Received,
    /// The response headers struct: every header is an `Option`.
    Header,
}

impl Role {
    /// The role of the objects nested in a field of this role.
    pub fn nested(self) -> Role {
        match self {
            Role::Request | Role::Sent => Role::Sent,
            Role::Received | Role::Header => Role::Received,
        }
    }

    /// Would a field of this role be an `Option` with these documented facts? For the steps
    /// between two versions, each attribute's change judged alone, by the plan's own rules.
    pub fn is_option(self, nullable: bool, presence: plan::Presence, path_param: bool) -> bool {
        match self {
            Role::Request => plan::member_is_option(path_param, presence),
            Role::Header => true,
            Role::Sent | Role::Received => plan::field_is_option(nullable, presence),
        }
    }
}

struct Walk<'a> {
    old: &'a Side<'a>,
    new: &'a Side<'a>,
    changes: Vec<Change>,
}

/// Where the walk is: in which struct, and the path of fields within it.
#[derive(Clone)]
struct Site {
    operation: Option<String>,
    /// The location of the value itself (`request`, `response 201 body`, ``type `Room` ``).
    root: String,
    /// What locations of fields start with (`response 201`), and what fields are called there.
    section: String,
    noun: &'static str,
    /// Wire names from the root, `.`-separated; `[]` for array items, `{}` for map values.
    path: String,
    role: Role,
}

impl Site {
    fn new(operation: Option<&str>, root: String, section: String, role: Role) -> Site {
        Site {
            operation: operation.map(str::to_owned),
            root,
            section,
            noun: "field",
            path: String::new(),
            role,
        }
    }

    fn location(&self) -> String {
        if self.path.is_empty() {
            self.root.clone()
        } else {
            format!("{} {} `{}`", self.section, self.noun, self.path)
        }
    }

    fn field(&self, wire: &str) -> Site {
        let path = if self.path.is_empty() {
            wire.to_owned()
        } else {
            format!("{}.{wire}", self.path)
        };
        Site {
            path,
            ..self.clone()
        }
    }

    fn suffixed(&self, suffix: &str) -> Site {
        Site {
            path: format!("{}{suffix}", self.path),
            ..self.clone()
        }
    }
}

impl<'a> Walk<'a> {
    fn push(
        &mut self,
        operation: Option<&str>,
        location: String,
        kind: Kind,
        rule: &'static Rule,
        detail: String,
    ) {
        self.changes.push(Change {
            kind,
            rule,
            operation: operation.map(str::to_owned),
            location,
            detail,
        });
    }

    fn at(&mut self, site: &Site, kind: Kind, rule: &'static Rule, detail: String) {
        self.push(
            site.operation.as_deref(),
            site.location(),
            kind,
            rule,
            detail,
        );
    }

    /// The items of the `types` module, matched by name.
    fn types(&mut self) {
        let by_name = |side: &'a Side| -> BTreeMap<&'a str, &'a plan::Item> {
            let top = side
                .plan
                .types
                .iter()
                .filter(|t| side.top.contains(&t.name));
            top.map(|t| (t.name.as_str(), t)).collect()
        };
        let (old, new) = (by_name(self.old), by_name(self.new));
        for name in old.keys().filter(|n| !new.contains_key(*n)) {
            let location = format!("type `{name}`");
            self.push(
                None,
                location,
                Kind::TypeRemoved,
                &rules::TYPE_REMOVED,
                "removed".into(),
            );
        }
        for name in new.keys().filter(|n| !old.contains_key(*n)) {
            let location = format!("type `{name}`");
            self.push(
                None,
                location,
                Kind::TypeAdded,
                &rules::TYPE_ADDED,
                "added".into(),
            );
        }
        for (name, old_item) in &old {
            let Some(new_item) = new.get(name) else {
                continue;
            };
            let sent = self.old.sent.contains(*name) || self.new.sent.contains(*name);
            let role = match old_item.kind {
                ItemKind::Headers { .. } => Role::Header,
                _ if sent => Role::Sent,
                _ => Role::Received,
            };
            let location = format!("type `{name}`");
            let site = Site::new(None, location.clone(), location, role);
            self.compare_items(&site, old_item, new_item);
        }
    }
}

impl Walk<'_> {
    /// The functions of the `webhooks` module, matched by webhook (`decode` by itself): one
    /// gone or renamed (its module's name too) is breaking, a new one compatible; a payload's
    /// type is compared like a response body's. The event union's variants are its `types`
    /// item's.
    fn webhooks(&mut self) {
        let functions = |side: &Side| -> BTreeMap<String, (String, Option<Ty>)> {
            let Some(hooks) = &side.plan.webhooks else {
                return BTreeMap::new();
            };
            let path = |function: &str| format!("`{}::{}`", hooks.module, function);
            let mut found: BTreeMap<String, (String, Option<Ty>)> = hooks
                .decoders
                .iter()
                .map(|d| {
                    let key = format!("webhook `{}`", d.wire);
                    (key, (path(&d.function), Some(d.payload.clone())))
                })
                .collect();
            if let Some(events) = &hooks.events {
                found.insert("webhooks".into(), (path(&events.function), None));
            }
            found
        };
        let (old, new) = (functions(self.old), functions(self.new));
        for (location, (old_path, old_payload)) in &old {
            match new.get(location) {
                None => self.push(
                    None,
                    location.clone(),
                    Kind::WebhookRemoved,
                    &rules::WEBHOOK_REMOVED,
                    format!("removed: {old_path}"),
                ),
                Some((new_path, _)) if new_path != old_path => self.push(
                    None,
                    location.clone(),
                    Kind::WebhookRemoved,
                    &rules::WEBHOOK_REMOVED,
                    format!("renamed: {old_path} -> {new_path}"),
                ),
                Some((_, new_payload)) => {
                    if let (Some(a), Some(b)) = (old_payload, new_payload) {
                        let section = format!("{location} payload");
                        let site = Site::new(None, section.clone(), section, Role::Received);
                        self.compare_ty(&site, a, b, None);
                    }
                }
            }
        }
        for (location, (new_path, _)) in &new {
            if !old.contains_key(location) {
                self.push(
                    None,
                    location.clone(),
                    Kind::WebhookAdded,
                    &rules::WEBHOOK_ADDED,
                    format!("added: {new_path}"),
                );
            }
        }
    }
}

/// Items of the `types` module a request uses, directly or through other items.
fn sent_types(plan: &Plan) -> BTreeSet<String> {
    let mut stack: Vec<(Option<String>, String)> = Vec::new();
    let push_named = |ty: &Ty, stack: &mut Vec<(Option<String>, String)>| {
        named_in(ty, &mut |name, module| {
            stack.push((module.cloned(), name.to_owned()))
        });
    };
    for (_, op) in plan.operations() {
        for member in op.request.iter().flat_map(|r| &r.members) {
            push_named(&member.ty, &mut stack);
        }
    }
    let mut seen: BTreeSet<(Option<String>, String)> = BTreeSet::new();
    while let Some((module, name)) = stack.pop() {
        if !seen.insert((module.clone(), name.clone())) {
            continue;
        }
        let Some(item) = plan.item(module.as_deref(), &name) else {
            continue;
        };
        match &item.kind {
            ItemKind::Struct { fields } => {
                fields.iter().for_each(|f| push_named(&f.ty, &mut stack));
            }
            ItemKind::Union { variants } | ItemKind::Untagged { variants } => {
                variants.iter().for_each(|v| push_named(&v.ty, &mut stack));
            }
            ItemKind::Tagged { variants, .. } => {
                variants.iter().for_each(|v| push_named(&v.ty, &mut stack));
            }
            ItemKind::Alias { ty } => push_named(ty, &mut stack),
            ItemKind::ByStatus { arms, .. } => {
                for arm in arms {
                    if let crate::plan::ArmBody::Json(ty) = &arm.body {
                        push_named(ty, &mut stack);
                    }
                }
            }
            ItemKind::Enum { .. } | ItemKind::IntegerEnum { .. } | ItemKind::Headers { .. } => {}
        }
    }
    seen.into_iter()
        .filter(|(module, _)| module.is_none())
        .map(|(_, name)| name)
        .collect()
}

/// Calls `found` with each item a type names.
fn named_in(ty: &Ty, found: &mut impl FnMut(&str, Option<&String>)) {
    match ty {
        Ty::Named { name, module } => found(name, module.as_ref()),
        Ty::Vec { items: inner }
        | Ty::Map { values: inner }
        | Ty::Option { inner }
        | Ty::Nullable { inner }
        | Ty::Box { inner }
        | Ty::Events { item: inner } => named_in(inner, found),
        Ty::Tuple { items, rest } => items
            .iter()
            .chain(rest.as_deref())
            .for_each(|item| named_in(item, found)),
        _ => {}
    }
}

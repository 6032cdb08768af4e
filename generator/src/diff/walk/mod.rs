//! The walk over two APIs side by side that finds their changes and picks each one's rule.
//!
//! Operations are matched by id (an unmatched pair with the same method and path is a rename),
//! named types by Rust name, fields by wire name (an unmatched pair with the same Rust name is
//! a rename on the wire), responses by status, enum values by wire value.

mod fields;
mod operations;

use std::collections::{BTreeMap, BTreeSet};

use super::rules::{self, Rule};
use super::rust::{Role, RustTypes};
use super::{Change, Kind};
use crate::ir::{Api, Auth, AuthScheme, ParamLocation, Type, TypeGraph};
use operations::place_name;

/// Every change from `old` to `new`, unsorted.
pub fn changes(old: &Api, new: &Api) -> Vec<Change> {
    let (old, new) = (Side::new(old), Side::new(new));
    let mut walk = Walk {
        old: &old,
        new: &new,
        changes: Vec::new(),
    };
    walk.servers();
    walk.auth();
    walk.types();
    walk.operations();
    walk.changes
}

/// One of the two APIs, with what the walk needs to know about its crate.
struct Side<'a> {
    api: &'a Api,
    rust: RustTypes<'a>,
    /// Named types that requests use: users build values of them.
    sent: BTreeSet<&'a str>,
}

impl<'a> Side<'a> {
    fn new(api: &'a Api) -> Self {
        Side {
            api,
            rust: RustTypes::new(api),
            sent: sent_types(api),
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

/// The client's base URL when the inputs name no server (as `emit::client` does).
const NO_SERVER: &str = "http://localhost";

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

    fn servers(&mut self) {
        let urls =
            |api: &Api| -> Vec<String> { api.servers.iter().map(|s| s.url.clone()).collect() };
        let (old, new) = (urls(self.old.api), urls(self.new.api));
        let default = |urls: &[String]| urls.first().map_or(NO_SERVER, String::as_str).to_owned();
        let (old_default, new_default) = (default(&old), default(&new));
        let default_changed = old_default != new_default;
        if default_changed {
            self.push(
                None,
                "server".into(),
                Kind::DefaultServerChanged,
                &rules::DEFAULT_SERVER_CHANGED,
                format!("default changed: `{old_default}` -> `{new_default}` (`DEFAULT_BASE_URL`)"),
            );
        }
        // The defaults' own lines are the change above.
        let skip = |url: &String, default: &str| default_changed && url == default;
        for url in new
            .iter()
            .filter(|u| !old.contains(u) && !skip(u, &new_default))
        {
            let location = format!("server `{url}`");
            self.push(
                None,
                location,
                Kind::ServerAdded,
                &rules::OTHER_SERVER_CHANGED,
                "added".into(),
            );
        }
        for url in old
            .iter()
            .filter(|u| !new.contains(u) && !skip(u, &old_default))
        {
            let location = format!("server `{url}`");
            let (kind, rule) = (Kind::ServerRemoved, &rules::OTHER_SERVER_CHANGED);
            self.push(None, location, kind, rule, "removed".into());
        }
    }

    fn auth(&mut self) {
        let (old, new) = (&self.old.api.auth, &self.new.api.auth);
        if old == new {
            return;
        }
        let (old_args, new_args) = (credentials(old), credentials(new));
        let changed = format!("changed: {} -> {}", describe_auth(old), describe_auth(new));
        let (rule, detail) = if old_args == new_args {
            (&rules::AUTH_CHANGED, changed)
        } else {
            let signature = |args: &[&str]| format!("`Client::new({})`", args.join(", "));
            let detail = format!(
                "{changed}: {} -> {}",
                signature(&old_args),
                signature(&new_args)
            );
            (&rules::CREDENTIALS_CHANGED, detail)
        };
        self.push(None, "auth".into(), Kind::AuthChanged, rule, detail);
    }

    fn types(&mut self) {
        let by_name = |api: &'a Api| -> BTreeMap<&'a str, &'a Type> {
            api.types
                .iter()
                .map(|t| (t.name.rust.as_str(), &t.ty))
                .collect()
        };
        let (old, new) = (by_name(self.old.api), by_name(self.new.api));
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
        for (name, old_ty) in &old {
            let Some(new_ty) = new.get(name) else {
                continue;
            };
            let sent = self.old.sent.contains(name) || self.new.sent.contains(name);
            let role = if sent { Role::Sent } else { Role::Received };
            let location = format!("type `{name}`");
            let site = Site::new(None, location.clone(), location, role);
            self.compare_type(&site, old_ty, new_ty, None);
        }
    }
}

/// The arguments `Client::new` takes: those of the first scheme the generator knows (as
/// `emit::client` picks it).
fn credentials(auth: &[Auth]) -> Vec<&str> {
    match auth
        .iter()
        .map(|a| &a.scheme)
        .find(|s| **s != AuthScheme::Unknown)
    {
        Some(AuthScheme::HttpBasic { username, password }) => {
            vec![username.rust.as_str(), password.rust.as_str()]
        }
        Some(AuthScheme::HttpBearer) => vec!["token"],
        Some(AuthScheme::ApiKey { .. }) => vec!["api_key"],
        _ => Vec::new(),
    }
}

fn describe_auth(auth: &[Auth]) -> String {
    if auth.is_empty() {
        return "none".to_owned();
    }
    let described: Vec<String> = auth
        .iter()
        .map(|a| {
            let scheme = match &a.scheme {
                AuthScheme::HttpBasic { .. } => "HTTP Basic".to_owned(),
                AuthScheme::HttpBearer => "HTTP Bearer".to_owned(),
                AuthScheme::ApiKey { location, name } => {
                    format!("API key `{name}` in the {}", place_name(*location))
                }
                AuthScheme::Unknown => "unknown".to_owned(),
            };
            format!("`{}` ({scheme})", a.name)
        })
        .collect();
    described.join(", ")
}

/// Named types a request uses, directly or through other named types.
fn sent_types(api: &Api) -> BTreeSet<&str> {
    let mut roots = BTreeSet::new();
    for op in &api.operations {
        let params = op
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Cookie);
        params.for_each(|param| param.field.ty.named_refs(&mut roots));
        if let Some(body) = &op.body {
            body.ty.named_refs(&mut roots);
        }
    }
    TypeGraph::new(api).reachable(roots)
}

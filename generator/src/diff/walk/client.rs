//! The client as a whole: the default server and the others, the server variables (by name:
//! setter, type, default, an enum's values) and the documented authentication, through the
//! `Client` constructors it gives.

use super::{Side, Walk};
use crate::diff::Kind;
use crate::diff::rules::{self, Rule};
use crate::ir::{Auth, AuthScheme, ParamLocation};
use crate::plan::{self, ItemKind};

impl Walk<'_> {
    pub(super) fn servers(&mut self) {
        let (old, new) = (&self.old.plan.client, &self.new.plan.client);
        let (old_default, new_default) =
            (old.default_base_url.clone(), new.default_base_url.clone());
        let (old_template, new_template) = (old.server.url.clone(), new.server.url.clone());
        let (old, new) = (old.servers.clone(), new.servers.clone());
        let default_changed = old_default != new_default || old_template != new_template;
        if default_changed {
            let detail = if old_default != new_default {
                format!("default changed: `{old_default}` -> `{new_default}` (`DEFAULT_BASE_URL`)")
            } else {
                format!(
                    "default changed: `{old_template}` -> `{new_template}` (`DEFAULT_BASE_URL` is still `{new_default}`)"
                )
            };
            self.push(
                None,
                "server".into(),
                Kind::DefaultServerChanged,
                &rules::DEFAULT_SERVER_CHANGED,
                detail,
            );
        }
        // The defaults' own lines are the change above.
        let skip = |url: &String, default: &str| default_changed && url == default;
        let (old_default, new_default) = (old_template, new_template);
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
        self.server_variables();
    }

    /// The server variables, matched by their name in the URLs: each one's `ClientBuilder`
    /// method, the type it takes (its enum's values), and whether a default is documented.
    fn server_variables(&mut self) {
        let (old, new) = (&self.old.plan, &self.new.plan);
        let setter = |v: &plan::ServerVariable| {
            let ty = v
                .enumeration
                .as_deref()
                .map_or("&str".to_owned(), |e| format!("types::{e}"));
            format!(
                "`ClientBuilder::{}({ty})`",
                v.setter.trim_start_matches("r#")
            )
        };
        for variable in &new.client.variables {
            let Some(was) = old
                .client
                .variables
                .iter()
                .find(|v| v.wire == variable.wire)
            else {
                let (rule, detail) = if variable.required() {
                    (
                        &rules::SERVER_VARIABLE_REQUIRED,
                        format!("added without a default: {}", setter(variable)),
                    )
                } else {
                    (
                        &rules::SERVER_VARIABLE_ADDED,
                        format!("added: {}", setter(variable)),
                    )
                };
                self.at_variable(variable, Kind::ServerVariableAdded, rule, detail);
                continue;
            };
            if setter(was) != setter(variable) {
                let detail = format!("changed: {} -> {}", setter(was), setter(variable));
                let rule = &rules::SERVER_VARIABLE_RETYPED;
                self.at_variable(variable, Kind::ServerVariableChanged, rule, detail);
            } else if let (Some(old_enum), Some(new_enum)) =
                (&was.enumeration, &variable.enumeration)
            {
                self.server_enum_values(variable, old_enum, new_enum);
            }
            match (&was.default, &variable.default) {
                (Some(_), None) => {
                    let detail = format!("lost its default: {}", setter(variable));
                    let rule = &rules::SERVER_VARIABLE_REQUIRED;
                    self.at_variable(variable, Kind::ServerVariableChanged, rule, detail);
                }
                (before, after) if before != after => {
                    let shown = |d: &Option<String>| {
                        d.as_deref().map_or("none".to_owned(), |d| format!("`{d}`"))
                    };
                    let detail = format!("default changed: {} -> {}", shown(before), shown(after));
                    let rule = &rules::SERVER_VARIABLE_DEFAULT_CHANGED;
                    self.at_variable(variable, Kind::ServerVariableChanged, rule, detail);
                }
                _ => {}
            }
        }
        for variable in &old.client.variables {
            if !new.client.variables.iter().any(|v| v.wire == variable.wire) {
                let detail = format!("removed (was {})", setter(variable));
                let rule = &rules::SERVER_VARIABLE_REMOVED;
                self.at_variable(variable, Kind::ServerVariableRemoved, rule, detail);
            }
        }
    }

    fn at_variable(
        &mut self,
        variable: &plan::ServerVariable,
        kind: Kind,
        rule: &'static Rule,
        detail: String,
    ) {
        let location = format!("server variable `{{{}}}`", variable.wire);
        self.push(None, location, kind, rule, detail);
    }

    /// The documented values of a server variable's enum: one added is compatible (enums keep
    /// unknown values), one removed takes its variant away.
    fn server_enum_values(&mut self, variable: &plan::ServerVariable, old: &str, new: &str) {
        // An enum of values another enum also has is an alias of their shared definition.
        let values = |side: &Side, name: &str| -> Vec<plan::EnumValue> {
            let item = side.plan.item(None, name).map(|t| side.unaliased(t));
            match item.map(|t| &t.kind) {
                Some(ItemKind::Enum { values, .. }) => values.clone(),
                _ => Vec::new(),
            }
        };
        let (before, after) = (values(self.old, old), values(self.new, new));
        let directions = [
            (
                &after,
                &before,
                Kind::EnumValueAdded,
                &rules::ENUM_VALUE_ADDED,
            ),
            (
                &before,
                &after,
                Kind::EnumValueRemoved,
                &rules::ENUM_VALUE_REMOVED,
            ),
        ];
        for (these, others, kind, rule) in directions {
            for value in these
                .iter()
                .filter(|v| !others.iter().any(|o| o.wire == v.wire))
            {
                let detail = if kind == Kind::EnumValueAdded {
                    format!(
                        "value `{}` added: `types::{new}::{}`",
                        value.wire, value.rust
                    )
                } else {
                    let was = format!("`types::{old}::{}`", value.rust);
                    format!("value `{}` removed (was {was})", value.wire)
                };
                self.at_variable(variable, kind, rule, detail);
            }
        }
    }

    pub(super) fn auth(&mut self) {
        let (old, new) = (&self.old.api.auth, &self.new.api.auth);
        if old == new {
            return;
        }
        let (old_calls, new_calls) = (
            self.old.plan.client.signatures(),
            self.new.plan.client.signatures(),
        );
        let changed = format!("changed: {} -> {}", describe_auth(old), describe_auth(new));
        // Constructors added beside the same `Client::new` break nothing; one that is gone or
        // takes other arguments does.
        let (rule, detail) = if old_calls.iter().all(|c| new_calls.contains(c))
            && old_calls.first() == new_calls.first()
        {
            (&rules::AUTH_CHANGED, changed)
        } else {
            let detail = format!(
                "{changed}: {} -> {}",
                old_calls.join(", "),
                new_calls.join(", ")
            );
            (&rules::CREDENTIALS_CHANGED, detail)
        };
        self.push(None, "auth".into(), Kind::AuthChanged, rule, detail);
    }
}

fn describe_auth(auth: &[Auth]) -> String {
    if auth.is_empty() {
        return "none".to_owned();
    }
    let described: Vec<String> = auth
        .iter()
        .map(|a| format!("`{}` ({})", a.name, describe_scheme(&a.scheme)))
        .collect();
    described.join(", ")
}

fn describe_scheme(scheme: &AuthScheme) -> String {
    match scheme {
        AuthScheme::HttpBasic { .. } => "HTTP Basic".to_owned(),
        AuthScheme::HttpBearer => "HTTP Bearer".to_owned(),
        AuthScheme::OAuth2 => "OAuth 2".to_owned(),
        AuthScheme::OpenIdConnect => "OpenID Connect".to_owned(),
        AuthScheme::ApiKey { location, name } => {
            format!(
                "API key `{name}` in the {}",
                match location {
                    ParamLocation::Path => "path",
                    ParamLocation::Query => "query",
                    ParamLocation::Header => "header",
                    ParamLocation::Cookie => "cookie",
                }
            )
        }
        AuthScheme::Together { schemes } => schemes
            .iter()
            .map(|s| describe_scheme(&s.scheme))
            .collect::<Vec<_>>()
            .join(" + "),
        AuthScheme::Unknown => "unknown".to_owned(),
    }
}

//! Security requirements to [`Auth`]: each scheme key is looked up in
//! `components.securitySchemes` once and mapped to a scheme the client can send.

use openapiv3::{APIKeyLocation, SecurityRequirement, SecurityScheme};

use super::context::Ctx;
use super::pointer::Pointer;
use crate::frontend::auth;
use crate::ir::{Auth, AuthScheme, Name, ParamLocation};
use crate::names;

impl<'d> Ctx<'d> {
    /// The alternatives of a `security` list, without repeats. An empty requirement (`{}`,
    /// "no credentials also work") adds nothing.
    pub fn auth(&mut self, requirements: &'d [SecurityRequirement], at: &Pointer) -> Vec<Auth> {
        let mut out = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let at = at.index(i);
            if requirement.len() > 1 {
                let keys: Vec<&str> = requirement.keys().map(String::as_str).collect();
                self.warn_once(
                    &at,
                    format!(
                        "schemes required together ({}) are generated as alternatives",
                        keys.join(", ")
                    ),
                );
            }
            for key in requirement.keys() {
                if let Some(auth) = self.scheme(key, &at) {
                    if !out.contains(&auth) {
                        out.push(auth);
                    }
                }
            }
        }
        out
    }

    fn scheme(&mut self, key: &'d str, at: &Pointer) -> Option<Auth> {
        if let Some(auth) = self.auth.get(key) {
            return Some(auth.clone());
        }
        let Some(entry) = self.components().and_then(|c| c.security_schemes.get(key)) else {
            self.error(
                &at.key(key),
                format!("security scheme `{key}` is not defined in `components.securitySchemes`"),
            );
            return None;
        };
        let scheme_at = Pointer::component("securitySchemes", key);
        let (scheme, scheme_at) = self.resolve(entry, &scheme_at)?;
        let mapped = match scheme {
            SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
                basic(key)
            }
            SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
                AuthScheme::HttpBearer
            }
            SecurityScheme::APIKey { location, name, .. } => AuthScheme::ApiKey {
                location: match location {
                    APIKeyLocation::Query => ParamLocation::Query,
                    APIKeyLocation::Header => ParamLocation::Header,
                    APIKeyLocation::Cookie => ParamLocation::Cookie,
                },
                name: name.clone(),
            },
            other => {
                let kind = match other {
                    SecurityScheme::HTTP { scheme, .. } => format!("HTTP `{scheme}`"),
                    SecurityScheme::OAuth2 { .. } => "OAuth 2".to_owned(),
                    SecurityScheme::OpenIDConnect { .. } => "OpenID Connect".to_owned(),
                    SecurityScheme::APIKey { .. } => "API key".to_owned(),
                };
                self.warn(
                    &scheme_at,
                    format!("security scheme `{key}` ({kind}) maps to no scheme the client supports; the client sends no credentials for it"),
                );
                AuthScheme::Unknown
            }
        };
        let auth = Auth {
            name: key.to_owned(),
            scheme: mapped,
        };
        self.auth.insert(key, auth.clone());
        Some(auth)
    }
}

/// HTTP Basic, with the credentials named after the scheme key when the auth table knows it
/// (`accountSid_authToken` -> `account_sid`, `auth_token`), else `username` and `password`.
fn basic(key: &str) -> AuthScheme {
    let words = names::snake(key);
    match auth::scheme_for(words.trim_start_matches("r#")) {
        basic @ AuthScheme::HttpBasic { .. } => basic,
        _ => AuthScheme::HttpBasic {
            username: Name {
                wire: "Username".to_owned(),
                rust: "username".to_owned(),
            },
            password: Name {
                wire: "Password".to_owned(),
                rust: "password".to_owned(),
            },
        },
    }
}

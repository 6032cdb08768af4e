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
    /// "no credentials also work") adds nothing; one that names several schemes is one
    /// alternative whose schemes are all sent ([`AuthScheme::Together`]).
    pub fn auth(&mut self, requirements: &'d [SecurityRequirement], at: &Pointer) -> Vec<Auth> {
        let mut out = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let at = at.index(i);
            let mut schemes = Vec::new();
            for key in requirement.keys() {
                if let Some(auth) = self.scheme(key, &at) {
                    schemes.push(auth);
                }
            }
            // A scheme that is not defined is an error already; the requirement is left out.
            if schemes.len() != requirement.len() {
                continue;
            }
            let auth = match schemes.len() {
                0 => continue,
                1 => schemes.remove(0),
                _ => self.together(schemes, &at),
            };
            if !out.contains(&auth) {
                out.push(auth);
            }
        }
        out
    }

    /// Schemes one requirement names together. When the client cannot send all of them (one
    /// it does not support, or two that both need the `Authorization` header), the requirement
    /// is [`AuthScheme::Unknown`], with a warning.
    fn together(&mut self, schemes: Vec<Auth>, at: &Pointer) -> Auth {
        let name = schemes
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        let unknown: Vec<&str> = schemes
            .iter()
            .filter(|s| s.scheme == AuthScheme::Unknown)
            .map(|s| s.name.as_str())
            .collect();
        let authorization: Vec<&str> = schemes
            .iter()
            .filter(|s| uses_authorization(&s.scheme))
            .map(|s| s.name.as_str())
            .collect();
        let problem = if !unknown.is_empty() {
            Some(format!(
                "`{}` is not a scheme the client supports",
                unknown.join("`, `")
            ))
        } else if authorization.len() > 1 {
            Some(format!(
                "`{}` would each need the one `Authorization` header",
                authorization.join("` and `")
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            self.warn_once(
                at,
                format!(
                    "schemes required together ({name}) cannot all be sent: {problem}; the client sends no credentials for this requirement"
                ),
            );
            return Auth {
                name,
                scheme: AuthScheme::Unknown,
            };
        }
        Auth {
            name,
            scheme: AuthScheme::Together { schemes },
        }
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
            SecurityScheme::OAuth2 { .. } => AuthScheme::OAuth2,
            SecurityScheme::OpenIDConnect { .. } => AuthScheme::OpenIdConnect,
            SecurityScheme::HTTP { scheme, .. } => {
                self.warn(
                    &scheme_at,
                    format!("security scheme `{key}` (HTTP `{scheme}`) maps to no scheme the client supports; the client sends no credentials for it"),
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

/// Does the scheme send the `Authorization` header?
fn uses_authorization(scheme: &AuthScheme) -> bool {
    matches!(
        scheme,
        AuthScheme::HttpBasic { .. }
            | AuthScheme::HttpBearer
            | AuthScheme::OAuth2
            | AuthScheme::OpenIdConnect
    )
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

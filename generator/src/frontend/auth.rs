//! How a documented authentication name maps to a scheme. The table is explicit: a name that is
//! not in it maps to [`AuthScheme::Unknown`] and the caller warns, never a guess.

use crate::ir::{AuthScheme, Name};

/// A credential's documented name and its Rust parameter name.
type Credential = (&'static str, &'static str);

/// Normalised name (lowercase, words separated by one space) and the credentials it asks for.
const BASIC: &[(&str, Credential, Credential)] = &[
    (
        "account sid auth token",
        ("Account SID", "account_sid"),
        ("Auth token", "auth_token"),
    ),
    (
        "api key sid secret",
        ("API key SID", "api_key_sid"),
        ("API key secret", "api_key_secret"),
    ),
    ("basic", ("Username", "username"), ("Password", "password")),
    (
        "basic auth",
        ("Username", "username"),
        ("Password", "password"),
    ),
    (
        "http basic",
        ("Username", "username"),
        ("Password", "password"),
    ),
    (
        "basic authentication",
        ("Username", "username"),
        ("Password", "password"),
    ),
];

const BEARER: &[&str] = &[
    "bearer",
    "bearer auth",
    "bearer token",
    "http bearer",
    "bearer authentication",
];

pub fn scheme_for(documented: &str) -> AuthScheme {
    let normalised = documented
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let name = |(wire, rust): (&str, &str)| Name {
        wire: wire.to_owned(),
        rust: rust.to_owned(),
    };
    if let Some((_, username, password)) = BASIC.iter().find(|(n, _, _)| *n == normalised) {
        return AuthScheme::HttpBasic {
            username: name(*username),
            password: name(*password),
        };
    }
    if BEARER.contains(&normalised.as_str()) {
        return AuthScheme::HttpBearer;
    }
    AuthScheme::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twilio_basic_bearer_and_unknown() {
        match scheme_for("Account sid auth token") {
            AuthScheme::HttpBasic { username, password } => {
                assert_eq!(
                    (username.rust.as_str(), password.rust.as_str()),
                    ("account_sid", "auth_token")
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(scheme_for("Bearer  Token"), AuthScheme::HttpBearer);
        assert!(matches!(
            scheme_for("HTTP basic"),
            AuthScheme::HttpBasic { .. }
        ));
        assert_eq!(scheme_for("OAuth2 client credentials"), AuthScheme::Unknown);
    }
}

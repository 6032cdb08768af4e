//! The client: its default server, its constructors and the credentials each takes, and the
//! API's conventions for request ids and error bodies.

use super::namespace::Namespace;
use super::{Argument, Client, Constructor, Conventions, Credential, KeyPlace, TokenOf};
use crate::ir::{Api, Auth, AuthScheme, ParamLocation};
use crate::names;

/// The base URL when the inputs name no server.
pub const NO_SERVER: &str = "http://localhost";

/// `methods` are the client's method names already taken (its own, operations, paging).
pub fn client(api: &Api, methods: Namespace) -> Client {
    let servers: Vec<String> = api.servers.iter().map(|s| s.url.clone()).collect();
    let default_base_url = servers.first().map_or(NO_SERVER, String::as_str).to_owned();
    Client {
        conventions: conventions(api, &default_base_url),
        default_base_url,
        servers,
        auth: constructors(api, methods),
    }
}

/// Twilio's conventions, for its hosts (its documents name neither): the `Twilio-Request-Id`
/// header, and error bodies `{"code": 20404, "message": "...", "more_info": "https://..."}`.
const TWILIO: (&str, [&str; 3]) = ("Twilio-Request-Id", ["code", "message", "more_info"]);

/// A response header the document names `...request-id` (`X-Request-Id`, `Request-Id`) is the
/// request id; else Twilio's on Twilio's hosts, else the common `X-Request-Id`. Error bodies
/// are read for `code` and `message` (and Twilio's `more_info`) until their documented types
/// are decoded.
fn conventions(api: &Api, default_base_url: &str) -> Conventions {
    let twilio =
        url_host(default_base_url).is_some_and(|h| h == "twilio.com" || h.ends_with(".twilio.com"));
    let documented = api
        .operations
        .iter()
        .flat_map(|op| &op.responses)
        .flat_map(|r| &r.headers)
        .map(|h| h.name.wire.as_str())
        .find(|name| name.to_ascii_lowercase().ends_with("request-id"));
    let request_id = match (documented, twilio) {
        (Some(name), _) => name,
        (None, true) => TWILIO.0,
        (None, false) => "X-Request-Id",
    };
    let [code, message, more_info] = TWILIO.1;
    Conventions {
        request_id_header: Some(request_id.to_owned()),
        error_code: Some(code.to_owned()),
        error_message: Some(message.to_owned()),
        error_more_info: twilio.then(|| more_info.to_owned()),
    }
}

/// `video.twilio.com` out of `https://video.twilio.com/v1`.
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    Some(host.split(':').next().unwrap_or(host))
}

/// One constructor per authentication alternative the client can send, in order of first use
/// (an unknown scheme has none). With several, each gets a builder function named after its
/// schemes (`builder_bearer_auth`, `builder_api_email_and_api_key`), numbered when the name is
/// taken.
fn constructors(api: &Api, mut methods: Namespace) -> Vec<Constructor> {
    let mut out: Vec<(Constructor, String)> = api
        .auth
        .iter()
        .filter_map(|auth| {
            let parts = parts(auth)?;
            let together = parts.len() > 1;
            let words: Vec<String> = parts
                .iter()
                .map(|part| {
                    let snake = names::snake(&part.name);
                    snake
                        .trim_start_matches("r#")
                        .trim_end_matches('_')
                        .to_owned()
                })
                .collect();
            let mut arguments = Namespace::functions(&[]);
            let mut planned = Vec::new();
            let mut sends = Vec::new();
            for part in parts {
                let mut argument = |preferred: &str, documented: String| {
                    let rust = arguments.claim(preferred);
                    planned.push(Argument {
                        rust: rust.clone(),
                        documented,
                    });
                    rust
                };
                let own = names::snake(&part.name);
                let sent = match &part.scheme {
                    AuthScheme::HttpBasic { username, password } => Credential::Basic {
                        username: argument(&username.rust, username.wire.clone()),
                        password: argument(&password.rust, password.wire.clone()),
                    },
                    AuthScheme::HttpBearer | AuthScheme::OAuth2 | AuthScheme::OpenIdConnect => {
                        let (of, documented) = match part.scheme {
                            AuthScheme::OAuth2 => (TokenOf::OAuth2, "OAuth 2 access token"),
                            AuthScheme::OpenIdConnect => {
                                (TokenOf::OpenIdConnect, "OpenID Connect token")
                            }
                            _ => (TokenOf::Http, "bearer token"),
                        };
                        let preferred = if together { own.as_str() } else { "token" };
                        Credential::Bearer {
                            token: argument(preferred, documented.to_owned()),
                            of,
                        }
                    }
                    AuthScheme::ApiKey { location, name } => {
                        let place = match location {
                            ParamLocation::Query => KeyPlace::Query,
                            ParamLocation::Cookie => KeyPlace::Cookie,
                            ParamLocation::Header | ParamLocation::Path => KeyPlace::Header,
                        };
                        let preferred = if together { own.as_str() } else { "api_key" };
                        Credential::ApiKey {
                            key: name.clone(),
                            place,
                            value: argument(preferred, format!("API key `{name}`")),
                        }
                    }
                    // `parts` gives only schemes that can be sent.
                    AuthScheme::Together { .. } | AuthScheme::Unknown => continue,
                };
                sends.push(sent);
            }
            let constructor = Constructor {
                scheme: auth.name.clone(),
                builder: None,
                arguments: planned,
                sends,
            };
            Some((constructor, format!("builder_{}", words.join("_and_"))))
        })
        .collect();
    let named = out.len() > 1;
    if named {
        for (constructor, preferred) in &mut out {
            constructor.builder = Some(methods.claim(preferred));
        }
    }
    out.into_iter()
        .map(|(constructor, _)| constructor)
        .collect()
}

/// The schemes an alternative sends, or `None` when the client cannot send it (an unknown
/// scheme, or none at all).
fn parts(auth: &Auth) -> Option<Vec<&Auth>> {
    let mut out = Vec::new();
    let mut stack = vec![auth];
    while let Some(auth) = stack.pop() {
        match &auth.scheme {
            AuthScheme::Unknown => return None,
            AuthScheme::Together { schemes } => stack.extend(schemes.iter().rev()),
            _ => out.push(auth),
        }
    }
    (!out.is_empty()).then_some(out)
}

//! The client: its default server, the credentials `Client::new` takes, and the API's
//! conventions for request ids and error bodies.

use super::{Client, Conventions, Credentials};
use crate::ir::{Api, AuthScheme, ParamLocation};

/// The base URL when the inputs name no server.
pub const NO_SERVER: &str = "http://localhost";

pub fn client(api: &Api) -> Client {
    let servers: Vec<String> = api.servers.iter().map(|s| s.url.clone()).collect();
    let default_base_url = servers.first().map_or(NO_SERVER, String::as_str).to_owned();
    Client {
        conventions: conventions(api, &default_base_url),
        default_base_url,
        servers,
        credentials: credentials(api),
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

/// The first authentication method the generator knows.
fn credentials(api: &Api) -> Credentials {
    let known = api.auth.iter().find(|a| a.scheme != AuthScheme::Unknown);
    match known.map(|a| (a.name.clone(), &a.scheme)) {
        Some((scheme, AuthScheme::HttpBasic { username, password })) => Credentials::Basic {
            scheme,
            username: (username.rust.clone(), username.wire.clone()),
            password: (password.rust.clone(), password.wire.clone()),
        },
        Some((scheme, AuthScheme::HttpBearer)) => Credentials::Bearer { scheme },
        Some((scheme, AuthScheme::ApiKey { location, name })) => Credentials::ApiKey {
            scheme,
            key: name.clone(),
            in_query: *location == ParamLocation::Query,
        },
        Some((_, AuthScheme::Unknown)) | None => Credentials::None,
    }
}

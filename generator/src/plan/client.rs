//! The client: its default server and the credentials `Client::new` takes.

use super::{Client, Credentials};
use crate::ir::{Api, AuthScheme, ParamLocation};

/// The base URL when the inputs name no server.
pub const NO_SERVER: &str = "http://localhost";

pub fn client(api: &Api) -> Client {
    let servers: Vec<String> = api.servers.iter().map(|s| s.url.clone()).collect();
    Client {
        default_base_url: servers.first().map_or(NO_SERVER, String::as_str).to_owned(),
        servers,
        credentials: credentials(api),
    }
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

//! Authentication to `components/securitySchemes` and each operation's `security`: one scheme
//! per method the inputs name (schemes named together are each a scheme of their own, one
//! requirement naming them all).

use indexmap::IndexMap;
use openapiv3::{APIKeyLocation, OAuth2Flows, ReferenceOr, SecurityRequirement, SecurityScheme};

use super::keys::Keys;
use crate::ir::{Api, Auth, AuthScheme, ParamLocation};

/// The HTTP scheme written for a method no rule maps: not one the frontend reads as Basic or
/// Bearer, so that it reads back as unknown.
const UNKNOWN_HTTP_SCHEME: &str = "x-unknown";

/// Every scheme of the API with its key.
pub(super) struct Security<'a> {
    schemes: Vec<(&'a Auth, String)>,
}

impl<'a> Security<'a> {
    pub fn new(api: &'a Api) -> Self {
        let mut keys = Keys::default();
        let mut schemes: Vec<(&Auth, String)> = Vec::new();
        let singles = api.auth.iter().flat_map(|auth| match &auth.scheme {
            AuthScheme::Together { schemes } => schemes.iter().collect::<Vec<_>>(),
            _ => vec![auth],
        });
        for auth in singles {
            if !schemes.iter().any(|(known, _)| *known == auth) {
                schemes.push((auth, keys.claim(&auth.name)));
            }
        }
        Security { schemes }
    }

    fn key(&self, auth: &Auth) -> String {
        self.schemes
            .iter()
            .find(|(known, _)| *known == auth)
            .map(|(_, key)| key.clone())
            .expect("every scheme of an operation is among the API's")
    }

    /// An operation's alternatives, each a requirement.
    pub fn requirements(&self, auth: &[Auth]) -> Vec<SecurityRequirement> {
        auth.iter()
            .map(|alternative| {
                let together = match &alternative.scheme {
                    AuthScheme::Together { schemes } => schemes.iter().collect(),
                    _ => vec![alternative],
                };
                together
                    .into_iter()
                    .map(|auth| (self.key(auth), Vec::new()))
                    .collect()
            })
            .collect()
    }

    pub fn components(&self) -> IndexMap<String, ReferenceOr<SecurityScheme>> {
        self.schemes
            .iter()
            .map(|(auth, key)| (key.clone(), ReferenceOr::Item(scheme(auth))))
            .collect()
    }
}

fn scheme(auth: &Auth) -> SecurityScheme {
    let http = |scheme: &str, description: Option<String>| SecurityScheme::HTTP {
        scheme: scheme.to_owned(),
        bearer_format: None,
        description,
        extensions: IndexMap::new(),
    };
    match &auth.scheme {
        AuthScheme::HttpBasic { username, password } => http(
            "basic",
            Some(format!(
                "The user is the {}, the password the {}.",
                username.wire, password.wire
            )),
        ),
        AuthScheme::HttpBearer => http("bearer", None),
        AuthScheme::OAuth2 => SecurityScheme::OAuth2 {
            flows: OAuth2Flows::default(),
            description: Some(
                "The caller obtains the access token; the inputs name no flow.".into(),
            ),
            extensions: IndexMap::new(),
        },
        AuthScheme::OpenIdConnect => SecurityScheme::OpenIDConnect {
            open_id_connect_url: String::new(),
            description: Some(
                "The caller obtains the token; the inputs name no discovery URL.".into(),
            ),
            extensions: IndexMap::new(),
        },
        AuthScheme::ApiKey { location, name } => SecurityScheme::APIKey {
            location: match location {
                ParamLocation::Query => APIKeyLocation::Query,
                ParamLocation::Cookie => APIKeyLocation::Cookie,
                ParamLocation::Header | ParamLocation::Path => APIKeyLocation::Header,
            },
            name: name.clone(),
            description: None,
            extensions: IndexMap::new(),
        },
        AuthScheme::Together { .. } | AuthScheme::Unknown => http(
            UNKNOWN_HTTP_SCHEME,
            Some(format!(
                "The inputs name `{}`, which maps to no scheme the generator knows.",
                auth.name
            )),
        ),
    }
}

//! The client: its default server, the servers of operations served elsewhere, the server
//! variables the builder sets, its constructors and the credentials each takes, and the API's
//! conventions for request ids and error bodies.

use serde::{Deserialize, Serialize};

use super::namespace::Namespace;
use super::{EnumValue, Item, ItemKind, Module};
use crate::ir::{self, Api, Auth, AuthScheme, ParamLocation};
use crate::names;

/// The client: its default server, its credentials and what the runtime must know of the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    /// The default server's URL with every variable at its default (one without a default
    /// stays in braces): `DEFAULT_BASE_URL`.
    pub default_base_url: String,
    /// The default server, as documented.
    pub server: Server,
    /// Every documented server, in order of first use.
    pub servers: Vec<String>,
    /// The variables of the default server and of the operations' own servers, one
    /// `ClientBuilder` method each (a name several servers use is one variable).
    pub variables: Vec<ServerVariable>,
    /// Operations the documents serve from another server than the default, by their method
    /// name (what the runtime's requests call them), in module order.
    pub operation_servers: Vec<(String, Server)>,
    /// The ways the client authenticates, in the documents' order of first use: the first is
    /// what `Client::new` and `Client::builder` take; when there are several, each also has a
    /// builder function of its own ([`Constructor::builder`]). Empty: no credentials are sent.
    pub auth: Vec<Constructor>,
    pub conventions: Conventions,
}

/// A server URL as documented: variables in braces, filled in when the client is built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Server {
    pub url: String,
    /// Each variable the URL names (by wire name) and its documented default; `None`: the
    /// document gives none, and the caller must set it.
    pub defaults: Vec<(String, Option<String>)>,
    /// Markdown; empty when undocumented.
    pub description: String,
}

/// A server variable: the `ClientBuilder` method that sets it, and what it takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerVariable {
    /// As in the URL's braces (`region`).
    pub wire: String,
    /// The `ClientBuilder` method (`region`), claimed among the builder's methods.
    pub setter: String,
    /// The `types` enum of the documented values (`ServerRegion`, which keeps other values
    /// too); `None`: the setter takes any `&str`.
    pub enumeration: Option<String>,
    /// The default server's documented default (else the first server's that names it);
    /// `None`: no server that names it gives one.
    pub default: Option<String>,
    /// Markdown paragraphs: its description, default, values and the servers that use it.
    pub docs: Vec<String>,
}

impl ServerVariable {
    /// Code that uses the crate must set it: no server that names it gives a default.
    pub fn required(&self) -> bool {
        self.default.is_none()
    }
}

/// What the runtime reads of every answer that is not the same for every API
/// (`runtime::ApiConventions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conventions {
    /// The response header with the server's id for the request.
    pub request_id_header: Option<String>,
    /// Members of a JSON error body read into `ApiError`'s code, message and more-info link.
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub error_more_info: Option<String>,
}

/// One way to authenticate (one requirement of the documents): what the caller passes and
/// what every request then carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constructor {
    /// The documents' name of the scheme, or of the schemes joined with ` + `.
    pub scheme: String,
    /// `Client::<builder>(arguments)`, named after the scheme (`builder_api_key`) and claimed
    /// among the client's methods; `None` when this is the client's only way to authenticate
    /// (then `Client::builder` is all there is).
    pub builder: Option<String>,
    /// The arguments, in order.
    pub arguments: Vec<Argument>,
    /// What is sent, in the documents' order; each part names its arguments.
    pub sends: Vec<Credential>,
}

/// An argument of a constructor: its Rust name and what the documents call it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Argument {
    pub rust: String,
    pub documented: String,
}

/// One credential sent on every request; the strings name [`Argument`]s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Credential {
    /// HTTP Basic.
    Basic { username: String, password: String },
    /// `Authorization: Bearer <token>`; `of` says what the token is (for the docs).
    Bearer { token: String, of: TokenOf },
    /// A key in the header, query parameter or cookie `key`.
    ApiKey {
        key: String,
        place: KeyPlace,
        value: String,
    },
}

/// Where a bearer token comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenOf {
    /// HTTP Bearer: a token the API issues.
    Http,
    /// An OAuth 2 access token the caller obtained.
    OAuth2,
    /// An OpenID Connect token the caller obtained.
    OpenIdConnect,
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyPlace {
    Header,
    Query,
    Cookie,
}

impl Client {
    /// Every constructor the credentials give the client, as Rust shows it:
    /// `Client::new(account_sid, auth_token)` first, then each named builder.
    pub fn signatures(&self) -> Vec<String> {
        let call = |name: &str, constructor: Option<&Constructor>| {
            let args: Vec<&str> = constructor
                .map(|c| c.arguments.iter().map(|a| a.rust.as_str()).collect())
                .unwrap_or_default();
            format!("`Client::{name}({})`", args.join(", "))
        };
        let named = self
            .auth
            .iter()
            .filter_map(|c| c.builder.as_deref().map(|name| call(name, Some(c))));
        std::iter::once(call("new", self.auth.first()))
            .chain(named)
            .collect()
    }
}

/// The base URL when the inputs name no server.
pub const NO_SERVER: &str = "http://localhost";

/// The methods of the runtime's `ClientBuilder` (and the generated one's), which a server
/// variable's setter must not take.
pub const BUILDER_METHODS: &[&str] = &[
    "allow_insecure_http",
    "api_key_cookie",
    "api_key_header",
    "api_key_query",
    "base_url",
    "basic_auth",
    "bearer_token",
    "build",
    "connect_timeout",
    "default_header",
    "http_client",
    "max_response_body",
    "new",
    "retry",
    "timeout",
    "user_agent_suffix",
];

/// The client, and the `types` enums of its server variables. `methods` are the client's
/// method names already taken (its own, operations, paging); `types` the `types` module's.
pub fn client(
    api: &Api,
    methods: Namespace,
    types: &mut Namespace,
    modules: &[Module],
) -> (Client, Vec<Item>) {
    let servers: Vec<String> = api.servers.iter().map(|s| s.url.clone()).collect();
    let default = api.servers.first();
    let default_base_url = default.map_or(NO_SERVER.to_owned(), ir::Server::with_defaults);
    let operation_servers = operation_servers(api, default, modules);
    let documented = default.into_iter().map(|server| (DEFAULT, server)).chain(
        operation_servers
            .iter()
            .map(|(method, server)| (method.as_str(), *server)),
    );
    let (variables, enums) = variables(documented, types);
    let client = Client {
        conventions: conventions(api, &default_base_url),
        default_base_url,
        server: default.map_or_else(
            || Server {
                url: NO_SERVER.to_owned(),
                defaults: Vec::new(),
                description: String::new(),
            },
            server,
        ),
        servers,
        variables,
        operation_servers: operation_servers
            .into_iter()
            .map(|(method, s)| (method, server(s)))
            .collect(),
        auth: constructors(api, methods),
    };
    (client, enums)
}

fn server(server: &ir::Server) -> Server {
    Server {
        url: server.url.clone(),
        defaults: server
            .variables
            .iter()
            .map(|v| (v.name.wire.clone(), v.default.clone()))
            .collect(),
        description: server.description.clone(),
    }
}

/// The operations whose documented servers do not include the default: each goes to its first
/// (by the operation's method name, in module order).
fn operation_servers<'a>(
    api: &'a Api,
    default: Option<&ir::Server>,
    modules: &[Module],
) -> Vec<(String, &'a ir::Server)> {
    let Some(default) = default else {
        return Vec::new();
    };
    modules
        .iter()
        .flat_map(|m| &m.operations)
        .filter_map(|op| {
            let ir = api.operations.iter().find(|o| o.name.wire == op.id)?;
            let first = ir.servers.first()?;
            let own = !ir.servers.iter().any(|s| s.url == default.url);
            own.then(|| (op.method.trim_start_matches("r#").to_owned(), first))
        })
        .collect()
}

/// Who uses a variable of the default server (other servers are named by their operation).
const DEFAULT: &str = "";

/// One variable per name among `servers` (the first to declare it decides its values), each
/// with a builder method claimed after the builder's own, and an enum in `types` when the
/// document lists its values.
fn variables<'a>(
    servers: impl Iterator<Item = (&'a str, &'a ir::Server)>,
    types: &mut Namespace,
) -> (Vec<ServerVariable>, Vec<Item>) {
    let mut setters = Namespace::functions(BUILDER_METHODS);
    let mut declared: Vec<(&ir::ServerVariable, Vec<&str>)> = Vec::new();
    for (user, server) in servers {
        for variable in &server.variables {
            match declared
                .iter_mut()
                .find(|(v, _)| v.name.wire == variable.name.wire)
            {
                Some((first, users)) => {
                    if first.default.is_none() && variable.default.is_some() {
                        *first = variable;
                    }
                    users.push(user);
                }
                None => declared.push((variable, vec![user])),
            }
        }
    }
    let mut enums = Vec::new();
    let variables = declared
        .into_iter()
        .map(|(variable, users)| {
            let setter = setters.claim(&variable.name.rust);
            let mut docs = Vec::new();
            if !variable.description.is_empty() {
                docs.push(variable.description.clone());
            }
            let wire = &variable.name.wire;
            let named: Vec<String> = users
                .iter()
                .map(|user| match *user {
                    DEFAULT => "the default server".to_owned(),
                    method => format!("[`Client::{method}`]'s server"),
                })
                .collect();
            let servers = match named.split_last() {
                Some((last, [])) => format!("the URL of {last}"),
                Some((last, init)) => format!("the URLs of {} and {last}", init.join(", ")),
                None => "no server's URL".to_owned(),
            };
            docs.push(format!("Sets `{{{wire}}}` in {servers}."));
            docs.push(match &variable.default {
                Some(default) => format!("Default: `{default}`."),
                None => {
                    "The document gives no default: the client cannot be built until it is set."
                        .to_owned()
                }
            });
            let enumeration = (!variable.values.is_empty()).then(|| {
                let name = types.claim(&format!("Server{}", names::camel(wire)));
                let listed: Vec<String> = variable
                    .values
                    .iter()
                    .map(|v| format!("`{}`", v.wire))
                    .collect();
                enums.push(Item {
                    name: name.clone(),
                    docs: vec![
                        format!(
                            "The documented values of the server variable `{{{wire}}}`: {}.",
                            listed.join(", ")
                        ),
                        "Another value is kept as it is given.".to_owned(),
                    ],
                    cfg: Vec::new(),
                    kind: ItemKind::Enum {
                        values: variable
                            .values
                            .iter()
                            .map(|v| EnumValue {
                                rust: v.rust.clone(),
                                wire: v.wire.clone(),
                            })
                            .collect(),
                        catch_all: catch_all(&variable.values),
                    },
                });
                name
            });
            ServerVariable {
                wire: wire.clone(),
                setter,
                enumeration,
                default: variable.default.clone(),
                docs,
            }
        })
        .collect();
    (variables, enums)
}

/// `Unknown`, or `UnknownValue` when a documented value takes that name.
fn catch_all(values: &[ir::Name]) -> String {
    if values.iter().any(|v| v.rust == "Unknown") {
        "UnknownValue".to_owned()
    } else {
        "Unknown".to_owned()
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

//! `src/client.rs` of the crate: the client type, its default server and its constructors,
//! which take the credentials the API's authentication schemes ask for: `new` and `builder`
//! the first alternative's, and, when there are several, one builder function per alternative.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::ident;
use crate::plan::{Client, Constructor, Credential, KeyPlace, Server, TokenOf};

/// What a constructor sends, as its doc's sentence, and the runtime's `Credentials` value.
fn describe(constructor: Option<&Constructor>) -> (String, TokenStream) {
    let Some(constructor) = constructor else {
        return (
            " A client that sends no credentials (the inputs name no authentication method the generator knows).".to_owned(),
            quote!(crate::runtime::Credentials::None),
        );
    };
    let scheme = &constructor.scheme;
    let documented = |rust: &str| {
        constructor
            .arguments
            .iter()
            .find(|a| a.rust == rust)
            .map_or_else(|| rust.to_owned(), |a| a.documented.clone())
    };
    let (sentences, values): (Vec<String>, Vec<TokenStream>) = constructor
        .sends
        .iter()
        .map(|credential| match credential {
            Credential::Basic { username, password } => {
                let (user, pass) = (ident(username), ident(password));
                (
                    format!(
                        "authenticates with HTTP Basic: the {} as the user and the {} as the password",
                        documented(username),
                        documented(password)
                    ),
                    quote!(crate::runtime::Credentials::Basic { username: #user.to_owned(), password: #pass.to_owned() }),
                )
            }
            Credential::Bearer { token, of } => {
                let arg = ident(token);
                let what = match of {
                    TokenOf::Http => "",
                    TokenOf::OAuth2 => " with an OAuth 2 access token obtained elsewhere (the client runs no OAuth flow)",
                    TokenOf::OpenIdConnect => " with an OpenID Connect token obtained elsewhere (the client runs no sign-in flow)",
                };
                (
                    format!("sends `Authorization: Bearer <{token}>`{what}"),
                    quote!(crate::runtime::Credentials::Bearer { token: #arg.to_owned() }),
                )
            }
            Credential::ApiKey { key, place, value } => {
                let arg = ident(value);
                let (sentence, place) = match place {
                    KeyPlace::Header => (
                        format!("sends `{value}` in the `{key}` header"),
                        quote!(Header),
                    ),
                    KeyPlace::Query => (
                        format!("sends `{value}` in the `{key}` query parameter"),
                        quote!(Query),
                    ),
                    KeyPlace::Cookie => (
                        format!("sends `{value}` as the cookie `{key}` (in the `Cookie` header)"),
                        quote!(Cookie),
                    ),
                };
                (
                    sentence,
                    quote!(crate::runtime::Credentials::ApiKey { name: #key.to_owned(), value: #arg.to_owned(), place: crate::runtime::KeyPlace::#place }),
                )
            }
        })
        .unzip();
    let value = match values.as_slice() {
        [one] => one.clone(),
        all => quote!(crate::runtime::Credentials::All(vec![#(#all),*])),
    };
    let doc = match constructor.sends.as_slice() {
        // Twilio's sentence, unchanged.
        [Credential::Basic { username, password }] => format!(
            " A client that authenticates with HTTP Basic (\"{scheme}\"): the {} as the user and the {} as the password.",
            documented(username),
            documented(password)
        ),
        [_] => format!(" A client that {} (\"{scheme}\").", sentences[0]),
        _ => format!(
            " A client that, on every request, {} (\"{scheme}\", required together).",
            sentences.join("; and ")
        ),
    };
    (doc, value)
}

/// `crate::runtime::ServerTemplate { .. }` for `server`.
fn template(server: &Server) -> TokenStream {
    let url = &server.url;
    let variables = server.defaults.iter().map(|(name, default)| match default {
        Some(default) => quote!((#name, Some(#default))),
        None => quote!((#name, None)),
    });
    quote!(crate::runtime::ServerTemplate { url: #url, variables: &[#(#variables),*] })
}

/// The docs of `ClientBuilder`: what it sets, and the servers it chooses among (their
/// descriptions are the documents' markdown).
fn builder_docs(client: &Client) -> TokenStream {
    let mut paragraphs = vec![
        "Configures and builds a [`Client`]: the server and its variables, credentials beyond\n\
         the documented ones, default headers, the `User-Agent`, timeouts, retries, or an HTTP\n\
         client of the caller's own."
            .to_owned(),
    ];
    let described = |server: &Server| {
        if server.description.is_empty() {
            format!("`{}`", server.url)
        } else {
            let description = super::docs::sanitize(&server.description);
            format!("`{}` ({})", server.url, description.trim_end_matches('.'))
        }
    };
    if !client.servers.is_empty() {
        let mut text = format!(
            "Requests go to the documented server {}",
            described(&client.server)
        );
        if !client.variables.is_empty() {
            let setters: Vec<String> = client
                .variables
                .iter()
                .map(|v| format!("[`{0}`](Self::{0})", v.setter.trim_start_matches("r#")))
                .collect();
            text.push_str(&format!(", its variables set with {}", setters.join(", ")));
        }
        text.push('.');
        paragraphs.push(text);
        if !client.operation_servers.is_empty() {
            let own: Vec<String> = client
                .operation_servers
                .iter()
                .map(|(method, server)| format!("- [`Client::{method}`]: {}", described(server)))
                .collect();
            paragraphs.push(format!(
                "Operations documented with a server of their own go there:\n{}",
                own.join("\n")
            ));
        }
        paragraphs.push(if client.variables.is_empty() {
            "[`base_url`](Self::base_url) overrides every documented server.".to_owned()
        } else {
            "[`base_url`](Self::base_url) overrides every documented server (server variables\n\
             are then not used, though still checked)."
                .to_owned()
        });
    }
    let lines: Vec<String> = paragraphs
        .join("\n\n")
        .lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect();
    quote!(#(#[doc = #lines])*)
}

/// The builder's methods that only pass on to the runtime's builder.
fn forwarded() -> TokenStream {
    let forward = |name: &str, doc: &str, args: &[(&str, TokenStream)]| {
        let name = ident(name);
        let doc = doc.lines();
        let (names, types): (Vec<_>, Vec<_>) = args
            .iter()
            .map(|(arg, ty)| (ident(arg), ty.clone()))
            .unzip();
        quote! {
            #(#[doc = #doc])*
            pub fn #name(self, #(#names: #types),*) -> Self {
                ClientBuilder { inner: self.inner.#name(#(#names),*) }
            }
        }
    };
    let text = || quote!(&str);
    let duration = || quote!(::std::time::Duration);
    let methods = [
        forward(
            "base_url",
            " Sends requests to `base_url` (`http://127.0.0.1:8080` for tests, a proxy) instead of\n every documented server; operation paths are appended to its path.",
            &[("base_url", text())],
        ),
        forward(
            "bearer_token",
            " Sends `Authorization: Bearer <token>` on every request, whatever the API documents,\n instead of any documented credential in the `Authorization` header.",
            &[("token", text())],
        ),
        forward(
            "basic_auth",
            " Authenticates every request with HTTP Basic, whatever the API documents, instead of\n any documented credential in the `Authorization` header.",
            &[("username", text()), ("password", text())],
        ),
        forward(
            "api_key_header",
            " Sends an API key in the header `name` on every request, instead of a documented\n credential in that header.",
            &[("name", text()), ("value", text())],
        ),
        forward(
            "api_key_query",
            " Sends an API key as the query parameter `name` of every request, after the\n operation's parameters, instead of a documented credential there.",
            &[("name", text()), ("value", text())],
        ),
        forward(
            "api_key_cookie",
            " Sends an API key as the cookie `name` of every request (in the `Cookie` header,\n after the operation's cookies), instead of a documented credential there.",
            &[("name", text()), ("value", text())],
        ),
        forward(
            "default_header",
            " Sends `name: value` on every request where the operation sets no header of that\n name; `build` fails with `Error::Config` when HTTP cannot carry it.",
            &[("name", text()), ("value", text())],
        ),
        forward(
            "user_agent_suffix",
            " Sends `User-Agent: <this crate>/<version> <suffix>` (`myapp/1.2`).",
            &[("suffix", text())],
        ),
        forward(
            "http_client",
            " Sends requests with `client` (its proxies, TLS roots, pool). Its own timeouts and\n redirect policy then apply: [`connect_timeout`](Self::connect_timeout),\n [`timeout`](Self::timeout) and the builder's same-origin redirects are not used.",
            &[("client", quote!(::reqwest::Client))],
        ),
        forward(
            "connect_timeout",
            " How long to wait for a connection (default: 10 s).",
            &[("timeout", duration())],
        ),
        forward(
            "timeout",
            " How long a whole request may take (default: 60 s); a download or event stream may\n go on as long as it keeps arriving, pausing no longer than this.",
            &[("timeout", duration())],
        ),
        forward(
            "retry",
            " How failed requests are retried (default: [`RetryPolicy::default`](crate::RetryPolicy::default)).",
            &[("retry", quote!(crate::RetryPolicy))],
        ),
        forward(
            "max_response_body",
            " How many bytes of a success body may be read into memory (JSON, text, a\n download's `bytes()`, one event of a stream; default: 256 MiB); more is an\n `Error::Decode` naming the limit. A download streamed with `into_stream` is not limited.",
            &[("bytes", quote!(u64))],
        ),
        forward(
            "allow_insecure_http",
            " Allows sending credentials over plain `http://` to another machine (off by default).",
            &[("allow", quote!(bool))],
        ),
    ];
    quote!(#(#methods)*)
}

/// One builder method per server variable: a `types` enum, or any text.
fn variable_setters(client: &Client) -> TokenStream {
    let setters = client.variables.iter().map(|variable| {
        let setter = ident(&variable.setter);
        let wire = &variable.wire;
        let docs = super::docs::attrs(variable.docs.iter().map(String::as_str));
        let (ty, text) = match &variable.enumeration {
            Some(name) => {
                let name = ident(name);
                (quote!(crate::types::#name), quote!(value.as_str()))
            }
            None => (quote!(&str), quote!(value)),
        };
        quote! {
            #docs
            ///
            /// `build` fails with `Error::Config` when the value would change the URL's structure (`/`, `?`, `#`, `@`, whitespace).
            pub fn #setter(self, value: #ty) -> Self {
                ClientBuilder { inner: self.inner.server_variable(#wire, #text) }
            }
        }
    });
    quote!(#(#setters)*)
}

pub fn client_rs(client: &Client) -> TokenStream {
    let base_url = &client.default_base_url;
    let server = template(&client.server);
    let (operation_servers, use_operation_servers) = if client.operation_servers.is_empty() {
        (TokenStream::new(), TokenStream::new())
    } else {
        let servers = client.operation_servers.iter().map(|(method, server)| {
            let server = template(server);
            quote!((#method, #server))
        });
        (
            quote! {
                /// Operations documented with a server of their own, by method name, and that
                /// server (unless [`ClientBuilder::base_url`] says otherwise).
                const OPERATION_SERVERS: &[(&str, crate::runtime::ServerTemplate)] = &[#(#servers),*];
            },
            quote!(.operation_servers(OPERATION_SERVERS)),
        )
    };
    let default_doc = if client.variables.is_empty() {
        " The server requests go to unless [`ClientBuilder::base_url`] says otherwise.".to_owned()
    } else {
        format!(
            " The server requests go to with every server variable at its default (`{}`), unless [`ClientBuilder::base_url`] says otherwise.",
            client.server.url
        )
    };
    let builder_docs = builder_docs(client);
    let forwarded = forwarded();
    let setters = variable_setters(client);
    let default = client.auth.first();
    let args: Vec<_> = default
        .map(|c| c.arguments.iter().map(|a| ident(&a.rust)).collect())
        .unwrap_or_default();
    let (doc, credentials) = describe(default);
    let builders = client.auth.iter().filter_map(|constructor| {
        let name = ident(constructor.builder.as_ref()?);
        let args: Vec<_> = constructor
            .arguments
            .iter()
            .map(|a| ident(&a.rust))
            .collect();
        let (doc, credentials) = describe(Some(constructor));
        let doc = format!(
            "{} One of the API's ways to authenticate; `build()` it.",
            doc.replacen(" A client that", " A builder for a client that", 1)
        );
        Some(quote! {
            #[doc = #doc]
            pub fn #name(#(#args: &str),*) -> ClientBuilder {
                ClientBuilder::new(#credentials)
            }
        })
    });
    let conventions = &client.conventions;
    let set = [
        ("request_id_header", &conventions.request_id_header),
        ("error_code", &conventions.error_code),
        ("error_message", &conventions.error_message),
        ("error_more_info", &conventions.error_more_info),
    ]
    .into_iter()
    .filter_map(|(setter, value)| {
        let setter = ident(setter);
        value.as_ref().map(|value| quote!(.#setter(#value)))
    });
    quote! {
        //! The client: its servers, its credentials, its builder, and what every operation goes
        //! through (the runtime crate's [`Core`](crate::runtime::Core)).
        #![cfg_attr(rustfmt, rustfmt::skip)]

        #[doc = #default_doc]
        pub const DEFAULT_BASE_URL: &str = #base_url;

        /// The default server as documented: its URL and its variables' defaults.
        const SERVER: crate::runtime::ServerTemplate = #server;

        #operation_servers

        /// The request-id header and error-body members of this API, as the runtime reads them.
        const CONVENTIONS: crate::runtime::ApiConventions = crate::runtime::ApiConventions::new() #(#set)*;

        /// Sent as `User-Agent`: this crate's name and version.
        const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

        /// The API client: one method per operation. Cloning is cheap: clones share one
        /// connection pool. `Debug` never prints a password or token.
        #[derive(Clone, Debug)]
        pub struct Client {
            pub(crate) core: crate::runtime::Core,
        }

        #builder_docs
        #[derive(Debug)]
        #[must_use = "a builder does nothing until it is built"]
        pub struct ClientBuilder {
            inner: crate::runtime::ClientBuilder<Client>,
        }

        impl From<crate::runtime::Core> for Client {
            fn from(core: crate::runtime::Core) -> Self {
                Client { core }
            }
        }

        impl ClientBuilder {
            fn new(credentials: crate::runtime::Credentials) -> Self {
                let inner = crate::runtime::ClientBuilder::new(USER_AGENT, SERVER, CONVENTIONS, credentials) #use_operation_servers;
                ClientBuilder { inner }
            }

            #setters

            #forwarded

            /// Builds the client. Fails with `Error::Config` when a setting cannot be used: a
            /// server variable that would change the URL's structure or has no value, a base URL
            /// that is not an `http` or `https` URL (or holds a user name or password), a
            /// credential or default header that cannot be sent as given, or credentials over
            /// plain `http` to another machine without [`allow_insecure_http`](Self::allow_insecure_http).
            pub fn build(self) -> Result<Client, crate::Error> {
                self.inner.build()
            }
        }

        impl Client {
            #[doc = #doc]
            ///
            /// Uses the default server and timeouts; see [`Client::builder`](crate::Client::builder) to change them.
            pub fn new(#(#args: &str),*) -> Result<Self, crate::Error> {
                Self::builder(#(#args),*).build()
            }

            /// A builder for a client with these credentials, to set the server, credentials,
            /// headers, timeouts or retries.
            pub fn builder(#(#args: &str),*) -> ClientBuilder {
                ClientBuilder::new(#credentials)
            }

            #(#builders)*

            /// The URL every operation's path is appended to (an operation documented with a
            /// server of its own goes there unless the base URL was set).
            pub fn base_url(&self) -> &::url::Url {
                self.core.base_url()
            }

            /// The same client (sharing its connections) with another whole-request timeout,
            /// for the calls made through it: `client.with_timeout(Duration::from_secs(5))`.
            pub fn with_timeout(&self, timeout: ::std::time::Duration) -> Client {
                Client { core: self.core.with_timeout(timeout) }
            }

            /// The same client (sharing its connections) with another retry policy, for the
            /// calls made through it: `client.with_retry(RetryPolicy::none())` sends each
            /// request once.
            pub fn with_retry(&self, retry: crate::RetryPolicy) -> Client {
                Client { core: self.core.with_retry(retry) }
            }

            /// The same client (sharing its connections) that also sends the header
            /// `name: value` on the calls made through it, where the operation sets no header
            /// of that name. A name or value HTTP cannot carry makes those calls an
            /// `Error::InvalidRequest` before anything is sent.
            pub fn with_header(&self, name: &str, value: &str) -> Client {
                Client { core: self.core.with_header(name, value) }
            }

            /// The same client (sharing its connections) that also sends `key=value` in the
            /// query string of the calls made through it, after the operation's parameters.
            /// An empty key makes those calls an `Error::InvalidRequest` before anything is sent.
            pub fn with_query(&self, key: &str, value: &str) -> Client {
                Client { core: self.core.with_query(key, value) }
            }
        }

        #[cfg(feature = "blocking")]
        impl crate::blocking::Client {
            #[doc = #doc]
            ///
            /// Uses the default server and timeouts; see [`Client::builder`](crate::Client::builder)
            /// and [`from_async`](crate::blocking::Client::from_async) to change them.
            pub fn new(#(#args: &str),*) -> Result<Self, crate::Error> {
                Self::from_async(crate::Client::new(#(#args),*)?)
            }
        }
    }
}

//! `src/client.rs` of the crate: the client type, its default server and its constructors,
//! which take the credentials the API's authentication schemes ask for: `new` and `builder`
//! the first alternative's, and, when there are several, one builder function per alternative.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::ident;
use crate::plan::{Client, Constructor, Credential, KeyPlace, TokenOf};

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

pub fn client_rs(client: &Client) -> TokenStream {
    let base_url = &client.default_base_url;
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
                ClientBuilder::new(USER_AGENT, DEFAULT_BASE_URL, CONVENTIONS, #credentials)
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
        //! The client: its default server, its credentials, and what every operation goes
        //! through (the runtime crate's [`Core`](crate::runtime::Core)).
        #![cfg_attr(rustfmt, rustfmt::skip)]

        /// The server requests go to unless [`ClientBuilder::base_url`](crate::ClientBuilder::base_url) says otherwise.
        pub const DEFAULT_BASE_URL: &str = #base_url;

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

        /// Configures and builds a [`Client`]: base URL, timeouts, retries.
        pub type ClientBuilder = crate::runtime::ClientBuilder<Client>;

        impl From<crate::runtime::Core> for Client {
            fn from(core: crate::runtime::Core) -> Self {
                Client { core }
            }
        }

        impl Client {
            #[doc = #doc]
            ///
            /// Uses the default server and timeouts; see [`Client::builder`](crate::Client::builder) to change them.
            pub fn new(#(#args: &str),*) -> Result<Self, crate::Error> {
                Self::builder(#(#args),*).build()
            }

            /// A builder for a client with these credentials, to set the base URL or timeouts.
            pub fn builder(#(#args: &str),*) -> ClientBuilder {
                ClientBuilder::new(USER_AGENT, DEFAULT_BASE_URL, CONVENTIONS, #credentials)
            }

            #(#builders)*

            /// The URL every operation's path is appended to.
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

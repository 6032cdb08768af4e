//! `src/client.rs` of the crate: the client type, its default server and its constructors,
//! which take the credentials the API's authentication scheme asks for.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::ident;
use crate::plan::{Client, Credentials};

pub fn client_rs(client: &Client) -> TokenStream {
    let base_url = &client.default_base_url;
    let args: Vec<_> = client
        .credentials
        .arguments()
        .into_iter()
        .map(ident)
        .collect();
    let (doc, credentials) = match &client.credentials {
        Credentials::Basic {
            scheme,
            username,
            password,
        } => {
            let (user, pass) = (ident(&username.0), ident(&password.0));
            (
                format!(
                    " A client that authenticates with HTTP Basic (\"{scheme}\"): the {} as the user and the {} as the password.",
                    username.1, password.1
                ),
                quote!(crate::runtime::Credentials::Basic { username: #user.to_owned(), password: #pass.to_owned() }),
            )
        }
        Credentials::Bearer { scheme } => (
            format!(" A client that sends `Authorization: Bearer <token>` (\"{scheme}\")."),
            quote!(crate::runtime::Credentials::Bearer { token: token.to_owned() }),
        ),
        Credentials::ApiKey {
            scheme,
            key,
            in_query,
        } => {
            let place = if *in_query { "query parameter" } else { "header" };
            (
                format!(" A client that sends its API key in the `{key}` {place} (\"{scheme}\")."),
                quote!(crate::runtime::Credentials::ApiKey { name: #key.to_owned(), value: api_key.to_owned(), in_query: #in_query }),
            )
        }
        Credentials::None => (
            " A client that sends no credentials (the inputs name no authentication method the generator knows).".to_owned(),
            quote!(crate::runtime::Credentials::None),
        ),
    };
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

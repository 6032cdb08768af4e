//! `tests/conformance.rs` of the crate (`--conformance-tests`): one test per operation that
//! sends the plan's request to the mock server named by `CONFORMANCE_BASE_URL` and requires
//! that it accepts it. Without that variable each test says so and passes.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::types::{cfg, ident};
use crate::plan::{ArgumentValue, ConformanceCase, ConformanceTest, ConformanceValue};

/// The environment variable with the mock's base URL.
pub const BASE_URL_VAR: &str = "CONFORMANCE_BASE_URL";

/// The test file: the tests, then the helpers they share (in a module of their own, so that no
/// operation's name can collide with them).
pub fn tests_rs(tests: &[ConformanceTest], crate_name: &str) -> TokenStream {
    let krate = ident(&crate_name.replace('-', "_"));
    let mut docs = vec![
        " Every operation's request, built from the document (its examples, defaults and"
            .to_owned(),
        " smallest allowed values), sent to a mock of the document that validates requests"
            .to_owned(),
        format!(" (Stoplight Prism): each test fails when the mock rejects it. `{BASE_URL_VAR}`"),
        " names the mock; without it every test is skipped (and says so). Each prints one line,"
            .to_owned(),
        " `conformance: <operation>: accepted|rejected|not testable: ...`.".to_owned(),
    ];
    let untestable: Vec<String> = tests
        .iter()
        .filter_map(|t| match &t.case {
            ConformanceCase::NotTestable { reason } => {
                Some(format!(" - `{}`: {reason}", t.operation))
            }
            ConformanceCase::Testable { .. } => None,
        })
        .collect();
    if !untestable.is_empty() {
        docs.push(String::new());
        docs.push(" Not testable:".to_owned());
        docs.push(String::new());
        docs.extend(untestable);
    }
    let tests = tests.iter().map(|t| test(t, &krate));
    let support = support(&krate);
    quote! {
        #(#![doc = #docs])*
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #(#tests)*
        #support
    }
}

fn test(test: &ConformanceTest, krate: &Ident) -> TokenStream {
    let name = ident(&test.name);
    let cfg = cfg(&test.cfg);
    let operation = &test.operation;
    let body = match &test.case {
        ConformanceCase::NotTestable { reason } => {
            quote!(support::not_testable(#operation, #reason);)
        }
        ConformanceCase::Testable {
            builder,
            credentials,
            request,
        } => {
            let builder = ident(builder.as_deref().unwrap_or("builder"));
            let method = ident(&test.method);
            let (build, argument) = match request {
                None => (TokenStream::new(), TokenStream::new()),
                Some(request) => {
                    let name = ident(&request.name);
                    let arguments = request.arguments.iter().map(|v| value(operation, v, krate));
                    let setters = request.setters.iter().map(|v| {
                        let setter = ident(&v.member);
                        let value = value(operation, v, krate);
                        quote!(.#setter(#value))
                    });
                    (
                        quote!(let request = #krate::#name::new(#(#arguments),*) #(#setters)*;),
                        quote!(&request),
                    )
                }
            };
            // Each documented error, asked of the mock, must read as its variant.
            let errors = test.errors.as_ref().map(|errors| {
                let module = ident(&errors.module);
                let name = ident(&errors.enum_name);
                let statuses = errors.statuses.iter().map(|(status, variant)| quote!((#status, #variant)));
                quote! {
                    for (status, variant) in [#(#statuses),*] {
                        let asked = client.with_header("Prefer", &format!("code={status}"));
                        support::error_answer::<#krate::#module::#name, _, _>(#operation, status, variant, asked.#method(#argument).await);
                    }
                }
            });
            quote! {
                let Some(client) = support::client(#krate::Client::#builder(#(#credentials),*), #operation) else {
                    return;
                };
                #build
                support::verdict(#operation, client.#method(#argument).await);
                #errors
            }
        }
    };
    quote! {
        #[tokio::test]
        #cfg
        async fn #name() {
            #body
        }
    }
}

fn value(operation: &str, value: &ConformanceValue, krate: &Ident) -> TokenStream {
    match &value.value {
        ArgumentValue::Str(text) => quote!(#text),
        ArgumentValue::Upload(text) => quote!(#krate::runtime::Upload::bytes(#text)),
        ArgumentValue::Json(json) => {
            let member = &value.member;
            let json = json.to_string();
            quote!(support::value(#operation, #member, #json))
        }
    }
}

fn support(krate: &Ident) -> TokenStream {
    quote! {
        /// What every test shares: the client for the mock, values read from JSON, and the
        /// verdict.
        #[allow(dead_code)]
        mod support {
            use #krate::{ApiError, Client, ClientBuilder, Error, Response, RetryPolicy, runtime};

            /// The client for the mock, or `None` (the test is skipped) when no mock is named.
            pub fn client(builder: ClientBuilder, operation: &str) -> Option<Client> {
                let Some(base_url) = std::env::var(#BASE_URL_VAR).ok().filter(|url| !url.is_empty()) else {
                    println!(concat!("conformance: {}: skipped: ", #BASE_URL_VAR, " is not set (`cargo xtask conformance` runs these tests against a mock)"), operation);
                    return None;
                };
                let client = builder
                    .base_url(&base_url)
                    .retry(RetryPolicy::none())
                    .timeout(std::time::Duration::from_secs(30))
                    .build();
                Some(client.unwrap_or_else(|err| panic!("{operation}: no client for {base_url}: {err}")))
            }

            /// A member's value, read from the document's JSON into its Rust type.
            pub fn value<T: serde::de::DeserializeOwned>(operation: &str, member: &str, json: &str) -> T {
                serde_json::from_str(json).unwrap_or_else(|err| {
                    panic!("{operation}: the value of `{member}` ({json}) does not read as its type: {err}")
                })
            }

            /// Passes when the mock accepted the request (a 2xx, whether or not its made-up
            /// answer decodes, or another answer without violations of the request); fails
            /// with the mock's violations when it did not.
            pub fn verdict<T, H>(operation: &str, result: Result<Response<T, H>, Error>) {
                match result {
                    Ok(response) => {
                        println!("conformance: {operation}: accepted: HTTP {}", response.status);
                        println!("conformance-answer: {operation}: {}: decoded", response.status);
                    }
                    Err(Error::Decode(err)) => {
                        let why = one_line(&err.to_string());
                        println!("conformance: {operation}: accepted: the mock's answer does not decode: {why}");
                        println!("conformance-answer: {operation}: {}: failed: {why}", err.status);
                    }
                    Err(Error::Api(err)) => match judged(&err) {
                        Ok(note) => println!("conformance: {operation}: accepted: {note}"),
                        Err(why) => {
                            println!("conformance: {operation}: rejected: HTTP {}: {why}", err.status);
                            panic!("{operation}: the mock rejected the request with HTTP {}: {why}\n{}", err.status, err.body);
                        }
                    },
                    Err(other) => {
                        let why = one_line(&other.to_string());
                        println!("conformance: {operation}: unsent: {why}");
                        panic!("{operation}: the request was not answered: {why}");
                    }
                }
            }

            /// Reports whether the mock's answer with a documented error status reads as the
            /// variant of the operation's error enum that the status is documented for.
            pub fn error_answer<E: std::fmt::Debug + runtime::FromAnswer, T, H>(operation: &str, status: u16, variant: &str, result: Result<Response<T, H>, Error>) {
                let said = match result {
                    Err(Error::Api(err)) if err.status == status => match err.body_as::<E>() {
                        Ok(read) => {
                            let read = format!("{read:?}");
                            let rest = read.strip_prefix(variant).unwrap_or("?");
                            if rest.is_empty() || rest.starts_with('(') {
                                "decoded".to_owned()
                            } else {
                                format!("failed: read as {}, not {variant}", one_line(&read))
                            }
                        }
                        Err(why) => format!("failed: {}", one_line(&why.to_string())),
                    },
                    Err(other) => format!("not testable: the mock did not answer {status}: {}", one_line(&other.to_string())),
                    Ok(response) => format!("not testable: the mock answered HTTP {}", response.status),
                };
                println!("conformance-answer: {operation}: {status}: {said}");
            }

            /// Reports an operation no request could be built for.
            pub fn not_testable(operation: &str, reason: &str) {
                println!("conformance: {operation}: not testable: {reason}");
            }

            /// What the mock made of a request it answered with a non-2xx: `Err` with what is
            /// wrong with the request (Prism's `sl-violations` header, sent with the
            /// document's own error answer, else the `validation` list of its
            /// `application/problem+json` body, else that body's title and detail), `Ok` with
            /// a note when nothing is (the document's first answer is not a 2xx, such as a
            /// 302, or the mock could not make up an answer that fits the document).
            fn judged(err: &ApiError) -> Result<String, String> {
                let listed = |list: &serde_json::Value, side: bool| -> Vec<String> {
                    let items = list.as_array().map(Vec::as_slice).unwrap_or_default();
                    items
                        .iter()
                        .filter_map(|v| {
                            // `["request", "body", "Name"]` (the header's) and `["body", "Name"]`
                            // (the body's) are both `body.Name`.
                            let location: Vec<String> = v["location"]
                                .as_array()
                                .map(|l| l.iter().map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_owned)).collect())
                                .unwrap_or_default();
                            let (response, location) = match location.split_first() {
                                Some((first, rest)) if first == "request" => (false, rest.to_vec()),
                                Some((first, _)) if first == "response" => (true, location),
                                _ => (false, location),
                            };
                            let message = v["message"].as_str().unwrap_or_default();
                            (response == side).then(|| format!("{}: {message}", location.join(".")))
                        })
                        .collect()
                };
                let header = err
                    .headers
                    .get("sl-violations")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| serde_json::from_str::<serde_json::Value>(v).ok());
                let body = err.body_as::<serde_json::Value>().unwrap_or_default();
                let list = header.as_ref().unwrap_or(&body["validation"]);
                let request = listed(list, false);
                if !request.is_empty() {
                    return Err(one_line(&request.join("; ")));
                }
                let response = listed(list, true);
                if !response.is_empty() {
                    return Ok(one_line(&format!("the mock's own answer breaks the document: {}", response.join("; "))));
                }
                let text = |key: &str| body[key].as_str().map(str::to_owned);
                let from_prism = text("type").is_some_and(|t| t.starts_with("https://stoplight.io/prism/errors#"));
                if !from_prism {
                    return Ok(format!("answered HTTP {} without violations (the document's first answer)", err.status));
                }
                Err(match (text("title"), text("detail")) {
                    (Some(title), Some(detail)) => one_line(&format!("{title}: {detail}")),
                    (Some(one), None) | (None, Some(one)) => one_line(&one),
                    (None, None) => one_line(&err.to_string()),
                })
            }

            fn one_line(text: &str) -> String {
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            }
        }
    }
}

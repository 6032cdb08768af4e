//! What README.md promises about a generated client and no other test covers, checked in crates
//! generated from the small OpenAPI documents in `tests/fixtures/promises/` (one per
//! way of authenticating, since each document's client has its own): each gets the hand-written test beside its
//! document and the scripted server they share (`server.rs`), and `cargo test` runs in it.
//!
//! - `bearer`: `Authorization: Bearer <token>` exactly; a 204 is `Ok(())`; header parameters
//!   (string and integer); query arrays exploded and comma-joined; enums keep unknown values;
//!   `Retry-After` as an HTTP date; the default timeouts (10 s to connect, 60 s per request),
//!   on tokio's paused clock; a JSON body as JSON in documented order; cookie parameters in
//!   one `Cookie` header, and a value that would change it refused before sending.
//! - `api_key_header`: the key in its header, exactly, and nowhere else; not at all on an
//!   operation that documents `security: []`.
//! - `api_key_query`: the key in the query string, and in no error and no `Debug` output.
//! - `together`: two API-key headers one requirement names together, both sent on every
//!   request by the one constructor that takes both.
//! - `oauth2`: an OAuth 2 scheme's access token as `Authorization: Bearer <token>`, and an
//!   OpenID Connect scheme's token the same way, from a builder of its own.
//! - `bodies`: Stripe's form `encoding` map (`deepObject`, arrays indexed, an object-or-`""`
//!   union) and `deepObject` query filters; `spaceDelimited`/`pipeDelimited` queries and objects
//!   exploded or joined; a Box multipart upload (JSON part, file parts, text parts); raw bodies
//!   (bytes, text, an unencodable media type, another listed media type); JSON members sent as
//!   `null` only when asked; a 64 MiB file streamed from disk in bounded
//!   memory and again on a retry; an unreadable file refused before sending.
//! - `answers`: Stripe's 402 read into its `default` error type through the operation's error
//!   enum; an explicit code before a `4XX` range before `default`; a text error body, a binary
//!   one and an undocumented status; successes with different bodies (JSON, JSON of another type, text,
//!   none) told apart by status, the headers of each read, and an undocumented 2xx a decode
//!   error; a second 2xx with the first one's body `Ok` too; Twilio's 2010 list streamed across
//!   its pages by `next_page_uri`, an int32 and an integer enum in its query.
//! - `alternatives`: four alternative schemes, each a builder of its own (a colliding name
//!   numbered) that sends its credential and no other's; a key in a cookie in the `Cookie`
//!   header.
//! - `servers`: server variables (text, an enum, a scheme and host) set on the builder reach
//!   the request line, a value that would change the URL's structure is refused at build, an
//!   operation with a server of its own goes there unless the base URL is set; credentials the
//!   document does not declare, default headers, the `User-Agent` suffix, per-call headers and
//!   query pairs, and a `reqwest::Client` of the caller's own, on the wire.
//! - `streams` (with the `blocking` feature): a 256 MiB download streamed in bounded memory
//!   (the largest allocation and peak of live bytes printed), a download through
//!   `std::io::Read` on the blocking client, an unknown media type as a download that keeps
//!   its content type, `max_response_body` by `Content-Length` and counted (JSON, text,
//!   `Download::bytes`), OpenAI's chat completion stream as typed chunks until `[DONE]` (and
//!   as an `Iterator` on the blocking client), a stream cut mid-event an error, an operation
//!   whose only answer is an event stream.

use std::process::Command;

mod fixture_crates;
use fixture_crates::{cargo, make_standalone, root, write_if_changed};

/// Dev-dependencies of the hand-written tests, added to the generated crate's manifest.
const DEV_DEPENDENCIES: &str = r#"
[dev-dependencies]
httpdate = "1"
tokio = { version = "1", features = ["io-util", "macros", "net", "rt", "test-util", "time"] }
"#;

/// Generates the crate for `tests/fixtures/promises/<document>.yaml` into
/// `target/promises/promises_<document>`, copies `<document>.rs` into it as `tests/promises.rs`
/// and `server.rs` as `tests/server/mod.rs`, and runs its tests with warnings denied, in the
/// target folder the crates of `cli.rs` share so that dependencies are compiled once. The crate
/// keeps its place, and files are written only when they change, so a second run compiles
/// nothing that has not changed.
fn run_promises(document: &str) {
    run_promises_with(document, &[]);
}

/// [`run_promises`] with more arguments for `cargo test` (`--features blocking`).
fn run_promises_with(document: &str, cargo_args: &[&str]) {
    let root = root();
    let fixtures = root.join("generator/tests/fixtures/promises");
    let name = format!("promises_{document}");
    let crate_dir = root.join("target/promises").join(&name);
    let input = fixtures.join(format!("{document}.yaml"));
    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["generate", input.to_str().unwrap(), "--crate-name", &name])
        .args(["--out", crate_dir.to_str().unwrap()])
        .output()
        .expect("the generator binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{document}: {stderr}");

    // A crate of its own, not a member of any workspace above it, with the workspace's
    // dependency versions.
    make_standalone(&crate_dir, DEV_DEPENDENCIES);
    let copy = |from: &str, to: &str| {
        let text = std::fs::read_to_string(fixtures.join(from)).unwrap();
        write_if_changed(&crate_dir.join(to), &text);
    };
    copy(&format!("{document}.rs"), "tests/promises.rs");
    copy("server.rs", "tests/server/mod.rs");

    let args = [&["test", "--test", "promises"], cargo_args].concat();
    let (ok, shown) = cargo(&crate_dir, &args);
    assert!(ok, "{document}:\n{shown}");
    assert!(
        shown.contains("test result: ok.") && !shown.contains(" 0 passed"),
        "{document} ran no test:\n{shown}"
    );
    // The figures a test prints (memory measured), shown with `cargo test -- --nocapture`.
    for line in shown
        .lines()
        .filter(|line| line.contains("largest allocation"))
    {
        println!("{document}: {line}");
    }
}

#[test]
fn every_documented_answer_errors_included_reaches_the_caller_typed() {
    run_promises("answers");
}

#[test]
fn request_bodies_and_parameter_styles_beyond_twilio_are_right_on_the_wire() {
    run_promises("bodies");
}

#[test]
fn bearer_auth_204_header_parameters_query_arrays_enums_retry_after_and_timeouts() {
    run_promises("bearer");
}

#[test]
fn an_api_key_in_a_header_is_sent_there_and_nowhere_else() {
    run_promises("api_key_header");
}

#[test]
fn an_api_key_in_the_query_is_sent_there_and_never_shown() {
    run_promises("api_key_query");
}

#[test]
fn unions_by_discriminator_by_trying_and_by_kind_decode_encode_and_send() {
    run_promises("unions");
}

#[test]
fn schemes_required_together_are_sent_together() {
    run_promises("together");
}

#[test]
fn an_oauth2_scheme_sends_its_token_as_a_bearer_token() {
    run_promises("oauth2");
}

#[test]
fn alternative_schemes_each_get_a_builder_that_sends_only_theirs() {
    run_promises("alternatives");
}

#[test]
fn server_variables_and_client_options_a_document_does_not_state() {
    run_promises("servers");
}

#[test]
fn downloads_stream_bodies_read_whole_are_limited_and_event_streams_decode_event_by_event() {
    run_promises_with("streams", &["--features", "blocking", "--", "--nocapture"]);
}

//! `--conformance-tests` without Prism: the crate generated from
//! `tests/fixtures/conformance/conformance.yaml` builds with its `tests/conformance.rs`
//! (warnings denied), whose tests pass and say they were skipped without
//! `CONFORMANCE_BASE_URL`, and, pointed at a server on 127.0.0.1 that records what it gets and
//! rejects one path as Prism does (a 422 with `sl-violations`), send the values the plan
//! built (an example over a default, an enum's first value, a string matching a pattern, a
//! header at its minimum, nested required members, a union's tag, one member of a form or a
//! JSON object that would be empty), report the rejection with the mock's violation and fail for it, and report
//! the operation no request can be built for; each documented error, asked for as Prism is
//! (`Prefer: code=404`, and a status no other answer lists for `default`), is reported as
//! decoded into its variant or failed with the decode error.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

/// Generates the fixture's crate into `target/promises/conformance_fixture` (kept, written
/// only where it changed, so a second run compiles nothing new).
fn generate() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let input = root.join("generator/tests/fixtures/conformance/conformance.yaml");
    let name = "conformance_fixture";
    let crate_dir = root.join("target/promises").join(name);
    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["generate", input.to_str().unwrap(), "--crate-name", name])
        .args(["--out", crate_dir.to_str().unwrap(), "--conformance-tests"])
        .output()
        .expect("the generator binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let manifest = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    assert!(
        text.contains("[dev-dependencies]"),
        "the tests' tokio: {text}"
    );
    write_if_changed(&manifest, &format!("{text}\n[workspace]\n"));
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
    write_if_changed(&crate_dir.join("Cargo.lock"), &lock);
    crate_dir
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text).unwrap();
}

/// `cargo test --test conformance -- --nocapture` in the crate: whether it passed, and what it
/// printed.
fn run_tests(crate_dir: &Path, base_url: Option<&str>) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args([
            "test",
            "--quiet",
            "--test",
            "conformance",
            "--",
            "--nocapture",
        ])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", root.join("target/fixture-crates"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUST_BACKTRACE", "0")
        .env_remove("CONFORMANCE_BASE_URL");
    if let Some(url) = base_url {
        command.env("CONFORMANCE_BASE_URL", url);
    }
    let run = command.output().unwrap();
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    (run.status.success(), shown)
}

/// One request as received: its head (request line and headers) and body.
#[derive(Debug, Clone)]
struct Received {
    head: String,
    body: String,
}

/// Answers every request on 127.0.0.1 (one per connection): `/v1/Rejected` with Prism's 422
/// and its `sl-violations` header, anything else with `200 {}`. It runs until the test ends.
fn server() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&received);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            let length = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let rejected = head.starts_with("GET /v1/Rejected");
            // Prism's `Prefer: code=<status>`: the documented error answer, a 404 that fits
            // its type and a 500 that does not.
            let asked = head.lines().find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("prefer: code=")
                    .map(str::to_owned)
            });
            log.lock().unwrap().push(Received {
                head,
                body: String::from_utf8_lossy(&body).into_owned(),
            });
            let answer = if let Some(code) = asked {
                let body = if code == "404" {
                    r#"{"code": 20404, "message": "not found"}"#
                } else {
                    r#"{"code": "not a number"}"#
                };
                format!(
                    "HTTP/1.1 {code} Error\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{body}",
                    body.len()
                )
            } else if rejected {
                "HTTP/1.1 422 Unprocessable Entity\r\nsl-violations: [{\"location\":[\"request\",\
                 \"query\",\"Page\"],\"severity\":\"Error\",\"code\":\"required\",\"message\":\
                 \"Request query parameter Page is required\"}]\r\nContent-Type: \
                 application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                    .to_owned()
            } else {
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\
                 Connection: close\r\n\r\n{}"
                    .to_owned()
            };
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    (url, received)
}

#[test]
fn conformance_tests_skip_without_a_mock_and_send_the_plan_s_values_to_one() {
    let crate_dir = generate();

    let (passed, shown) = run_tests(&crate_dir, None);
    assert!(passed, "without a mock every test passes:\n{shown}");
    assert!(
        shown.contains("conformance: CreateRoom: skipped: CONFORMANCE_BASE_URL is not set"),
        "{shown}"
    );

    let (url, received) = server();
    let (passed, shown) = run_tests(&crate_dir, Some(&url));
    assert!(!passed, "the rejected request fails its test:\n{shown}");
    for line in [
        "conformance: CreateRoom: accepted: HTTP 200",
        "conformance-answer: CreateRoom: 200: decoded",
        // Each documented error asked of the mock reads as its variant, or says why not.
        "conformance-answer: CreateRoom: 404: decoded",
        "conformance-answer: CreateRoom: 500: failed: HTTP 500 response does not match the \
         documented types: body field `code`",
        "conformance: SubmitForm: accepted: HTTP 200",
        "conformance: UpdateGist: accepted: HTTP 200",
        "conformance: FetchRejected: rejected: HTTP 422: query.Page: Request query parameter \
         Page is required",
        "conformance: CreateLoop: not testable: no value for `loop`: `next`: `Loop` requires a \
         value that holds a `Loop` again",
    ] {
        assert!(shown.contains(line), "`{line}` missing from:\n{shown}");
    }
    assert!(
        shown.contains("test result: FAILED. 4 passed; 1 failed"),
        "{shown}"
    );

    let received = received.lock().unwrap().clone();
    let find = |start: &str| {
        received
            .iter()
            .find(|r| r.head.starts_with(start))
            .unwrap_or_else(|| panic!("no `{start}` in {received:#?}"))
            .clone()
    };
    let room = find("POST /v1/Rooms/");
    let sid = format!("RM{}", "a".repeat(32));
    assert!(
        room.head
            .starts_with(&format!("POST /v1/Rooms/{sid}?Status=in-progress HTTP/1.1")),
        "a pattern's match in the path, the enum's first value, no optional query: {}",
        room.head
    );
    assert!(
        room.head.to_ascii_lowercase().contains("x-count: 5\r\n"),
        "{}",
        room.head
    );
    assert!(room.head.contains("authorization: Basic "), "{}", room.head);
    let body: serde_json::Value = serde_json::from_str(&room.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "name": "Lyon",
            "when": "2024-01-01T00:00:00Z",
            "id": "00000000-0000-4000-8000-000000000000",
            // An unset optional member of a nested object is left out, not sent as `null`
            // (which the real mocks reject: box.json, github.json).
            "contact": {"email": "user@example.com"},
            "limit": 20,
            "pet": {"kind": "cat", "lives": 9},
            "tags": ["a"]
        }),
        "the example over the default, the default over the minimum, formats, nested \
         required members only, the union's first tag"
    );
    let form = find("POST /v1/Forms");
    assert_eq!(form.body, "FriendlyName=aa", "one member, at its minLength");
    let gist = find("PATCH /v1/Gists/aa5a315d61ae9438b18d ");
    assert_eq!(
        gist.body, r#"{"description":"An updated gist description"}"#,
        "a JSON object without required members gets its first, for an `anyOf` of required lists"
    );
}

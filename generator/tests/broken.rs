//! Broken inputs, one per row: each is an input error (exit code 1) whose message names the
//! file, the line and column, and (for OpenAPI) the JSON pointer; a run over all of them at
//! once reports every one. Inputs the plan cannot build as they ask (a member whose place
//! cannot carry its type, two names that are one on the wire) are located warnings.

use std::path::Path;
use std::process::{Command, Output};

/// One broken input: its file name and text, the `file:line:col` and the words the message
/// must have, and the JSON pointer of an OpenAPI error.
struct Case {
    file: &'static str,
    text: &'static str,
    location: &'static str,
    message: &'static str,
    pointer: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        file: "duplicate_operation.yaml",
        text: "openapi: 3.0.1\ninfo:\n  title: x\n  version: '1'\npaths:\n  /a:\n    get:\n      operationId: FetchThing\n      responses:\n        '200':\n          description: ok\n  /b:\n    get:\n      operationId: FetchThing\n      responses:\n        '200':\n          description: ok\n",
        location: "duplicate_operation.yaml:14:20",
        message: "operation `fetch_thing` is also defined in",
        pointer: None,
    },
    Case {
        file: "truncated.md",
        text: "# Create room\n\n**POST /v1/Rooms**\n\n## Parameters\n\n### Body: application/x-www-form-urlencoded (object)\n\n- **UniqueName** (str",
        location: "truncated.md:9:3",
        message: "expected a field bullet `- **Name** (type)`",
        pointer: None,
    },
    Case {
        file: "unknown_type.md",
        text: "# Create room\n\n**POST /v1/Rooms**\n\n## Parameters\n\n### Body: application/x-www-form-urlencoded (object)\n\n- **MaxParticipants** (int)\n  How many.\n",
        location: "unknown_type.md:9:24",
        message: "unknown type expression `int`",
        pointer: None,
    },
    Case {
        file: "one_line.md",
        text: "# Create room **POST /v1/Rooms** ## Parameters ### Body: application/x-www-form-urlencoded (object) - **Size** (integr) How big. ## Responses ### 201 Created",
        location: "one_line.md:1:113",
        message: "unknown type expression `integr`",
        pointer: None,
    },
    Case {
        file: "no_method.md",
        text: "# Create room\n\nNo endpoint line here.\n\n## Responses\n\n### 201 Created\n",
        location: "no_method.md:1:1",
        message: "page `Create room` has no method and path",
        pointer: None,
    },
    Case {
        file: "nullable_items.md",
        text: "# Create room\n\n**POST /v1/Rooms**\n\n## Parameters\n\n### Body: application/x-www-form-urlencoded (object)\n\n- **Codecs** (array[string | null])\n\n## Responses\n\n### 201 Created\n",
        location: "nullable_items.md:9:15",
        message: "array items of `array[string | null]` cannot be null here",
        pointer: None,
    },
    Case {
        file: "path_param.md",
        text: "# Fetch room\n\n**GET /v1/Rooms**\n\n## Parameters\n\n### Path parameters\n\n- **Sid** (string)\n\n## Responses\n\n### 200 OK\n",
        location: "path_param.md:3:7",
        message: "path parameter `Sid` is documented but not in the path template",
        pointer: None,
    },
    Case {
        file: "unclosed.md",
        text: "# Fetch room\n\n**GET /v1/Rooms/{Sid**\n\n## Responses\n\n### 200 OK\n",
        location: "unclosed.md:3:17",
        message: "unclosed `{` in the path template",
        pointer: None,
    },
    Case {
        file: "union.md",
        text: "# Fetch room\n\n**GET /v1/Rooms**\n\n## Responses\n\n### 200 OK\n\n#### Body: application/json (object)\n\n- **sid** (string | integer)\n  - **inner** (string)\n",
        location: "union.md:11:21",
        message: "`string | integer` is a union of several types; only `T | null` is supported",
        pointer: None,
    },
    Case {
        file: "notes.md",
        text: "Meeting notes\n\nNothing here.\n",
        location: "notes.md:1:1",
        message: "does not start with a `# Title` heading",
        pointer: None,
    },
    Case {
        file: "empty.md",
        text: "",
        location: "empty.md:1:1",
        message: "does not start with a `# Title` heading",
        pointer: None,
    },
    Case {
        file: "indent.yaml",
        text: "openapi: 3.0.0\ninfo:\n  title: T\n  version: \"1\"\npaths:\n  /a:\n    get:\n     responses:\n      \"200\":\n        description: OK\n   bad: 1\n",
        location: "indent.yaml:11:4",
        message: "invalid YAML: did not find expected key",
        pointer: Some("#"),
    },
    Case {
        file: "unresolved.yaml",
        text: "openapi: 3.0.0\ninfo:\n  title: T\n  version: \"1\"\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        \"200\":\n          description: OK\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/Missing\"\n",
        location: "unresolved.yaml:15:17",
        message: "`$ref` target `#/components/schemas/Missing` does not exist",
        pointer: Some("#/paths/~1a/get/responses/200/content/application~1json/schema/$ref"),
    },
    Case {
        file: "cycle.yaml",
        text: "openapi: 3.0.0\ninfo:\n  title: T\n  version: \"1\"\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        \"200\":\n          description: OK\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/A\"\ncomponents:\n  schemas:\n    A:\n      $ref: \"#/components/schemas/B\"\n    B:\n      $ref: \"#/components/schemas/A\"\n",
        location: "cycle.yaml:18:5",
        message: "`$ref` cycle never reaches a concrete schema: A -> B -> A",
        pointer: Some("#/components/schemas/A"),
    },
    Case {
        file: "v4.yaml",
        text: "openapi: 4.0.0\ninfo:\n  title: T\n  version: \"1\"\npaths: {}\n",
        location: "v4.yaml:1:1",
        message: "unsupported OpenAPI version `4.0.0`",
        pointer: Some("#/openapi"),
    },
    Case {
        file: "swagger.yaml",
        text: "swagger: \"2.0\"\ninfo:\n  title: T\n  version: \"1\"\npaths: {}\n",
        location: "swagger.yaml:1:1",
        message: "Swagger 2.0 documents are not supported",
        pointer: Some("#/swagger"),
    },
    Case {
        file: "syntax.json",
        text: "{\n  \"openapi\": \"3.0.0\",\n  \"info\": {\"title\": \"T\", \"version\": \"1\"},\n  \"paths\": {,}\n}\n",
        location: "syntax.json:4:13",
        message: "invalid JSON: key must be a string",
        pointer: Some("#"),
    },
    Case {
        file: "no_version.yaml",
        text: "openapi: 3.0.0\ninfo:\n  title: T\npaths: {}\n",
        location: "no_version.yaml:2:1",
        message: "missing field `version`",
        pointer: Some("#/info"),
    },
];

fn generator(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the generator binary runs")
}

fn check(case: &Case, message: &str) {
    let file = case.file;
    assert!(
        message.contains(case.location),
        "{file}: expected {}:\n{message}",
        case.location
    );
    assert!(
        message.contains(case.message),
        "{file}: expected `{}`:\n{message}",
        case.message
    );
    if let Some(pointer) = case.pointer {
        assert!(
            message.contains(&format!("= at {pointer}\n")),
            "{file}: expected pointer {pointer}:\n{message}"
        );
    }
    assert!(!message.contains("panicked"), "{file}:\n{message}");
}

#[test]
fn each_broken_input_is_an_error_at_its_line_and_column() {
    assert!(CASES.len() >= 15);
    let dir = tempfile::tempdir().unwrap();
    for case in CASES {
        std::fs::write(dir.path().join(case.file), case.text).unwrap();
        let output = generator(&["ir", case.file], dir.path());
        let message = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{}:\n{message}", case.file);
        assert!(output.stdout.is_empty(), "{}: no IR is printed", case.file);
        check(case, &message);
    }
    let one_line = generator(&["ir", "one_line.md"], dir.path());
    let message = String::from_utf8_lossy(&one_line.stderr);
    assert!(
        message.contains("at byte offset 112 of a one-line page"),
        "{message}"
    );
}

#[test]
fn all_broken_inputs_of_a_run_are_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("inputs")).unwrap();
    for case in CASES {
        std::fs::write(dir.path().join("inputs").join(case.file), case.text).unwrap();
    }
    let output = generator(&["generate", "inputs", "--out", "out"], dir.path());
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{message}");
    for case in CASES {
        let location = format!("inputs/{}", case.location);
        assert!(
            message.contains(&location),
            "expected {location}:\n{message}"
        );
        check(case, &message);
    }
    assert!(message.contains("nothing was written"), "{message}");
    assert!(!dir.path().join("out").exists());
}

/// `tests/fixtures/hostile/encodings.yaml`: each member the plan cannot send as documented, and
/// each pair of names that are one header, is a warning at the operation's JSON pointer, and
/// the crate is still written (`tests/cli.rs` builds it); `--deny-warnings` refuses it.
const PLAN_WARNINGS: &[&str] = &[
    "UnCarried: path parameter `corner` is an object, which a path segment cannot carry as \
     documented (the client does not write an object in style `simple` with `explode: true`): \
     it is sent as JSON text",
    "UnCarried: query parameter `file` is binary (`format: binary`), which a query string \
     carries only as text: it takes text (`String`), sent as it is given",
    "UnCarried: query parameter `filters` is an array of objects, which a query string cannot \
     carry as documented (the client does not write an array of objects in style `form` with \
     `explode: true`): it is sent as JSON text",
    "UnCarried: header `grid` is an array of arrays, which a header cannot carry as documented \
     (the client does not write an array of arrays in style `simple` with `explode: false`): it \
     is sent as JSON text",
    "UnCarried: cookie `session` is an object, which a cookie cannot carry as documented (the \
     client writes no object or nested value in a cookie): it is sent as JSON text",
    "UnCarried: header parameters `X-Trace` and `x-trace` are one header (header names are \
     case-insensitive): both are sent",
    "UnCarried: the 200 answer documents headers `X-Rate` and `x-rate`, which are one header \
     (header names are case-insensitive): only `X-Rate` is read",
];

#[test]
fn what_the_plan_cannot_build_as_asked_is_a_located_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = include_str!("fixtures/hostile/encodings.yaml");
    std::fs::write(dir.path().join("encodings.yaml"), text).unwrap();
    let output = generator(&["generate", "encodings.yaml", "--out", "out"], dir.path());
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    for warning in PLAN_WARNINGS {
        let located = format!("warning: {warning}\n = at #/paths/~1carried~1{{corner}}/get\n");
        assert!(message.contains(&located), "expected {located}\n{message}");
    }
    let count =
        message.matches("\nwarning: ").count() + usize::from(message.starts_with("warning: "));
    assert_eq!(count, PLAN_WARNINGS.len(), "no other warning:\n{message}");
    assert!(dir.path().join("out/src/lib.rs").exists());

    let denied = generator(
        &[
            "generate",
            "encodings.yaml",
            "--out",
            "denied",
            "--deny-warnings",
        ],
        dir.path(),
    );
    assert_eq!(denied.status.code(), Some(1));
    assert!(!dir.path().join("denied").exists());
}

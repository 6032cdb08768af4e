//! No panics on bad input: thousands of deterministic mutations of the seed page and the small
//! OpenAPI fixtures each give either an API or errors that all have a place (a span or a JSON
//! pointer); an API is also emitted as a crate. And nesting far deeper than any real document
//! is an error, not a stack overflow.

use std::panic::{AssertUnwindSafe, catch_unwind};

use generator::emit::{CrateOptions, emit_crate};
use generator::frontend::{Source, parse_sources};

/// Seeds, by name: the one-line seed page, a multi-line page and the OpenAPI fixtures.
const SEEDS: &[(&str, &str)] = &[
    ("create_room.md", include_str!("../../spec/create_room.md")),
    (
        "create_room_multiline.md",
        include_str!("fixtures/create_room_multiline.md"),
    ),
    (
        "create_thing.md",
        include_str!("fixtures/api/create_thing.md"),
    ),
    ("hostile.md", include_str!("fixtures/hostile/self.md")),
    (
        "create_room.yaml",
        include_str!("fixtures/openapi/create_room.yaml"),
    ),
    (
        "features.yaml",
        include_str!("fixtures/openapi/features.yaml"),
    ),
    (
        "features.json",
        include_str!("fixtures/openapi/features.json"),
    ),
    ("shapes.yaml", include_str!("fixtures/shapes/shapes.yaml")),
    (
        "hostile.yaml",
        include_str!("fixtures/hostile/hostile.yaml"),
    ),
    (
        "encodings.yaml",
        include_str!("fixtures/hostile/encodings.yaml"),
    ),
];

/// Mutations per seed.
const CASES_PER_SEED: u64 = 400;

/// Fragments that matter to one of the formats, inserted at random places.
const TOKENS: &[&str] = &[
    "**",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "- ",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "### ",
    "#### ",
    "`",
    "|",
    " | null",
    "array[",
    "object",
    "string(",
    "$ref: '#/components/schemas/x'\n",
    "$ref: '#/components/schemas/node'",
    ": ",
    "  ",
    "\t",
    "null",
    "~1",
    "é",
    "名",
    "\u{0}",
    "enum: [a, A, '']",
    "type: ",
    "allOf:",
    "oneOf:",
    "items:",
    "{x}",
    "/{y}",
    "POST /v1/{A}",
    "Body: application/json (object)",
    "201 Created",
    "-1",
    "1e999",
    "openapi: 3.0.0\n",
    "\"",
    "'",
    "\\",
    "&",
    "<",
    ">",
    "*",
    "```",
    "[x](y)",
];

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One to three random edits of `seed`: deletions, duplications, insertions, truncation, line
/// swaps and byte flips (the result is made valid UTF-8 again).
fn mutate(seed: &str, rng: &mut Rng) -> String {
    let mut bytes = seed.as_bytes().to_vec();
    for _ in 0..1 + rng.below(3) {
        let len = bytes.len();
        let at = rng.below(len + 1);
        let span = 1 + rng.below(64);
        match rng.below(7) {
            0 => {
                bytes.drain(at..(at + span).min(len));
            }
            1 => {
                let piece = bytes[at..(at + span).min(len)].to_vec();
                bytes.splice(at..at, piece);
            }
            2 | 3 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            4 => bytes.truncate(at),
            5 => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(a, b);
                bytes = lines.join("\n").into_bytes();
            }
            _ => {
                if at < len {
                    const BYTES: &[u8] = b" -*#[](){}:|\n\t`0aZ";
                    bytes[at] = BYTES[rng.below(BYTES.len())];
                }
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Parses (and, on success, emits) one input; `Err` says what went wrong.
fn check(name: &str, text: &str) -> Result<(), String> {
    let sources = [Source {
        name: name.to_owned(),
        text: text.to_owned(),
    }];
    let parsed = catch_unwind(AssertUnwindSafe(|| parse_sources(&sources)))
        .map_err(|_| "the frontend panicked".to_owned())?;
    let unlocated: Vec<String> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.span.is_none() && d.pointer.is_none())
        .map(|d| d.to_string())
        .collect();
    if !unlocated.is_empty() {
        return Err(format!("errors without a place: {unlocated:?}"));
    }
    match parsed.api {
        None if !parsed.diagnostics.iter().any(|d| d.is_error()) => {
            Err("no API and no error".to_owned())
        }
        None => Ok(()),
        Some(api) => {
            let options = CrateOptions {
                name: "mutant".into(),
                regenerate: "test".into(),
                example_tests: true,
                conformance_tests: true,
            };
            let emitted = catch_unwind(AssertUnwindSafe(|| {
                let mut plan = generator::plan::build(&api);
                plan.conformance = generator::plan::conformance_tests(&api, &plan);
                emit_crate(&plan, &options)
            }))
            .map_err(|_| "the planner or the emitter panicked".to_owned())?;
            emitted
                .map(drop)
                .map_err(|e| format!("the emitter failed: {e}"))
        }
    }
}

#[test]
fn mutated_inputs_give_an_api_or_located_errors_never_a_panic() {
    let mut failures = Vec::new();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for (name, seed) in SEEDS {
        check(name, seed).unwrap_or_else(|e| panic!("seed {name}: {e}"));
        for case in 0..CASES_PER_SEED {
            let text = mutate(seed, &mut rng);
            if let Err(problem) = check(name, &text) {
                failures.push(format!(
                    "{name} #{case}: {problem}\n--- input ---\n{text}\n---"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} mutations failed; the first:\n{}",
        failures.len(),
        SEEDS.len() as u64 * CASES_PER_SEED,
        failures
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Ten thousand levels, in each place a document can nest.
#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    const LEVELS: usize = 10_000;
    let page_head = "# Deep\n\n**GET /a**\n\n## Responses\n\n### 200 OK\n\n#### Body: application/json (object)\n\n";
    let openapi_head = "openapi: 3.0.0\ninfo: {title: T, version: '1'}\n";
    let flow = format!("{}1{}", "{a: ".repeat(LEVELS), "}".repeat(LEVELS));
    let lists = format!("{}[1{}", "[".repeat(LEVELS), "]".repeat(LEVELS));
    let mut schema = "{type: string}".to_owned();
    for _ in 0..LEVELS {
        schema = format!("{{type: object, properties: {{p: {schema}}}}}");
    }
    let operation = |schema: &str| {
        format!(
            "{openapi_head}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {schema}\n"
        )
    };
    // Shorter: an alias chain costs the emitter quadratic time (it resolves names by search).
    const CHAIN: usize = 2_000;
    let refs: String = (0..CHAIN)
        .map(|i| format!("    s{i}:\n      $ref: '#/components/schemas/s{}'\n", i + 1))
        .collect();
    let inputs = [
        (
            "bullets.md",
            format!("{page_head}{}**x** (object)\n", "- ".repeat(LEVELS)),
        ),
        (
            "indented.md",
            format!(
                "{page_head}{}",
                (0..40)
                    .map(|i| format!("{}- **f{i}** (object)\n", "  ".repeat(i)))
                    .collect::<String>()
            ),
        ),
        (
            "quotes.md",
            format!("{page_head}{}- **x** (string)\n", "> ".repeat(LEVELS)),
        ),
        (
            "types.md",
            format!(
                "{page_head}- **x** ({}string{})\n",
                "array[".repeat(LEVELS),
                "]".repeat(LEVELS)
            ),
        ),
        (
            "flow.yaml",
            format!("{openapi_head}paths: {{}}\nx-deep: {flow}\n"),
        ),
        (
            "lists.json",
            format!("{{\"openapi\": \"3.0.0\", \"x\": {lists}}}"),
        ),
        ("schema.yaml", operation(&schema)),
        (
            "refs.yaml",
            format!(
                "{}components:\n  schemas:\n{refs}    s{CHAIN}:\n      type: string\n",
                operation("{$ref: '#/components/schemas/s0'}")
            ),
        ),
    ];
    for (name, text) in &inputs {
        // A thread with a small stack, so that unbounded recursion shows up here, not only
        // on inputs deeper still.
        let (name, text) = (name.to_string(), text.clone());
        let result = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || check(&name, &text).map_err(|e| format!("{name}: {e}")))
            .unwrap()
            .join()
            .expect("no panic");
        result.unwrap();
    }
}

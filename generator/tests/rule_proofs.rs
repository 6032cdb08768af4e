//! Every rule of the change report proven on the generated code: for each case an OLD and a
//! NEW document (a fixture of `tests/fixtures/diff/` and text edits, as in `tests/diff.rs`),
//! the report must give the case's rule, and a small program that uses the changed item the way
//! a user of the OLD crate would (calls the method, builds the request with `new()` and
//! setters, reads the field, matches an enum with a `_` arm, names the type) must compile
//! against the OLD crate, and against the NEW one exactly when the rule is compatible.
//!
//! All cases share one generated crate, `target/rule_proofs/proof` (always generated from the
//! same input path, so that its runtime crate is compiled once), and `target/fixture-crates`
//! for dependencies. Per fixture the OLD crate is generated and every case's program (one file
//! `tests/<case>.rs` each) checked against it with `cargo check --tests`; then per case the NEW
//! crate is generated in its place and `cargo check --test <case>` must pass or fail, a failure
//! in the case's own file.
//!
//! Judgment calls, written the way README.md says users should write code:
//! `response-field-added` (the program reads fields, it builds no response with a struct
//! literal) and `enum-value-added` (the `match` has a `_` arm).
//!
//! Behavioural: the program still compiles; the change is on the wire (or in a value):
//! `endpoint-changed`, `request-encoding-changed`, `request-field-moved`, `wire-renamed`,
//! `success-status-changed`, `untyped-response`, `default-server-changed`,
//! `other-server-changed`, `server-variable-default-changed`, `auth-changed`,
//! `rust-type-kept`, `format-changed`, `group-renamed`.
//!
//! `server-variable-required` breaks at run time, not compile time (`build()` fails until the
//! variable is set): its program is a test that builds a client, and it is run (`cargo test
//! --test <case>`), passing against OLD and failing against NEW.
//!
//! A program may build with `default-features = false` and only the features it names (`cargo
//! check --no-default-features --features ..`), as users who build fewer modules do; a feature
//! the NEW crate no longer has is then the program's failure (its manifest names it). That is
//! how `group-changed` breaks code that names no module (`group-changed-features`), and how
//! `group-renamed`, a new operation, a new named type and a new shared header struct do not.
//!
//! A rule is proven where the report gives it: `every_rule_in_every_place_the_report_gives_it_has_a_proof`
//! takes every case of `tests/diff.rs` (`diff_cases/`) and asks, for each rule in each place a
//! case gives it (a request, a response body, a response header, a shared header struct, an
//! error enum, an event, a `types` item, the servers, the API), for a proof that gives it there.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use generator::diff::{self, Class};
use generator::ir::Api;
use generator::plan::{self, ItemKind, Plan};

// `tests/diff.rs` checks the cases' report lines; here only where they give each rule.
#[allow(dead_code)]
mod diff_cases;
mod diff_edits;
mod fixture_crates;
use diff_edits::*;
use fixture_crates::{cargo, make_standalone, root, write_if_changed};

/// How the program is tried against the NEW crate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Try {
    /// `cargo check`: it compiles exactly when the rule is compatible.
    Compile,
    /// `cargo test`: it compiles against both and passes exactly when the rule is compatible.
    Run,
}

/// One rule's proof.
struct Proof {
    /// The rule the report must give for the change.
    rule: &'static str,
    /// The case's file name, when it is not the rule's (a second proof of one rule).
    name: Option<&'static str>,
    base: &'static str,
    /// Edits applied to both OLD and NEW.
    setup: Edits,
    /// Edits applied to NEW only (to OLD only when `reversed`).
    edits: Edits,
    reversed: bool,
    /// The body of `async fn use_it(client: &proof::Client) -> Result<(), proof::Error>`
    /// (with `Try::Run`, of a `#[test]`).
    program: &'static str,
    how: Try,
    /// Built with `default-features = false` and only these features (the program's
    /// `Cargo.toml`, as `--no-default-features --features ..`); `None`: the default features.
    features: Option<&'static [&'static str]>,
}

const fn proof(
    rule: &'static str,
    base: &'static str,
    edits: Edits,
    program: &'static str,
) -> Proof {
    Proof {
        rule,
        name: None,
        base,
        setup: &[],
        edits,
        reversed: false,
        program,
        how: Try::Compile,
        features: None,
    }
}

const fn reversed(proof: Proof) -> Proof {
    Proof {
        reversed: true,
        ..proof
    }
}

const fn with_setup(setup: Edits, proof: Proof) -> Proof {
    Proof { setup, ..proof }
}

/// A second proof of a rule, in a file of its own.
const fn named(name: &'static str, proof: Proof) -> Proof {
    Proof {
        name: Some(name),
        ..proof
    }
}

/// A proof built with `default-features = false` and only `features`.
const fn with_features(features: &'static [&'static str], proof: Proof) -> Proof {
    Proof {
        features: Some(features),
        ..proof
    }
}

const fn run(proof: Proof) -> Proof {
    Proof {
        how: Try::Run,
        ..proof
    }
}

/// Rules no case proves, each with the reason why none can (none today: every rule of
/// `rules::ALL` has a proof above). A new rule fails `every_rule_has_a_proof_or_a_reason`
/// until it gets a proof or an entry here.
const EXEMPT: &[(&str, &str)] = &[];

/// CreateRoom's 203, with a third body (beside `A_202_OF_ANOTHER_BODY`).
const A_203_OF_ANOTHER_BODY: Edits = &[(
    "  /v1/Rooms/{Sid}:\n",
    "        '203':\n          description: Elsewhere\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  elsewhere:\n                    type: string\n  /v1/Rooms/{Sid}:\n",
)];

/// A match on CreateRoom's success enum, with a `_` arm as it is `#[non_exhaustive]`.
const SUCCESS_ENUM: &str = "let request = proof::CreateRoomRequest::new(\"hall\");
    let answer = client.create_room(&request).await?;
    let _queued = match answer.body {
        proof::create_room::CreateRoomSuccess::Status201(room) => room.sid.is_empty(),
        proof::create_room::CreateRoomSuccess::Status202(queued) => queued.queued == Some(true),
        _ => false,
    };";

/// The rooms fixture read as OpenAPI 3.1 (what `webhooks` needs).
const AS_31: Edits = &[("openapi: 3.0.3", "openapi: 3.1.0")];

/// A webhook whose payload is an inline object: `webhooks::decode_room_ended`.
const ROOM_ENDED_WEBHOOK: Edits = &[(
    "components:\n",
    "webhooks:\n  roomEnded:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                sid:\n                  type: string\n      responses:\n        '200':\n          description: Received\ncomponents:\n",
)];

const FETCH_TAGGED: Edits = &[(
    "      operationId: FetchRoom\n",
    "      operationId: FetchRoom\n      tags: [Rooms]\n",
)];

const FETCH_ROOM: &str = "let request = proof::FetchRoomRequest::new(\"RM1\").page_size(10);
    let answer = client.fetch_room(&request).await?;
    let _: &proof::types::Room = &answer.body.room;";

const CREATE_ROOM: &str =
    "let request = proof::CreateRoomRequest::new(\"hall\").max_participants(5);
    let answer = client.create_room(&request).await?;
    let _: &String = &answer.body.sid;";

const READ_ROOM: &str = "let rooms = client.list_rooms().await?.body;
    let room: &proof::types::Room = &rooms[0];
    let _: &String = &room.sid;
    let _: Option<::chrono::DateTime<::chrono::Utc>> = room.date_created;";

/// CreateRoom's 201 documents a second header, `X-Request-Id`.
const A_REQUEST_ID_HEADER: Edits = &[(
    "            X-Rate-Limit:\n",
    "            X-Request-Id:\n              schema:\n                type: string\n            X-Rate-Limit:\n",
)];

/// Reads CreateRoom's header the way README.md shows (`answer.headers`).
const CREATE_ROOM_HEADERS: &str = "let request = proof::CreateRoomRequest::new(\"hall\");
    let answer = client.create_room(&request).await?;
    let _: Option<i64> = answer.headers.x_rate_limit;";

/// A schema that claims the shared header set's name (`XRateLimitHeaders`) for itself, reached
/// from `Room`: the header set is renamed `XRateLimitHeaders2`.
const A_SCHEMA_NAMED_LIKE_THE_HEADERS: Edits = &[
    (
        "        date_created:\n",
        "        limits:\n          $ref: '#/components/schemas/XRateLimitHeaders'\n        date_created:\n",
    ),
    (
        "  schemas:\n",
        "  schemas:\n    XRateLimitHeaders:\n      type: object\n      properties:\n        burst:\n          type: integer\n",
    ),
];

/// CreateRoom's body gets an object member of its own, `Venue`
/// (`create_room::CreateRoomRequestVenue`, a struct users build).
const A_NESTED_VENUE: Edits = &[(
    "                Rules:\n",
    "                Venue:\n                  type: object\n                  properties:\n                    city:\n                      type: string\n                Rules:\n",
)];

/// The nested `Venue` gets a second member.
const A_VENUE_COUNTRY: Edits = &[(
    "                    city:\n                      type: string\n",
    "                    city:\n                      type: string\n                    country:\n                      type: string\n",
)];

/// CreateRoom's body is a `$ref` to a component, flattened into `CreateRoomRequest`.
const A_REF_BODY: Edits = &[
    (
        "            schema:\n              type: object\n              required: [UniqueName]\n              properties:\n                UniqueName:\n                  type: string\n                MaxParticipants:\n                  type: integer\n                Rules:\n                  $ref: '#/components/schemas/RecordingRules'\n",
        "            schema:\n              $ref: '#/components/schemas/RoomRequest'\n",
    ),
    (
        "  schemas:\n",
        "  schemas:\n    RoomRequest:\n      type: object\n      required: [UniqueName]\n      properties:\n        UniqueName:\n          type: string\n        MaxParticipants:\n          type: integer\n",
    ),
];

/// Reads FetchRoom's `meta.page`.
const META_PAGE: &str = "let request = proof::FetchRoomRequest::new(\"RM1\");
    let answer = client.fetch_room(&request).await?;
    let _: Option<i64> = answer.body.meta.and_then(|meta| meta.page);";

/// FetchRoom and its request by the crate's root paths only (they do not name the module),
/// so that only its cargo feature tells the modules apart.
const FETCH_ROOM_AT_THE_ROOT: &str = "let request = proof::FetchRoomRequest::new(\"RM1\");
    client.fetch_room(&request).await?;";

const PROOFS: &[Proof] = &[
    // Operations.
    proof("operation-added", ROOMS, CLOSE_ROOM, READ_ROOM),
    // A `types` integer enum (`RoomSize`): a wider integer, and a variant renamed in Rust.
    named(
        "retyped_integer_enum",
        proof(
            "retyped",
            ROOMS,
            &[(
                "format: int32\n      enum: [2, 50]",
                "format: int64\n      enum: [2, 50]",
            )],
            "let _ = client;
    let _small: i32 = proof::types::RoomSize::Small.value();",
        ),
    ),
    named(
        "rust_renamed_integer_enum_value",
        proof(
            "rust-renamed",
            ROOMS,
            &[(
                "x-enum-varnames: [SMALL, LARGE]",
                "x-enum-varnames: [SMALL, BIG]",
            )],
            "let _ = client;
    let _large = proof::types::RoomSize::Large;",
        ),
    ),
    // The new operation repeats `FetchRoomResponseMeta`'s shape: the shape moves to `types`,
    // and the old name, an alias of it now, still builds, reads and is named.
    named(
        "operation_added_repeating_a_shape",
        proof(
            "operation-added",
            ROOMS,
            SHARED_META,
            "let request = proof::FetchRoomRequest::new(\"RM1\");
    let answer = client.fetch_room(&request).await?;
    let meta: Option<proof::FetchRoomResponseMeta> = answer.body.meta;
    let _: Option<i64> = meta.and_then(|meta| meta.page);",
        ),
    ),
    reversed(proof(
        "operation-removed",
        ROOMS,
        CLOSE_ROOM,
        "let request = proof::close_room::CloseRoomRequest::new(\"RM1\");
    client.close_room(&request).await?;",
    )),
    proof(
        "operation-renamed",
        ROOMS,
        &[("operationId: ListRooms", "operationId: ListAllRooms")],
        READ_ROOM,
    ),
    proof(
        "endpoint-changed",
        ROOMS,
        &[("  /v1/Rooms/{Sid}:\n", "  /v2/Rooms/{Sid}:\n")],
        FETCH_ROOM,
    ),
    proof(
        "group-changed",
        ROOMS,
        FETCH_TAGGED,
        "let request = proof::fetch_room::FetchRoomRequest::new(\"RM1\");
    client.fetch_room(&request).await?;",
    ),
    with_setup(
        FETCH_TAGGED,
        proof(
            "group-renamed",
            ROOMS,
            &[("tags: [Rooms]", "tags: [rooms]")],
            "let request = proof::rooms::FetchRoomRequest::new(\"RM1\");
    client.fetch_room(&request).await?;",
        ),
    ),
    proof("paging-added", ROOMS, PAGED_FETCH, FETCH_ROOM),
    reversed(proof(
        "paging-removed",
        ROOMS,
        PAGED_FETCH,
        "let request = proof::FetchRoomRequest::new(\"RM1\");
    let page = client.fetch_room(&request).await?.body;
    let _next = client.fetch_room_next_page(&page);",
    )),
    // A new operation claims the item stream's method name: the stream is renamed.
    named(
        "paging-removed-renamed",
        proof(
            "paging-removed",
            PAGED_ROOMS,
            &[(
                "components:\n",
                "  /v1/RoomStream:\n    get:\n      operationId: FetchRoomStream\n      responses:\n        '204':\n          description: No Content\ncomponents:\n",
            )],
            "let request = proof::FetchRoomRequest::new(\"RM1\");
    let _items = client.fetch_room_stream(&request, Some(10));",
        ),
    ),
    proof("events-added", ROOMS, EVENT_STREAM, FETCH_ROOM),
    reversed(proof(
        "events-removed",
        ROOMS,
        EVENT_STREAM,
        "let request = proof::FetchRoomRequest::new(\"RM1\");
    let _events = client.fetch_room_events(&request).await?;",
    )),
    // Webhooks (OpenAPI 3.1).
    with_setup(
        AS_31,
        proof("webhook-added", ROOMS, ROOM_ENDED_WEBHOOK, FETCH_ROOM),
    ),
    with_setup(
        AS_31,
        reversed(proof(
            "webhook-removed",
            ROOMS,
            ROOM_ENDED_WEBHOOK,
            "let ended = proof::webhooks::decode_room_ended(br#\"{\"sid\": \"RM1\"}\"#)?;
    let _: Option<String> = ended.sid;",
        )),
    ),
    proof(
        "request-encoding-changed",
        ROOMS,
        &[("application/x-www-form-urlencoded", "application/json")],
        CREATE_ROOM,
    ),
    proof(
        "request-argument-added",
        ROOMS,
        LIST_ROOMS_PARAMETER,
        READ_ROOM,
    ),
    reversed(proof(
        "request-argument-removed",
        ROOMS,
        LIST_ROOMS_PARAMETER,
        "let request = proof::list_rooms::ListRoomsRequest::new();
    client.list_rooms(&request).await?;",
    )),
    // Request fields.
    proof(
        "optional-request-field-added",
        ROOMS,
        &[(
            "        - name: PageSize\n",
            "        - name: Region\n          in: query\n          schema:\n            type: string\n        - name: PageSize\n",
        )],
        FETCH_ROOM,
    ),
    proof(
        "required-request-field-added",
        ROOMS,
        &[(
            "        - name: PageSize\n",
            "        - name: Region\n          in: query\n          required: true\n          schema:\n            type: string\n        - name: PageSize\n",
        )],
        FETCH_ROOM,
    ),
    proof(
        "request-field-removed",
        ROOMS,
        &[(
            "        - name: PageSize\n          in: query\n          schema:\n            type: integer\n",
            "",
        )],
        FETCH_ROOM,
    ),
    proof(
        "request-field-made-required",
        ROOMS,
        &[(
            "required: [UniqueName]",
            "required: [UniqueName, MaxParticipants]",
        )],
        CREATE_ROOM,
    ),
    proof(
        "request-field-made-optional",
        ROOMS,
        &[("              required: [UniqueName]\n", "")],
        CREATE_ROOM,
    ),
    proof(
        "request-field-moved",
        ROOMS,
        &[(
            "        - name: PageSize\n          in: query",
            "        - name: PageSize\n          in: header",
        )],
        FETCH_ROOM,
    ),
    // Fields of structs users read or build.
    proof(
        "response-field-added",
        ROOMS,
        &[(
            "                      page:\n",
            "                      total:\n                        type: integer\n                      page:\n",
        )],
        "let request = proof::FetchRoomRequest::new(\"RM1\");
    let answer = client.fetch_room(&request).await?;
    let _: Option<i64> = answer.body.meta.and_then(|meta| meta.page);",
    ),
    proof(
        "sent-object-field-added",
        ROOMS,
        &[(
            "        all:\n",
            "        kind:\n          type: string\n        all:\n",
        )],
        "let rules = proof::types::RecordingRules { all: Some(true) };
    let request = proof::CreateRoomRequest::new(\"hall\").rules(rules);
    client.create_room(&request).await?;",
    ),
    proof(
        "field-removed",
        ROOMS,
        &[(
            "        date_created:\n          type: string\n          format: date-time\n",
            "",
        )],
        READ_ROOM,
    ),
    proof(
        "option-added",
        ROOMS,
        &[("required: [sid, status]", "required: [status]")],
        READ_ROOM,
    ),
    proof(
        "option-removed",
        ROOMS,
        &[(
            "required: [sid, status]",
            "required: [sid, status, date_created]",
        )],
        READ_ROOM,
    ),
    proof(
        "rust-type-kept",
        ROOMS,
        &[(
            "          format: date-time\n",
            "          format: date-time\n          nullable: true\n",
        )],
        READ_ROOM,
    ),
    // Names and types.
    proof(
        "retyped",
        ROOMS,
        &[(
            "                MaxParticipants:\n                  type: integer\n",
            "                MaxParticipants:\n                  type: string\n",
        )],
        CREATE_ROOM,
    ),
    proof(
        "format-changed",
        ROOMS,
        &[(
            "        sid:\n          type: string\n",
            "        sid:\n          type: string\n          format: email\n",
        )],
        READ_ROOM,
    ),
    proof(
        "wire-renamed",
        ROOMS,
        &[("UniqueName", "Unique_Name"), ("UniqueName", "Unique_Name")],
        "let request = proof::CreateRoomRequest::new(\"hall\");
    let _: &String = &request.unique_name;
    client.create_room(&request).await?;",
    ),
    named(
        "wire-renamed-operation",
        proof(
            "wire-renamed",
            ROOMS,
            &[("operationId: FetchRoom", "operationId: fetchRoom")],
            FETCH_ROOM,
        ),
    ),
    proof(
        "rust-renamed",
        ROOMS,
        &[(
            "        - name: PageSize\n",
            "        - name: page_size\n          in: query\n          schema:\n            type: string\n        - name: PageSize\n",
        )],
        FETCH_ROOM,
    ),
    proof("type-added", ROOMS, NEW_NAMED_TYPE, READ_ROOM),
    named(
        "type-added-shared-headers",
        proof(
            "type-added",
            ROOMS,
            SHARED_HEADERS,
            "let request = proof::CreateRoomRequest::new(\"hall\");
    let answer = client.create_room(&request).await?;
    let headers: proof::CreateRoomResponseHeaders = answer.headers;
    let _: Option<i64> = headers.x_rate_limit;",
        ),
    ),
    reversed(proof(
        "type-removed",
        ROOMS,
        NEW_NAMED_TYPE,
        "let _: Option<proof::types::Location> = None;",
    )),
    proof(
        "type-renamed",
        ROOMS,
        &[("operationId: FetchRoom", "operationId: GetRoom")],
        "let _: Option<proof::FetchRoomResponse> = None;",
    ),
    proof(
        "enum-value-added",
        ROOMS,
        &[(
            "enum: [in-progress, completed]",
            "enum: [in-progress, completed, failed]",
        )],
        "let rooms = client.list_rooms().await?.body;
    let _done = match &rooms[0].status {
        proof::types::RoomStatus::Completed => true,
        proof::types::RoomStatus::InProgress => false,
        _ => false,
    };",
    ),
    proof(
        "enum-value-removed",
        ROOMS,
        &[("enum: [in-progress, completed]", "enum: [in-progress]")],
        "let rooms = client.list_rooms().await?.body;
    let _done = matches!(rooms[0].status, proof::types::RoomStatus::Completed);",
    ),
    // Responses.
    proof(
        "return-type-changed",
        ROOMS,
        A_202_OF_ANOTHER_BODY,
        CREATE_ROOM,
    ),
    proof(
        "success-status-changed",
        ROOMS,
        &[(
            "        '201':\n          description: Created\n",
            "        '200':\n          description: OK\n",
        )],
        CREATE_ROOM,
    ),
    proof(
        "untyped-response",
        ROOMS,
        &[("        '404':\n          description: Not Found\n", "")],
        FETCH_ROOM,
    ),
    proof(
        "answer-variant-added",
        ERROR_ROOMS,
        A_DEFAULT_ERROR,
        "let request = proof::FetchRoomRequest::new(\"RM1\");
    if let Err(proof::Error::Api(error)) = client.fetch_room(&request).await {
        match error.body_as::<proof::fetch_room::FetchRoomError>() {
            Ok(proof::fetch_room::FetchRoomError::Status404(body)) => drop(body),
            Ok(_) | Err(_) => {}
        }
    }",
    ),
    with_setup(
        A_202_OF_ANOTHER_BODY,
        named(
            "answer-variant-added-success",
            proof(
                "answer-variant-added",
                ROOMS,
                A_203_OF_ANOTHER_BODY,
                SUCCESS_ENUM,
            ),
        ),
    ),
    with_setup(
        A_202_OF_ANOTHER_BODY,
        reversed(named(
            "answer-variant-removed-success",
            proof(
                "answer-variant-removed",
                ROOMS,
                A_203_OF_ANOTHER_BODY,
                "let request = proof::CreateRoomRequest::new(\"hall\");
    let answer = client.create_room(&request).await?;
    let _moved = matches!(answer.body, proof::create_room::CreateRoomSuccess::Status203(_));",
            ),
        )),
    ),
    reversed(proof(
        "answer-variant-removed",
        ERROR_ROOMS,
        A_DEFAULT_ERROR,
        "let request = proof::FetchRoomRequest::new(\"RM1\");
    if let Err(proof::Error::Api(error)) = client.fetch_room(&request).await {
        match error.body_as::<proof::fetch_room::FetchRoomError>() {
            Ok(proof::fetch_room::FetchRoomError::Default(body)) => drop(body),
            Ok(_) | Err(_) => {}
        }
    }",
    )),
    proof(
        "error-enum-added",
        ROOMS,
        A_404_BODY,
        "let request = proof::FetchRoomRequest::new(\"RM1\");
    if let Err(proof::Error::Api(error)) = client.fetch_room(&request).await {
        let _: u16 = error.status;
    }",
    ),
    reversed(proof(
        "error-enum-removed",
        ROOMS,
        A_404_BODY,
        "let request = proof::FetchRoomRequest::new(\"RM1\");
    if let Err(proof::Error::Api(error)) = client.fetch_room(&request).await {
        let _ = error.body_as::<proof::fetch_room::FetchRoomError>();
    }",
    )),
    // Servers and authentication.
    proof(
        "default-server-changed",
        ROOMS,
        &[("https://rooms.example.com\n", "https://rooms.example.org\n")],
        "let _: &str = proof::DEFAULT_BASE_URL;
    let _ = client.base_url();",
    ),
    proof(
        "other-server-changed",
        ROOMS,
        &[(
            "  - url: https://rooms.example.com\n",
            "  - url: https://rooms.example.com\n  - url: https://eu.rooms.example.com\n",
        )],
        "let _client = proof::Client::new(\"user\", \"secret\")?;",
    ),
    proof(
        "server-variable-added",
        SERVED,
        A_TENANT_VARIABLE,
        "let _client = proof::Client::builder().region(proof::types::ServerRegion::Eu).build()?;",
    ),
    named(
        "enum-value-added-server",
        proof(
            "enum-value-added",
            SERVED,
            &[("        enum: [us, eu]\n", "        enum: [us, eu, ap]\n")],
            "let region = proof::types::ServerRegion::Eu;
    let _near = match region {
        proof::types::ServerRegion::Us => \"us\",
        proof::types::ServerRegion::Eu => \"eu\",
        _ => \"elsewhere\",
    };
    let _client = proof::Client::builder().region(region).build()?;",
        ),
    ),
    run(proof(
        "server-variable-required",
        SERVED,
        &[("/{version}\n", "/{version}/{tenant}\n")],
        "proof::Client::builder().build().unwrap();",
    )),
    reversed(proof(
        "server-variable-removed",
        SERVED,
        A_TENANT_VARIABLE,
        "let _client = proof::Client::builder().tenant(\"main\").build()?;",
    )),
    proof(
        "server-variable-retyped",
        SERVED,
        &[("        enum: [us, eu]\n", "")],
        "let _client = proof::Client::builder().region(proof::types::ServerRegion::Eu).build()?;",
    ),
    run(proof(
        "server-variable-default-changed",
        SERVED,
        &[("        default: us\n", "        default: eu\n")],
        "proof::Client::builder().build().unwrap();",
    )),
    proof(
        "credentials-changed",
        ROOMS,
        &[
            ("  - basicAuth: []", "  - basicAuth: []\n    apiKey: []"),
            (
                "  securitySchemes:\n",
                "  securitySchemes:\n    apiKey: {type: apiKey, in: header, name: X-Api-Key}\n",
            ),
        ],
        "let _client = proof::Client::new(\"user\", \"secret\")?;",
    ),
    proof(
        "auth-changed",
        ROOMS,
        AN_OAUTH_ALTERNATIVE,
        "let _client = proof::Client::new(\"user\", \"secret\")?;
    let _built = proof::Client::builder(\"user\", \"secret\").build()?;",
    ),
    // Response headers: a field of `Response::headers`, always an `Option`.
    named(
        "response-field-added-header",
        proof(
            "response-field-added",
            ROOMS,
            A_REQUEST_ID_HEADER,
            CREATE_ROOM_HEADERS,
        ),
    ),
    named(
        "field-removed-header",
        reversed(proof(
            "field-removed",
            ROOMS,
            A_REQUEST_ID_HEADER,
            "let request = proof::CreateRoomRequest::new(\"hall\");
    let answer = client.create_room(&request).await?;
    let _: Option<String> = answer.headers.x_request_id;",
        )),
    ),
    named(
        "retyped-header",
        proof(
            "retyped",
            ROOMS,
            &[(
                "            X-Rate-Limit:\n              schema:\n                type: integer\n",
                "            X-Rate-Limit:\n              schema:\n                type: string\n",
            )],
            CREATE_ROOM_HEADERS,
        ),
    ),
    named(
        "rust-type-kept-header",
        proof(
            "rust-type-kept",
            ROOMS,
            &[(
                "            X-Rate-Limit:\n",
                "            X-Rate-Limit:\n              required: true\n",
            )],
            CREATE_ROOM_HEADERS,
        ),
    ),
    // Shared header structs (`types::XRateLimitHeaders`) that disappear or are renamed.
    named(
        "type-removed-shared-headers",
        reversed(proof(
            "type-removed",
            ROOMS,
            SHARED_HEADERS,
            "let headers: Option<proof::types::XRateLimitHeaders> = None;
    let _: Option<i64> = headers.and_then(|headers| headers.x_rate_limit);",
        )),
    ),
    with_setup(
        SHARED_HEADERS,
        named(
            "retyped-shared-headers",
            proof(
                "retyped",
                ROOMS,
                A_SCHEMA_NAMED_LIKE_THE_HEADERS,
                "let headers: Option<proof::types::XRateLimitHeaders> = None;
    let _: Option<i64> = headers.and_then(|headers| headers.x_rate_limit);",
            ),
        ),
    ),
    // Fields of a response body, of a named type, of an event and of an error body.
    named(
        "field-removed-response",
        proof(
            "field-removed",
            ROOMS,
            &[(
                "                  meta:\n                    type: object\n                    properties:\n                      page:\n                        type: integer\n",
                "",
            )],
            META_PAGE,
        ),
    ),
    named(
        "option-added-response",
        proof(
            "option-added",
            ROOMS,
            &[("                required: [room]\n", "")],
            FETCH_ROOM,
        ),
    ),
    named(
        "option-removed-response",
        proof(
            "option-removed",
            ROOMS,
            &[("required: [room]", "required: [room, meta]")],
            META_PAGE,
        ),
    ),
    named(
        "retyped-response",
        proof(
            "retyped",
            ROOMS,
            &[(
                "                      page:\n                        type: integer\n",
                "                      page:\n                        type: string\n",
            )],
            META_PAGE,
        ),
    ),
    named(
        "response-field-added-type",
        proof(
            "response-field-added",
            ROOMS,
            &[(
                "        date_created:\n",
                "        region:\n          type: string\n        date_created:\n",
            )],
            READ_ROOM,
        ),
    ),
    named(
        "wire-renamed-enum-value",
        proof(
            "wire-renamed",
            ROOMS,
            &[("enum: [in-progress, completed]", "enum: [in_progress, completed]")],
            "let rooms = client.list_rooms().await?.body;
    let _live = matches!(rooms[0].status, proof::types::RoomStatus::InProgress);",
        ),
    ),
    with_setup(
        EVENT_STREAM,
        named(
            "retyped-events",
            proof(
                "retyped",
                ROOMS,
                &[(
                    "                  ticks:\n                    type: integer\n",
                    "                  ticks:\n                    type: string\n",
                )],
                "let request = proof::FetchRoomRequest::new(\"RM1\");
    let _events = client.fetch_room_events(&request);
    let _ticks = |event: proof::fetch_room::FetchRoomResponseEvent| -> Option<i64> { event.ticks };",
            ),
        ),
    ),
    named(
        "retyped-error",
        proof(
            "retyped",
            ERROR_ROOMS,
            &[(
                "                  message:\n                    type: string\n",
                "                  message:\n                    type: integer\n",
            )],
            "let request = proof::FetchRoomRequest::new(\"RM1\");
    if let Err(proof::Error::Api(error)) = client.fetch_room(&request).await {
        if let Ok(proof::fetch_room::FetchRoomError::Status404(body)) =
            error.body_as::<proof::fetch_room::FetchRoomError>()
        {
            let _: Option<String> = body.message;
        }
    }",
        ),
    ),
    // Request fields: a format, objects nested in a request, a `$ref` body flattened.
    named(
        "format-changed-request",
        proof(
            "format-changed",
            ROOMS,
            &[(
                "                UniqueName:\n                  type: string\n",
                "                UniqueName:\n                  type: string\n                  format: email\n",
            )],
            CREATE_ROOM,
        ),
    ),
    with_setup(
        A_NESTED_VENUE,
        named(
            "sent-object-field-added-nested",
            proof(
                "sent-object-field-added",
                ROOMS,
                A_VENUE_COUNTRY,
                "let venue = proof::create_room::CreateRoomRequestVenue { city: Some(\"Oslo\".into()) };
    let request = proof::CreateRoomRequest::new(\"hall\").venue(venue);
    client.create_room(&request).await?;",
            ),
        ),
    ),
    with_setup(
        A_NESTED_VENUE,
        named(
            "field-removed-nested",
            reversed(proof(
                "field-removed",
                ROOMS,
                A_VENUE_COUNTRY,
                "let venue = proof::create_room::CreateRoomRequestVenue {
        city: None,
        country: Some(\"NO\".into()),
    };
    let request = proof::CreateRoomRequest::new(\"hall\").venue(venue);
    client.create_room(&request).await?;",
            )),
        ),
    ),
    with_setup(
        A_REF_BODY,
        named(
            "optional-request-field-added-ref-body",
            proof(
                "optional-request-field-added",
                ROOMS,
                &[(
                    "        MaxParticipants:\n          type: integer\n",
                    "        MaxParticipants:\n          type: integer\n        Region:\n          type: string\n",
                )],
                CREATE_ROOM,
            ),
        ),
    ),
    // With `default-features = false`: the program names the features it builds.
    named(
        "group-changed-features",
        with_features(
            &["fetch_room"],
            proof("group-changed", ROOMS, FETCH_TAGGED, FETCH_ROOM_AT_THE_ROOT),
        ),
    ),
    with_setup(
        FETCH_TAGGED,
        named(
            "group-renamed-features",
            with_features(
                &["rooms"],
                proof(
                    "group-renamed",
                    ROOMS,
                    &[("tags: [Rooms]", "tags: [rooms]")],
                    FETCH_ROOM_AT_THE_ROOT,
                ),
            ),
        ),
    ),
    named(
        "operation-added-features",
        with_features(
            &["list_rooms"],
            proof("operation-added", ROOMS, CLOSE_ROOM, READ_ROOM),
        ),
    ),
    named(
        "type-added-features",
        with_features(
            &["list_rooms"],
            proof("type-added", ROOMS, NEW_NAMED_TYPE, READ_ROOM),
        ),
    ),
    named(
        "type-added-shared-headers-features",
        with_features(
            &["create_room"],
            proof("type-added", ROOMS, SHARED_HEADERS, CREATE_ROOM_HEADERS),
        ),
    ),
];

fn edit(text: &str, edits: Edits, rule: &str) -> String {
    let mut edited = text.to_owned();
    for (from, to) in edits {
        assert!(
            edited.contains(from),
            "{rule}: the edit does not apply: {from}"
        );
        edited = edited.replacen(from, to, 1);
    }
    edited
}

/// OLD and NEW documents of a proof.
fn documents(proof: &Proof) -> (String, String) {
    let base = edit(proof.base, proof.setup, proof.rule);
    let edited = edit(&base, proof.edits, proof.rule);
    if proof.reversed {
        (edited, base)
    } else {
        (base, edited)
    }
}

impl Proof {
    /// The case's test file in the generated crate, without `.rs`.
    fn file(&self) -> String {
        self.name.unwrap_or(self.rule).replace('-', "_")
    }
}

/// The case's program as a test file of the generated crate.
fn program(proof: &Proof) -> String {
    let header = "// A program that uses the crate as a user of the OLD crate would.\n\
                  #![allow(dead_code, unused_variables, clippy::all)]\n\n";
    match proof.how {
        Try::Compile => format!(
            "{header}pub async fn use_it(client: &proof::Client) -> Result<(), proof::Error> {{\n    {}\n    Ok(())\n}}\n",
            proof.program
        ),
        Try::Run => format!(
            "{header}#[test]\nfn use_it() {{\n    {}\n}}\n",
            proof.program
        ),
    }
}

/// `target/rule_proofs`: the input document `api.yaml` and the crate generated from it,
/// `proof/`.
struct Workspace {
    dir: PathBuf,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = root().join("target/rule_proofs");
        std::fs::create_dir_all(&dir).unwrap();
        Workspace { dir }
    }

    fn crate_dir(&self) -> PathBuf {
        self.dir.join("proof")
    }

    /// Generates the crate from `document`, always from the same input path and into the same
    /// folder, so that every generated file's first line, the runtime's too, stays the same.
    fn generate(&self, document: &str, what: &str) -> Api {
        let input = self.dir.join("api.yaml");
        write_if_changed(&input, document);
        let output = Command::new(env!("CARGO_BIN_EXE_generator"))
            .args([
                "generate",
                "api.yaml",
                "--crate-name",
                "proof",
                "--out",
                "proof",
            ])
            .current_dir(&self.dir)
            .output()
            .expect("the generator binary runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{what}: {stderr}");
        make_standalone(&self.crate_dir(), "");
        match generator::read_api(&[input]) {
            Ok((api, _, _)) => api,
            Err(failure) => panic!("{what}: {}", failure.render()),
        }
    }

    fn cargo(&self, args: &[&str]) -> (bool, String) {
        cargo(&self.crate_dir(), args)
    }

    /// The case's program against the crate as it is: compiled, or also run, with the
    /// default features or only its own.
    fn try_program(&self, proof: &Proof) -> (bool, String) {
        let name = proof.file();
        let mut args = match proof.how {
            Try::Compile => vec!["check", "--test", &name],
            Try::Run => vec!["test", "--test", &name],
        };
        let features = proof.features.map(|f| f.join(","));
        if let Some(features) = &features {
            args.extend(["--no-default-features", "--features", features]);
        }
        self.cargo(&args)
    }
}

/// Whether cargo refused a feature the proof builds with: the crate has none of that name.
fn missing_feature(shown: &str, proof: &Proof) -> bool {
    proof.features.unwrap_or_default().iter().any(|feature| {
        shown.contains(&format!("does not have the feature `{feature}`"))
            || shown.contains(&format!("does not contain this feature: {feature}"))
    })
}

/// The rule ids of the report from `old` to `new`, and its lines.
fn report(old: &Api, new: &Api) -> (Vec<&'static str>, Vec<String>) {
    let report = diff::compare(old, new);
    let ids = report.changes.iter().map(|c| c.rule.id).collect();
    let lines = report.changes.iter().map(|c| c.line()).collect();
    (ids, lines)
}

#[test]
fn every_rule_of_the_report_is_true_of_the_generated_code() {
    let started = Instant::now();
    let workspace = Workspace::new();
    let tests = workspace.crate_dir().join("tests");
    let mut failures = Vec::new();
    let mut proven = 0;
    // One OLD document at a time, with the programs of the proofs that start from it.
    let mut olds: Vec<String> = Vec::new();
    for proof in PROOFS {
        let (old, _) = documents(proof);
        if !olds.contains(&old) {
            olds.push(old);
        }
    }
    for old in &olds {
        let group: Vec<&Proof> = PROOFS.iter().filter(|p| &documents(p).0 == old).collect();
        let old_api = workspace.generate(old, group[0].rule);
        // Only this group's programs in `tests/`.
        if tests.exists() {
            for entry in std::fs::read_dir(&tests).unwrap() {
                std::fs::remove_file(entry.unwrap().path()).unwrap();
            }
        }
        for proof in &group {
            let path = tests.join(format!("{}.rs", proof.file()));
            write_if_changed(&path, &program(proof));
        }
        let (ok, shown) = workspace.cargo(&["check", "--tests"]);
        if !ok {
            failures.push(format!(
                "the programs of {:?} do not compile against their OLD crate:\n{shown}",
                group.iter().map(|p| p.rule).collect::<Vec<_>>()
            ));
            continue;
        }
        // Run programs, and programs built with their own features, are tried one by one.
        for proof in group
            .iter()
            .filter(|p| p.how == Try::Run || p.features.is_some())
        {
            let (ok, shown) = workspace.try_program(proof);
            if !ok {
                failures.push(format!(
                    "{}: the program fails against OLD:\n{shown}",
                    proof.rule
                ));
            }
        }
        for proof in &group {
            let (_, new) = documents(proof);
            let new_api = workspace.generate(&new, proof.rule);
            let (ids, lines) = report(&old_api, &new_api);
            let rule = diff::rules::ALL.iter().find(|r| r.id == proof.rule);
            let Some(rule) = rule else {
                failures.push(format!("{}: no such rule", proof.rule));
                continue;
            };
            if !ids.contains(&proof.rule) {
                failures.push(format!(
                    "{}: the report does not give the rule:\n{}",
                    proof.rule,
                    lines.join("\n")
                ));
                continue;
            }
            // A compatible change must come alone with compatible ones: the whole program is
            // to compile.
            if rule.class == Class::Compatible
                && let Some(line) = lines.iter().find(|l| l.starts_with("breaking: "))
            {
                failures.push(format!(
                    "{}: a breaking change beside it: {line}",
                    proof.rule
                ));
                continue;
            }
            let (ok, shown) = workspace.try_program(proof);
            // A breaking change fails in the program: a compile error in its own file, or, run,
            // its test.
            // With features of its own, a feature the crate no longer has is the program's
            // failure too: its manifest names it.
            let in_program = match proof.how {
                Try::Compile => shown.contains(&format!("--> tests/{}.rs", proof.file())),
                Try::Run => !shown.contains("error[") && shown.contains("test result: FAILED"),
            } || (proof.features.is_some() && missing_feature(&shown, proof));
            let verdict = if ok { "compiles" } else { "fails" };
            println!(
                "{} ({}): {} against NEW, {verdict}",
                proof.file(),
                proof.rule,
                rule.class.as_str()
            );
            match (rule.class, ok) {
                (Class::Compatible, true) => proven += 1,
                (Class::Breaking, false) if in_program => proven += 1,
                (Class::Compatible, false) => failures.push(format!(
                    "{}: compatible, but the program does not compile against NEW:\n{}\n{shown}",
                    proof.rule,
                    lines.join("\n")
                )),
                (Class::Breaking, false) => failures.push(format!(
                    "{}: the NEW crate fails elsewhere than in the program:\n{shown}",
                    proof.rule
                )),
                (Class::Breaking, true) => failures.push(format!(
                    "{}: breaking, but the program still compiles against NEW:\n{}",
                    proof.rule,
                    lines.join("\n")
                )),
            }
        }
    }
    let rules: BTreeSet<&str> = PROOFS.iter().map(|p| p.rule).collect();
    println!(
        "{proven} proofs of {} rules, on {} OLD crates and {} NEW ones, in {:.0?}",
        rules.len(),
        olds.len(),
        PROOFS.len(),
        started.elapsed()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(proven, PROOFS.len());
}

/// A new rule without a proof fails here, unless it is exempted with its reason.
#[test]
fn every_rule_has_a_proof_or_a_reason() {
    let proven: BTreeSet<&str> = PROOFS.iter().map(|p| p.rule).collect();
    let files: BTreeSet<String> = PROOFS.iter().map(Proof::file).collect();
    assert_eq!(files.len(), PROOFS.len(), "one file per proof");
    let exempt: BTreeSet<&str> = EXEMPT.iter().map(|(id, _)| *id).collect();
    let all: BTreeSet<&str> = diff::rules::ALL.iter().map(|r| r.id).collect();
    let missing: Vec<&&str> = all
        .difference(&proven)
        .filter(|id| !exempt.contains(*id))
        .collect();
    assert!(missing.is_empty(), "rules without a proof: {missing:?}");
    let unknown: Vec<&&str> = proven
        .union(&exempt)
        .filter(|id| !all.contains(*id))
        .collect();
    assert!(unknown.is_empty(), "no such rules: {unknown:?}");
}

/// Where a change is, as finely as the rules' reasons tell places apart: a response header, a
/// shared header set of `types`, another `types` item, an error enum, an event, a request, a
/// response body, the servers, a webhook, or the API as a whole (operations, paging, auth).
fn place(location: &str, plans: [&Plan; 2]) -> &'static str {
    if location.contains(" header `") {
        return "response header";
    }
    if let Some(rest) = location.strip_prefix("type `") {
        let name = rest.split('`').next().unwrap_or_default();
        let headers = |plan: &&Plan| {
            let item = plan.types.iter().find(|t| t.name == name);
            item.is_some_and(|t| matches!(t.kind, ItemKind::Headers { .. }))
        };
        return if plans.iter().any(headers) {
            "shared header set"
        } else {
            "type"
        };
    }
    let places = [
        ("error enum", "error enum"),
        ("events ", "events"),
        ("webhook", "webhook"),
        ("request", "request"),
        ("response", "response"),
        ("server", "server"),
    ];
    places
        .iter()
        .find(|(prefix, _)| location.starts_with(prefix))
        .map_or("API", |(_, place)| place)
}

/// Each rule the report from `old` to `new` gives (only `rule`, when given), with its place.
fn rules_and_places(
    old: &Api,
    new: &Api,
    rule: Option<&str>,
) -> BTreeSet<(&'static str, &'static str)> {
    let plans = [&plan::build(old), &plan::build(new)];
    diff::compare(old, new)
        .changes
        .iter()
        .filter(|c| rule.is_none_or(|rule| c.rule.id == rule))
        .map(|c| (c.rule.id, place(&c.location, plans)))
        .collect()
}

/// The report's cases (`tests/diff.rs`) give rules in places the proofs above must reach: a
/// rule proven on a request field is not thereby proven on a response header. Each rule in
/// each place a case gives it has a proof whose report gives it there.
#[test]
fn every_rule_in_every_place_the_report_gives_it_has_a_proof() {
    let proven: BTreeSet<(&str, &str)> = PROOFS
        .iter()
        .flat_map(|proof| {
            let (old, new) = documents(proof);
            let (old, new) = diff_cases::read_both(&old, &new);
            let given = rules_and_places(&old, &new, Some(proof.rule));
            assert!(
                !given.is_empty(),
                "{}: the report does not give it",
                proof.file()
            );
            given
        })
        .collect();
    let reported: BTreeSet<(&str, &str)> = diff_cases::CASES
        .iter()
        .flat_map(|case| {
            let (old, new) = diff_cases::apis(case);
            rules_and_places(&old, &new, None)
        })
        .collect();
    let missing: Vec<_> = reported.difference(&proven).collect();
    assert!(
        missing.is_empty(),
        "rules the report gives in a place no proof reaches (rule, place): {missing:#?}"
    );
}

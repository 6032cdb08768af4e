//! The change report's cases: an edit of the seed page or of a fixture of
//! `tests/fixtures/diff/`, with the exact lines its report must give, each with its class and
//! rule. `tests/diff.rs` checks the lines; `tests/rule_proofs.rs` checks that every rule, in
//! every place these cases give it, has a proof on generated code.

use std::path::Path;

use generator::diff;
use generator::ir::Api;

use super::diff_edits::*;

pub const SEED: &str = include_str!("../../../spec/create_room.md");

/// One edit of an input and the report it must give.
pub struct Case {
    pub name: &'static str,
    pub base: &'static str,
    /// Text replacements, each of which must apply.
    pub edits: &'static [(&'static str, &'static str)],
    /// Compare the edited input with the base (an edit that adds, read as a removal).
    pub reversed: bool,
    /// Report lines without the rule's reason: `class: scope: location detail [rule id]`.
    pub expected: &'static [&'static str],
}

pub const fn case(
    name: &'static str,
    base: &'static str,
    edits: &'static [(&'static str, &'static str)],
    expected: &'static [&'static str],
) -> Case {
    Case {
        name,
        base,
        edits,
        reversed: false,
        expected,
    }
}

pub const fn reversed(case: Case) -> Case {
    Case {
        reversed: true,
        ..case
    }
}

pub fn read(dir: &Path, name: &str, text: &str) -> Api {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    match generator::read_api(&[path]) {
        Ok((api, _, _)) => api,
        Err(failure) => panic!("{name}: {}", failure.render()),
    }
}

pub fn extension(base: &str) -> &'static str {
    if base.starts_with("# ") { "md" } else { "yaml" }
}

/// A report line with the rule's reason left out, to keep the table readable.
pub fn short(line: &str) -> String {
    let (before, rule) = line.rsplit_once(" [rule ").unwrap();
    let id = rule.split_once(": ").map_or(rule, |(id, _)| id);
    format!("{before} [rule {id}]")
}

/// The APIs of `old` and `new`, texts of the input format `old` is in.
pub fn read_both(old: &str, new: &str) -> (Api, Api) {
    let dir = tempfile::tempdir().unwrap();
    let ext = extension(old);
    let old = read(dir.path(), &format!("old.{ext}"), old);
    let new = read(dir.path(), &format!("new.{ext}"), new);
    (old, new)
}

/// The case's OLD and NEW APIs.
pub fn apis(case: &Case) -> (Api, Api) {
    let mut edited = case.base.to_owned();
    for (from, to) in case.edits {
        assert!(
            edited.contains(from),
            "{}: the edit does not apply: {from}",
            case.name
        );
        edited = edited.replacen(from, to, 1);
    }
    if case.reversed {
        read_both(&edited, case.base)
    } else {
        read_both(case.base, &edited)
    }
}

pub fn report(case: &Case) -> diff::Report {
    let (old, new) = apis(case);
    diff::compare(&old, &new)
}

/// The fixture with `EVENT_STREAM` applied.
pub const ROOMS_EVENTS: &str = include_str!("../fixtures/diff/rooms_events.yaml");

/// A 3.1 document with a tuple.
pub const TUPLES: &str = include_str!("../fixtures/diff/tuples.yaml");

pub const CASES: &[Case] = &[
    case("the seed unchanged", SEED, &[], &[]),
    case("the fixture unchanged", ROOMS, &[], &[]),
    case(
        "a response field removed",
        SEED,
        &[(
            " - **links** (object(uri-map) | null) The URLs of related resources.",
            "",
        )],
        &[
            "breaking: CreateRoom: response 201 field `links` removed (was `links: Option<BTreeMap<String, String>>`) [rule field-removed]",
        ],
    ),
    case(
        "a request field added",
        SEED,
        &[(
            "- **LargeRoom** (boolean)",
            "- **Region** (string) Where. - **LargeRoom** (boolean)",
        )],
        &[
            "compatible: CreateRoom: request field `Region` added (body): `region: Option<String>` [rule optional-request-field-added]",
        ],
    ),
    case(
        "a request field removed",
        SEED,
        &[(
            " - **LargeRoom** (boolean) When set to true, indicated that this is the large room.",
            "",
        )],
        &[
            "breaking: CreateRoom: request field `LargeRoom` removed (was `large_room: Option<bool>`) [rule request-field-removed]",
        ],
    ),
    case(
        "a response field added",
        SEED,
        &[(
            "- **url** (string(uri) | null)",
            "- **region** (string) Where. - **url** (string(uri) | null)",
        )],
        &[
            "compatible: CreateRoom: response 201 field `region` added: `region: String` [rule response-field-added]",
        ],
    ),
    case(
        "a response field made nullable",
        SEED,
        &[("**status** (string)", "**status** (string | null)")],
        &[
            "breaking: CreateRoom: response 201 field `status` became nullable (`String` -> `Option<String>`) [rule option-added]",
        ],
    ),
    case(
        "a response field made non-nullable",
        SEED,
        &[("**sid** (string | null)", "**sid** (string)")],
        &[
            "breaking: CreateRoom: response 201 field `sid` became non-nullable (`Option<String>` -> `String`) [rule option-removed]",
        ],
    ),
    case(
        "a response field retyped",
        SEED,
        &[(
            "**duration** (integer | null)",
            "**duration** (number | null)",
        )],
        &[
            "breaking: CreateRoom: response 201 field `duration` retyped `i64` -> `f64` [rule retyped]",
        ],
    ),
    case(
        "a response date becomes a string",
        SEED,
        &[(
            "**end_time** (string(date-time) | null)",
            "**end_time** (string | null)",
        )],
        &[
            "breaking: CreateRoom: response 201 field `end_time` retyped `DateTime<Utc>` -> `String` [rule retyped]",
        ],
    ),
    case(
        "a request field retyped",
        SEED,
        &[(
            "**MaxParticipants** (integer)",
            "**MaxParticipants** (string)",
        )],
        &[
            "breaking: CreateRoom: request field `MaxParticipants` retyped `i64` -> `String` [rule retyped]",
        ],
    ),
    case(
        "a request field's format changed, not its Rust type",
        SEED,
        &[(
            "**StatusCallback** (string(uri))",
            "**StatusCallback** (string)",
        )],
        &[
            "compatible: CreateRoom: request field `StatusCallback` retyped `string(uri)` -> `string` (Rust type stays `String`) [rule format-changed]",
        ],
    ),
    case(
        "a request field renamed on the wire",
        SEED,
        &[("**UniqueName**", "**Unique_Name**")],
        &[
            "compatible: CreateRoom: request field `Unique_Name` renamed on the wire from `UniqueName` (Rust `unique_name` unchanged) [rule wire-renamed]",
        ],
    ),
    case(
        "a response header added",
        SEED,
        &[(
            "#### Body: application/json",
            "- **X-Request-Id** (string) The request. #### Body: application/json",
        )],
        &[
            "compatible: CreateRoom: response 201 header `X-Request-Id` added: `x_request_id: Option<String>` [rule response-field-added]",
        ],
    ),
    case(
        "a response header removed",
        SEED,
        &[(
            " - **Access-Control-Expose-Headers** (string) Headers exposed to the client",
            "",
        )],
        &[
            "breaking: CreateRoom: response 201 header `Access-Control-Expose-Headers` removed (was `access_control_expose_headers: Option<String>`) [rule field-removed]",
        ],
    ),
    case(
        "a response header retyped",
        SEED,
        &[(
            "**Access-Control-Allow-Credentials** (boolean)",
            "**Access-Control-Allow-Credentials** (string)",
        )],
        &[
            "breaking: CreateRoom: response 201 header `Access-Control-Allow-Credentials` retyped `bool` -> `String` [rule retyped]",
        ],
    ),
    case(
        "the default server changed",
        SEED,
        &[(
            "- https://video.twilio.com: https://video.twilio.com ()",
            "- https://video.example.com: https://video.example.com ()",
        )],
        &[
            "compatible: API: server default changed: `https://video.twilio.com` -> `https://video.example.com` (`DEFAULT_BASE_URL`) [rule default-server-changed]",
        ],
    ),
    case(
        "the credentials changed",
        SEED,
        &[("- Account sid auth token", "- Bearer token")],
        &[
            "breaking: API: auth changed: `Account sid auth token` (HTTP Basic) -> `Bearer token` (HTTP Bearer): `Client::new(account_sid, auth_token)` -> `Client::new(token)` [rule credentials-changed]",
        ],
    ),
    case(
        "the path changed",
        SEED,
        &[("**POST /v1/Rooms**", "**POST /v2/Rooms**")],
        &[
            "compatible: CreateRoom: operation endpoint changed: `POST /v1/Rooms` -> `POST /v2/Rooms` [rule endpoint-changed]",
        ],
    ),
    case(
        "the operation renamed",
        SEED,
        &[("# Create room", "# Make room")],
        &[
            "breaking: MakeRoom: operation renamed from `CreateRoom` (`Client::create_room` -> `Client::make_room`) [rule operation-renamed]",
            "breaking: MakeRoom: request type renamed `CreateRoomRequest` -> `MakeRoomRequest` [rule type-renamed]",
            "breaking: MakeRoom: response 201 body type renamed `CreateRoomResponse` -> `MakeRoomResponse` [rule type-renamed]",
        ],
    ),
    case(
        "an operation id of another case: the method stays",
        ROOMS,
        &[("operationId: FetchRoom", "operationId: fetchRoom")],
        &[
            "compatible: fetchRoom: operation renamed on the wire from `FetchRoom` (`Client::fetch_room` unchanged) [rule wire-renamed]",
        ],
    ),
    case(
        "the typed response's status changed",
        SEED,
        &[("### 201 Created", "### 200 OK")],
        &[
            "compatible: CreateRoom: response 200 is the typed response now (was 201) [rule success-status-changed]",
        ],
    ),
    case(
        "a request field made required",
        ROOMS,
        &[(
            "required: [UniqueName]",
            "required: [UniqueName, MaxParticipants]",
        )],
        &[
            "breaking: CreateRoom: request field `MaxParticipants` became required (`Option<i64>` -> `i64`) [rule request-field-made-required]",
        ],
    ),
    case(
        "a required request field made optional",
        ROOMS,
        &[("              required: [UniqueName]\n", "")],
        &[
            "breaking: CreateRoom: request field `UniqueName` became optional (`String` -> `Option<String>`) [rule request-field-made-optional]",
        ],
    ),
    case(
        "a required response field made optional",
        ROOMS,
        &[("required: [sid, status]", "required: [status]")],
        &[
            "breaking: API: type `Room` field `sid` became optional (`String` -> `Option<String>`) [rule option-added]",
        ],
    ),
    case(
        "an optional response field made nullable: still an Option",
        ROOMS,
        &[(
            "          format: date-time\n",
            "          format: date-time\n          nullable: true\n",
        )],
        &[
            "compatible: API: type `Room` field `date_created` became nullable (stays `Option<DateTime<Utc>>`) [rule rust-type-kept]",
        ],
    ),
    case(
        "a required request query parameter added",
        ROOMS,
        &[(
            "        - name: PageSize\n",
            "        - name: Region\n          in: query\n          required: true\n          schema:\n            type: string\n        - name: PageSize\n",
        )],
        &[
            "breaking: FetchRoom: request field `Region` added (query): `region: String` [rule required-request-field-added]",
        ],
    ),
    case(
        "a query parameter moved to a header",
        ROOMS,
        &[(
            "        - name: PageSize\n          in: query",
            "        - name: PageSize\n          in: header",
        )],
        &[
            "compatible: FetchRoom: request field `PageSize` moved from query to header (stays `Option<i64>`) [rule request-field-moved]",
        ],
    ),
    case(
        "a first parameter gives the method a request argument",
        ROOMS,
        LIST_ROOMS_PARAMETER,
        &[
            "breaking: ListRooms: request added: `Client::list_rooms` takes `&ListRoomsRequest` [rule request-argument-added]",
            "compatible: ListRooms: request field `PageSize` added (query): `page_size: Option<i64>` [rule optional-request-field-added]",
        ],
    ),
    reversed(case(
        "the last parameter takes the request argument away",
        ROOMS,
        LIST_ROOMS_PARAMETER,
        &[
            "breaking: ListRooms: request removed: `Client::list_rooms` no longer takes `&ListRoomsRequest` [rule request-argument-removed]",
            "breaking: ListRooms: request field `PageSize` removed (was `page_size: Option<i64>`) [rule request-field-removed]",
        ],
    )),
    case(
        "an enum value added",
        ROOMS,
        &[(
            "enum: [in-progress, completed]",
            "enum: [in-progress, completed, failed]",
        )],
        &[
            "compatible: API: type `RoomStatus` enum value `failed` added (`RoomStatus::Failed`) [rule enum-value-added]",
        ],
    ),
    case(
        "an enum value removed",
        ROOMS,
        &[("enum: [in-progress, completed]", "enum: [in-progress]")],
        &[
            "breaking: API: type `RoomStatus` enum value `completed` removed (`RoomStatus::Completed`) [rule enum-value-removed]",
        ],
    ),
    case(
        "an enum value renamed on the wire",
        ROOMS,
        &[(
            "enum: [in-progress, completed]",
            "enum: [in_progress, completed]",
        )],
        &[
            "compatible: API: type `RoomStatus` enum value `in-progress` renamed on the wire to `in_progress` (`RoomStatus::InProgress` unchanged) [rule wire-renamed]",
        ],
    ),
    case(
        "an integer enum value added",
        ROOMS,
        &[(
            "enum: [2, 50]\n      x-enum-varnames: [SMALL, LARGE]",
            "enum: [2, 50, 100]\n      x-enum-varnames: [SMALL, LARGE, HUGE]",
        )],
        &[
            "compatible: API: type `RoomSize` enum value `100` added (`RoomSize::Huge`) [rule enum-value-added]",
        ],
    ),
    case(
        "an integer enum value removed",
        ROOMS,
        &[(
            "enum: [2, 50]\n      x-enum-varnames: [SMALL, LARGE]",
            "enum: [2]\n      x-enum-varnames: [SMALL]",
        )],
        &[
            "breaking: API: type `RoomSize` enum value `50` removed (`RoomSize::Large`) [rule enum-value-removed]",
        ],
    ),
    case(
        "an integer enum value renamed",
        ROOMS,
        &[(
            "x-enum-varnames: [SMALL, LARGE]",
            "x-enum-varnames: [SMALL, BIG]",
        )],
        &[
            "breaking: API: type `RoomSize` enum value `50` renamed in Rust: `RoomSize::Large` -> `RoomSize::Big` [rule rust-renamed]",
        ],
    ),
    case(
        "an integer enum widened",
        ROOMS,
        &[(
            "format: int32\n      enum: [2, 50]",
            "format: int64\n      enum: [2, 50]",
        )],
        &["breaking: API: type `RoomSize` integer retyped: `i32` -> `i64` [rule retyped]"],
    ),
    case(
        "an integer enum's names dropped",
        ROOMS,
        &[("\n      x-enum-varnames: [SMALL, LARGE]", "")],
        &[
            "breaking: API: type `RoomSize` retyped `RoomSize` (integer enum) -> `RoomSize` (alias) [rule retyped]",
        ],
    ),
    case("the tuples unchanged", TUPLES, &[], &[]),
    case(
        "a tuple position retyped",
        TUPLES,
        &[("            - type: integer", "            - type: number")],
        &[
            "breaking: API: type `Point` field `at` retyped `(String, i64)` -> `(String, f64)` [rule retyped]",
        ],
    ),
    case(
        "a tuple gets a rest",
        TUPLES,
        &[(
            "            - type: integer\n",
            "            - type: integer\n          items:\n            type: boolean\n",
        )],
        &[
            "breaking: API: type `Point` field `at` retyped `(String, i64)` -> `TupleWithRest<(String, i64), bool>` [rule retyped]",
        ],
    ),
    case(
        "a tuple becomes an array",
        TUPLES,
        &[(
            "          prefixItems:\n            - type: string\n            - type: integer\n",
            "          items:\n            type: string\n",
        )],
        &[
            "breaking: API: type `Point` field `at` retyped `(String, i64)` -> `Vec<String>` [rule retyped]",
        ],
    ),
    case(
        "a field added to a nested response object",
        ROOMS,
        &[(
            "                      page:\n",
            "                      total:\n                        type: integer\n                      page:\n",
        )],
        &[
            "compatible: FetchRoom: response 200 field `meta.total` added: `total: Option<i64>` [rule response-field-added]",
        ],
    ),
    case(
        "a field added to a named type that requests send",
        ROOMS,
        &[(
            "        all:\n",
            "        kind:\n          type: string\n        all:\n",
        )],
        &[
            "breaking: API: type `RecordingRules` field `kind` added: `kind: Option<String>` [rule sent-object-field-added]",
        ],
    ),
    case(
        "a named type added",
        ROOMS,
        NEW_NAMED_TYPE,
        &[
            "compatible: API: type `Location` added [rule type-added]",
            "compatible: API: type `Room` field `location` added: `location: Option<Location>` [rule response-field-added]",
        ],
    ),
    reversed(case(
        "a named type removed",
        ROOMS,
        NEW_NAMED_TYPE,
        &[
            "breaking: API: type `Location` removed [rule type-removed]",
            "breaking: API: type `Room` field `location` removed (was `location: Option<Location>`) [rule field-removed]",
        ],
    )),
    case(
        "an operation added",
        ROOMS,
        CLOSE_ROOM,
        &[
            "compatible: CloseRoom: operation added: `Client::close_room` (`POST /v1/Rooms/{Sid}/Close`) [rule operation-added]",
        ],
    ),
    reversed(case(
        "an operation removed",
        ROOMS,
        CLOSE_ROOM,
        &[
            "breaking: CloseRoom: operation removed: `Client::close_room` (`POST /v1/Rooms/{Sid}/Close`) [rule operation-removed]",
        ],
    )),
    // The place keeps its name (an alias of the shape defined once): nothing else changes.
    case(
        "an operation added whose answer repeats a shape",
        ROOMS,
        SHARED_META,
        &[
            "compatible: FetchRoomMeta: operation added: `Client::fetch_room_meta` (`GET /v1/Rooms/{Sid}/Meta`) [rule operation-added]",
        ],
    ),
    reversed(case(
        "an operation removed whose answer repeated a shape",
        ROOMS,
        SHARED_META,
        &[
            "breaking: FetchRoomMeta: operation removed: `Client::fetch_room_meta` (`GET /v1/Rooms/{Sid}/Meta`) [rule operation-removed]",
        ],
    )),
    // `Lifecycle`'s name is the shorter: it keeps the definition, and `RoomStatus` becomes an
    // alias of it, which is no change.
    case(
        "a schema added that repeats another's enum",
        ROOMS,
        &[
            (
                "    RoomSize:\n",
                "    Lifecycle:\n      type: string\n      enum: [in-progress, completed]\n    RoomSize:\n",
            ),
            (
                "        size:\n          $ref: '#/components/schemas/RoomSize'\n        date_created:",
                "        size:\n          $ref: '#/components/schemas/RoomSize'\n        lifecycle:\n          $ref: '#/components/schemas/Lifecycle'\n        date_created:",
            ),
        ],
        &[
            "compatible: API: type `Lifecycle` added [rule type-added]",
            "compatible: API: type `Room` field `lifecycle` added: `lifecycle: Option<Lifecycle>` [rule response-field-added]",
        ],
    ),
    case(
        "an error response removed",
        ROOMS,
        &[("        '404':\n          description: Not Found\n", "")],
        &["compatible: FetchRoom: response 404 removed [rule untyped-response]"],
    ),
    case(
        "a response header made required: still an Option",
        ROOMS,
        &[(
            "            X-Rate-Limit:\n",
            "            X-Rate-Limit:\n              required: true\n",
        )],
        &[
            "compatible: CreateRoom: response 201 header `X-Rate-Limit` became required (stays `Option<i64>`) [rule rust-type-kept]",
        ],
    ),
    case(
        "the request body sent as JSON",
        ROOMS,
        &[("application/x-www-form-urlencoded", "application/json")],
        &[
            "compatible: CreateRoom: request body content type changed: `application/x-www-form-urlencoded` -> `application/json` [rule request-encoding-changed]",
        ],
    ),
    case(
        "a form member gets an `encoding` entry",
        ROOMS,
        &[(
            "          application/x-www-form-urlencoded:\n            schema:\n",
            "          application/x-www-form-urlencoded:\n            encoding:\n              Rules:\n                style: deepObject\n                explode: true\n            schema:\n",
        )],
        &[
            "compatible: CreateRoom: request body `Rules` encoding changed: JSON text -> deepObject (`key[member]=value`) [rule request-encoding-changed]",
        ],
    ),
    case(
        "an operation tagged",
        ROOMS,
        &[(
            "      operationId: FetchRoom\n",
            "      operationId: FetchRoom\n      tags: [Rooms]\n",
        )],
        &[
            "breaking: FetchRoom: operation group changed: none -> `Rooms` (module and feature `fetch_room` -> `rooms`) [rule group-changed]",
        ],
    ),
    case(
        "a fetch becomes a paged list",
        ROOMS,
        PAGED_FETCH,
        &[
            "compatible: FetchRoom: paging added: `Client::fetch_room_next_page`, `Client::fetch_room_stream`, `blocking::Client::fetch_room_iter` [rule paging-added]",
            "compatible: FetchRoom: response 200 field `meta.next_page_url` added: `next_page_url: Option<String>` [rule response-field-added]",
            "compatible: FetchRoom: response 200 field `rooms` added: `rooms: Option<Vec<Room>>` [rule response-field-added]",
        ],
    ),
    reversed(case(
        "a paged list is no longer one",
        ROOMS,
        PAGED_FETCH,
        &[
            "breaking: FetchRoom: paging removed: `Client::fetch_room_next_page`, `Client::fetch_room_stream`, `blocking::Client::fetch_room_iter` (the answer is no longer a page with one list and a next-page link) [rule paging-removed]",
            "breaking: FetchRoom: response 200 field `meta.next_page_url` removed (was `next_page_url: Option<String>`) [rule field-removed]",
            "breaking: FetchRoom: response 200 field `rooms` removed (was `rooms: Option<Vec<Room>>`) [rule field-removed]",
        ],
    )),
    case(
        "an answer is also documented as an event stream",
        ROOMS,
        EVENT_STREAM,
        &["compatible: FetchRoom: events added: `Client::fetch_room_events` [rule events-added]"],
    ),
    reversed(case(
        "an answer is no longer documented as an event stream",
        ROOMS,
        EVENT_STREAM,
        &[
            "breaking: FetchRoom: events removed: `Client::fetch_room_events` (the answer is no longer documented as an event stream beside its body) [rule events-removed]",
        ],
    )),
    case(
        "an event stream's events change type",
        ROOMS_EVENTS,
        &[(
            "                  ticks:\n                    type: integer\n",
            "                  ticks:\n                    type: string\n",
        )],
        &["breaking: FetchRoom: events 200 field `ticks` retyped `i64` -> `String` [rule retyped]"],
    ),
    case(
        "a second list in a page answer",
        PAGED_ROOMS,
        &[(
            "                  rooms:\n",
            "                  more:\n                    type: array\n                    items:\n                      type: string\n                  rooms:\n",
        )],
        &[
            "breaking: FetchRoom: paging removed: `Client::fetch_room_next_page`, `Client::fetch_room_stream`, `blocking::Client::fetch_room_iter` (the answer is no longer a page with one list and a next-page link) [rule paging-removed]",
            "compatible: FetchRoom: response 200 field `more` added: `more: Option<Vec<String>>` [rule response-field-added]",
        ],
    ),
    case(
        "a parameter whose Rust name is taken",
        ROOMS,
        &[(
            "        - name: PageSize\n",
            "        - name: sid\n          in: query\n          schema:\n            type: string\n        - name: PageSize\n",
        )],
        &[
            "compatible: FetchRoom: request field `sid` added (query): `sid_2: Option<String>` [rule optional-request-field-added]",
        ],
    ),
    case(
        "a header set becomes shared",
        ROOMS,
        SHARED_HEADERS,
        &[
            "compatible: API: type `XRateLimitHeaders` added [rule type-added]",
            "compatible: ListRooms: response 200 header `X-Rate-Limit` added: `x_rate_limit: Option<i64>` [rule response-field-added]",
        ],
    ),
    case(
        "a second server",
        ROOMS,
        &[(
            "  - url: https://rooms.example.com\n",
            "  - url: https://rooms.example.com\n  - url: https://eu.rooms.example.com\n",
        )],
        &[
            "compatible: API: server `https://eu.rooms.example.com` added [rule other-server-changed]",
        ],
    ),
    case(
        "the auth scheme renamed, same credentials",
        ROOMS,
        &[
            ("  - basicAuth: []", "  - httpBasic: []"),
            ("    basicAuth:\n", "    httpBasic:\n"),
        ],
        &[
            "compatible: API: auth changed: `basicAuth` (HTTP Basic) -> `httpBasic` (HTTP Basic) [rule auth-changed]",
        ],
    ),
    case(
        "an alternative scheme added",
        ROOMS,
        AN_OAUTH_ALTERNATIVE,
        &[
            "compatible: API: auth changed: `basicAuth` (HTTP Basic) -> `basicAuth` (HTTP Basic), `oauth` (OAuth 2) [rule auth-changed]",
        ],
    ),
    reversed(case(
        "an alternative scheme removed",
        ROOMS,
        AN_OAUTH_ALTERNATIVE,
        &[
            "breaking: API: auth changed: `basicAuth` (HTTP Basic), `oauth` (OAuth 2) -> `basicAuth` (HTTP Basic): `Client::new(username, password)`, `Client::builder_basic_auth(username, password)`, `Client::builder_oauth(token)` -> `Client::new(username, password)` [rule credentials-changed]",
        ],
    )),
    case(
        "a scheme required beside the one there was",
        ROOMS,
        &[
            ("  - basicAuth: []", "  - basicAuth: []\n    apiKey: []"),
            (
                "  securitySchemes:\n",
                "  securitySchemes:\n    apiKey: {type: apiKey, in: header, name: X-Api-Key}\n",
            ),
        ],
        &[
            "breaking: API: auth changed: `basicAuth` (HTTP Basic) -> `basicAuth + apiKey` (HTTP Basic + API key `X-Api-Key` in the header): `Client::new(username, password)` -> `Client::new(username, password, api_key)` [rule credentials-changed]",
        ],
    ),
    case(
        "a server variable with a default",
        SERVED,
        A_TENANT_VARIABLE,
        &[
            "compatible: API: server default changed: `https://us.rooms.example.com/v1` -> `https://us.rooms.example.com/v1/main` (`DEFAULT_BASE_URL`) [rule default-server-changed]",
            "compatible: API: server variable `{tenant}` added: `ClientBuilder::tenant(&str)` [rule server-variable-added]",
        ],
    ),
    reversed(case(
        "a server variable removed",
        SERVED,
        A_TENANT_VARIABLE,
        &[
            "compatible: API: server default changed: `https://us.rooms.example.com/v1/main` -> `https://us.rooms.example.com/v1` (`DEFAULT_BASE_URL`) [rule default-server-changed]",
            "breaking: API: server variable `{tenant}` removed (was `ClientBuilder::tenant(&str)`) [rule server-variable-removed]",
        ],
    )),
    case(
        "a server variable the document does not declare",
        SERVED,
        &[("/{version}\n", "/{version}/{tenant}\n")],
        &[
            "compatible: API: server default changed: `https://us.rooms.example.com/v1` -> `https://us.rooms.example.com/v1/{tenant}` (`DEFAULT_BASE_URL`) [rule default-server-changed]",
            "breaking: API: server variable `{tenant}` added without a default: `ClientBuilder::tenant(&str)` [rule server-variable-required]",
        ],
    ),
    case(
        "a server variable's default changed",
        SERVED,
        &[("        default: us\n", "        default: eu\n")],
        &[
            "compatible: API: server default changed: `https://us.rooms.example.com/v1` -> `https://eu.rooms.example.com/v1` (`DEFAULT_BASE_URL`) [rule default-server-changed]",
            "compatible: API: server variable `{region}` default changed: `us` -> `eu` [rule server-variable-default-changed]",
        ],
    ),
    case(
        "a server variable's value added",
        SERVED,
        &[("        enum: [us, eu]\n", "        enum: [us, eu, ap]\n")],
        &[
            "compatible: API: server variable `{region}` value `ap` added: `types::ServerRegion::Ap` [rule enum-value-added]",
        ],
    ),
    case(
        "a server variable's values no longer listed",
        SERVED,
        &[("        enum: [us, eu]\n", "")],
        &[
            "breaking: API: server variable `{region}` changed: `ClientBuilder::region(types::ServerRegion)` -> `ClientBuilder::region(&str)` [rule server-variable-retyped]",
        ],
    ),
    case(
        "an error body documented",
        ROOMS,
        A_404_BODY,
        &[
            "compatible: FetchRoom: error enum `FetchRoomError` added: documented error bodies are typed [rule error-enum-added]",
        ],
    ),
    reversed(case(
        "the only error body removed",
        ROOMS,
        A_404_BODY,
        &["breaking: FetchRoom: error enum `FetchRoomError` removed [rule error-enum-removed]"],
    )),
    case(
        "a default error beside a typed one",
        ERROR_ROOMS,
        A_DEFAULT_ERROR,
        &[
            "compatible: FetchRoom: error enum `FetchRoomError` variant `FetchRoomError::Default` added (`FetchRoomResponseDefault`) [rule answer-variant-added]",
        ],
    ),
    reversed(case(
        "a typed error removed",
        ERROR_ROOMS,
        A_DEFAULT_ERROR,
        &[
            "breaking: FetchRoom: error enum `FetchRoomError` variant `FetchRoomError::Default` removed (was `FetchRoomResponseDefault`) [rule answer-variant-removed]",
        ],
    )),
    case(
        "an error body's field retyped",
        ERROR_ROOMS,
        &[(
            "                  message:\n                    type: string\n",
            "                  message:\n                    type: integer\n",
        )],
        &[
            "breaking: FetchRoom: error enum `FetchRoomError` variant `Status404` field `message` retyped `String` -> `i64` [rule retyped]",
        ],
    ),
    case(
        "a success of another body beside the typed one",
        ROOMS,
        A_202_OF_ANOTHER_BODY,
        &[
            "breaking: CreateRoom: response 201 the successes carry different bodies now: the body is `CreateRoomSuccess` (was `Room`) [rule return-type-changed]",
        ],
    ),
];

//! The markdown frontend on whole pages: the seed page as given (one line), the same page with
//! its line breaks, older layouts, nested fields, and what the IR records for each field.

use generator::frontend::{self, Source};
use generator::ir::{
    Api, AuthScheme, FactKind, Field, Method, Operation, Origin, ParamLocation, Type,
};

const SEED: &str = include_str!("../../spec/create_room.md");
const SEED_MULTILINE: &str = include_str!("fixtures/create_room_multiline.md");

fn parse(name: &str, text: &str) -> Api {
    let parsed = frontend::parse_sources(&[Source {
        name: name.to_owned(),
        text: text.to_owned(),
    }]);
    let errors: Vec<String> = parsed.diagnostics.iter().map(ToString::to_string).collect();
    parsed
        .api
        .unwrap_or_else(|| panic!("{name} did not parse: {errors:#?}"))
}

fn only_operation(api: &Api) -> &Operation {
    assert_eq!(api.operations.len(), 1);
    &api.operations[0]
}

/// A type as the page writes it, to compare field by field.
fn expr(field: &Field) -> String {
    fn base(ty: &Type) -> String {
        match ty {
            Type::String { format: None } => "string".into(),
            Type::String { format: Some(f) } => format!("string({f})"),
            Type::Integer { format: None } => "integer".into(),
            Type::Number { format: None } => "number".into(),
            Type::Boolean => "boolean".into(),
            Type::Array { items } => format!("array[{}]", base(items)),
            Type::Map { format: None, .. } => "object".into(),
            Type::Map {
                format: Some(f), ..
            } => format!("object({f})"),
            Type::Any => "()".into(),
            other => format!("{other:?}"),
        }
    }
    let nullable = if field.nullable { " | null" } else { "" };
    format!("{}{nullable}", base(&field.ty))
}

fn body_fields(op: &Operation) -> &[Field] {
    match &op.body.as_ref().expect("a request body").ty {
        Type::Object { fields, .. } => fields,
        other => panic!("body is {other:?}"),
    }
}

const REQUEST_FIELDS: [(&str, &str, &str); 17] = [
    ("EnableTurn", "enable_turn", "boolean"),
    ("Type", "r#type", "string"),
    ("UniqueName", "unique_name", "string"),
    ("StatusCallback", "status_callback", "string(uri)"),
    (
        "StatusCallbackMethod",
        "status_callback_method",
        "string(http-method)",
    ),
    ("MaxParticipants", "max_participants", "integer"),
    (
        "RecordParticipantsOnConnect",
        "record_participants_on_connect",
        "boolean",
    ),
    (
        "TranscribeParticipantsOnConnect",
        "transcribe_participants_on_connect",
        "boolean",
    ),
    ("VideoCodecs", "video_codecs", "array[string]"),
    ("MediaRegion", "media_region", "string"),
    ("RecordingRules", "recording_rules", "()"),
    (
        "TranscriptionsConfiguration",
        "transcriptions_configuration",
        "object",
    ),
    ("AudioOnly", "audio_only", "boolean"),
    (
        "MaxParticipantDuration",
        "max_participant_duration",
        "integer",
    ),
    ("EmptyRoomTimeout", "empty_room_timeout", "integer"),
    ("UnusedRoomTimeout", "unused_room_timeout", "integer"),
    ("LargeRoom", "large_room", "boolean"),
];

const RESPONSE_FIELDS: [(&str, &str); 24] = [
    ("sid", "string | null"),
    ("status", "string"),
    ("date_created", "string(date-time) | null"),
    ("date_updated", "string(date-time) | null"),
    ("account_sid", "string | null"),
    ("enable_turn", "boolean | null"),
    ("unique_name", "string | null"),
    ("status_callback", "string(uri) | null"),
    ("status_callback_method", "string(http-method) | null"),
    ("end_time", "string(date-time) | null"),
    ("duration", "integer | null"),
    ("type", "string"),
    ("max_participants", "integer"),
    ("max_participant_duration", "integer"),
    ("max_concurrent_published_tracks", "integer | null"),
    ("record_participants_on_connect", "boolean | null"),
    ("video_codecs", "array[string] | null"),
    ("media_region", "string | null"),
    ("audio_only", "boolean | null"),
    ("empty_room_timeout", "integer"),
    ("unused_room_timeout", "integer"),
    ("large_room", "boolean | null"),
    ("url", "string(uri) | null"),
    ("links", "object(uri-map) | null"),
];

const HEADERS: [(&str, &str, &str); 5] = [
    (
        "Access-Control-Allow-Origin",
        "access_control_allow_origin",
        "string",
    ),
    (
        "Access-Control-Allow-Methods",
        "access_control_allow_methods",
        "string",
    ),
    (
        "Access-Control-Allow-Headers",
        "access_control_allow_headers",
        "string",
    ),
    (
        "Access-Control-Allow-Credentials",
        "access_control_allow_credentials",
        "boolean",
    ),
    (
        "Access-Control-Expose-Headers",
        "access_control_expose_headers",
        "string",
    ),
];

#[test]
fn the_seed_page_matches_the_page_field_by_field() {
    let api = parse("spec/create_room.md", SEED);
    let op = only_operation(&api);
    assert_eq!(
        (op.name.wire.as_str(), op.name.rust.as_str()),
        ("CreateRoom", "create_room")
    );
    assert_eq!(op.summary, "Create room");
    assert_eq!(op.description, "Video rooms with one or more participants");
    assert_eq!(
        (op.method, op.path.template.as_str()),
        (Method::Post, "/v1/Rooms")
    );
    assert_eq!(op.path.params().count(), 0);
    assert_eq!(op.servers[0].url, "https://video.twilio.com");
    assert_eq!(op.auth[0].name, "Account sid auth token");
    assert!(matches!(op.auth[0].scheme, AuthScheme::HttpBasic { .. }));
    assert!(op.params.is_empty());

    let body = op.body.as_ref().unwrap();
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    let fields = body_fields(op);
    assert_eq!(fields.len(), 17);
    for (field, (wire, rust, ty)) in fields.iter().zip(REQUEST_FIELDS) {
        assert_eq!(
            (
                field.name.wire.as_str(),
                field.name.rust.as_str(),
                expr(field).as_str()
            ),
            (wire, rust, ty)
        );
    }

    assert_eq!(op.responses.len(), 1);
    let response = &op.responses[0];
    assert_eq!(
        (response.status, response.reason.as_str()),
        (201, "Created")
    );
    assert_eq!(response.headers.len(), 5);
    for (header, (wire, rust, ty)) in response.headers.iter().zip(HEADERS) {
        assert_eq!(
            (
                header.name.wire.as_str(),
                header.name.rust.as_str(),
                expr(header).as_str()
            ),
            (wire, rust, ty)
        );
    }
    let body = response.body.as_ref().unwrap();
    assert_eq!(body.content_type, "application/json");
    let Type::Object { name, fields, .. } = &body.ty else {
        panic!("{:?}", body.ty)
    };
    assert_eq!(name, "CreateRoomResponse");
    assert_eq!(fields.len(), 24);
    for (field, (wire, ty)) in fields.iter().zip(RESPONSE_FIELDS) {
        assert_eq!((field.name.wire.as_str(), expr(field).as_str()), (wire, ty));
    }
}

#[test]
fn the_seed_with_line_breaks_gives_the_same_ir() {
    assert!(!SEED.trim_end().contains('\n'), "the seed is one line");
    assert!(SEED_MULTILINE.lines().count() > 100);
    let one_line = parse("create_room.md", SEED);
    let multi_line = parse("create_room.md", SEED_MULTILINE);
    assert_eq!(one_line, multi_line);
}

#[test]
fn facts_from_prose_are_marked_as_such() {
    let api = parse("spec/create_room.md", SEED);
    let fields = body_fields(only_operation(&api));
    let field = |wire: &str| fields.iter().find(|f| f.name.wire == wire).unwrap();

    let method = &field("StatusCallbackMethod").facts[0];
    assert_eq!(
        method.kind,
        FactKind::AllowedValues(vec!["POST".into(), "GET".into()])
    );
    assert_eq!(
        method.origin,
        Origin::Prose {
            quote: "Can be `POST` or `GET`.".into()
        }
    );
    assert_eq!(
        field("MaxParticipants").facts[0].kind,
        FactKind::Maximum(50.into())
    );
    let timeout: Vec<_> = field("EmptyRoomTimeout")
        .facts
        .iter()
        .map(|f| &f.kind)
        .collect();
    assert_eq!(
        timeout,
        [&FactKind::Minimum(1.into()), &FactKind::Maximum(60.into())]
    );
    assert!(
        field("MediaRegion").facts.is_empty(),
        "a link is not a list of values"
    );
}

#[test]
fn descriptions_keep_links_and_inline_code() {
    let api = parse("spec/create_room.md", SEED);
    let unique = &body_fields(only_operation(&api))[2];
    assert!(
        unique
            .description
            .contains("[reserved characters](https://tools.ietf.org/html/rfc3986#section-2.2)")
    );
    assert!(unique.description.contains("`room_sid`"));
}

const OLDER_LAYOUT: &str = "# Fetch participant

**GET /v1/Rooms/{RoomSid}/Participants/{Sid}.json**

Returns one participant of a room.

## Servers

- https://video.twilio.com: https://video.twilio.com (production)

## Authentication methods

- Account sid auth token

## Parameters

### Path parameters

- **RoomSid** (string)
  The SID of the room.
- **Sid** (string)
  The SID of the participant - not a bullet, and **bold** is text.

### Query parameters

- **PageSize** (integer)
  How many to return. The maximum allowed value is 1000.
- **Status** (array[string])
  Filter by status. Can be `connected` or `disconnected`.

### Header parameters

- **X-Twilio-Webhook-Enabled** (boolean)
  Whether webhooks fire.

## Responses

### 200: OK

#### Headers

- **Twilio-Request-Id** (string)
  The request id.

#### Body Parameters: application/json (object)

- **sid** (string | null)
  The SID.
- **duration** (number | null)
  Seconds connected.

### 404: Not Found
";

#[test]
fn the_older_layout_with_path_query_and_header_parameters() {
    let api = parse("participant.md", OLDER_LAYOUT);
    let op = only_operation(&api);
    assert_eq!(op.name.rust, "fetch_participant");
    assert_eq!(op.path.params().collect::<Vec<_>>(), ["RoomSid", "Sid"]);
    assert_eq!(api.servers[0].description, "production");
    let params: Vec<_> = op
        .params
        .iter()
        .map(|p| (p.location, p.field.name.wire.as_str(), expr(&p.field)))
        .collect();
    assert_eq!(
        params,
        [
            (ParamLocation::Path, "RoomSid", "string".to_owned()),
            (ParamLocation::Path, "Sid", "string".to_owned()),
            (ParamLocation::Query, "PageSize", "integer".to_owned()),
            (ParamLocation::Query, "Status", "array[string]".to_owned()),
            (
                ParamLocation::Header,
                "X-Twilio-Webhook-Enabled",
                "boolean".to_owned()
            ),
        ]
    );
    assert!(
        op.params[1]
            .field
            .description
            .contains("not a bullet, and **bold** is text")
    );
    let statuses: Vec<_> = op
        .responses
        .iter()
        .map(|r| (r.status, r.reason.as_str()))
        .collect();
    assert_eq!(statuses, [(200, "OK"), (404, "Not Found")]);
    assert_eq!(op.responses[0].headers[0].name.wire, "Twilio-Request-Id");
    let Type::Object { fields, .. } = &op.responses[0].body.as_ref().unwrap().ty else {
        panic!()
    };
    assert_eq!(
        fields.iter().map(expr).collect::<Vec<_>>(),
        ["string | null", "number | null"]
    );
    assert!(
        op.responses[1].body.is_none(),
        "a status with no body is legal"
    );

    // The same page with its newlines lost parses to the same IR.
    let one_line = OLDER_LAYOUT
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(parse("participant.md", &one_line), api);
}

#[test]
fn the_older_body_parameters_section_takes_its_content_type_line() {
    let page = "# Update room\n\n**POST /v1/Rooms/{Sid}**\n\n## Body parameters\n\nContent-type: application/x-www-form-urlencoded\n\n\
                - **Status** (string)\n  The new status.\n\n## Responses\n\n### 200: OK\n";
    let api = parse("update.md", page);
    let op = only_operation(&api);
    assert_eq!(
        op.body.as_ref().unwrap().content_type,
        "application/x-www-form-urlencoded"
    );
    assert_eq!(body_fields(op)[0].name.wire, "Status");
    assert_eq!(
        op.params[0].field.name.wire, "Sid",
        "an undocumented path parameter is added"
    );
}

/// The API of a page and the messages about it (without their places, which differ between a
/// page's two forms).
fn read(name: &str, text: &str) -> (Option<Api>, Vec<String>) {
    let parsed = frontend::parse_sources(&[Source {
        name: name.to_owned(),
        text: text.to_owned(),
    }]);
    let messages = parsed.diagnostics.into_iter().map(|d| d.message).collect();
    (parsed.api, messages)
}

/// Parses a page that must give no message at all, not even a warning.
fn parse_silently(name: &str, text: &str) -> Api {
    let (api, messages) = read(name, text);
    assert!(messages.is_empty(), "{name}: {messages:#?}");
    api.expect("an API")
}

fn one_line(page: &str) -> String {
    page.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The layout's words in other cases, and a body heading at a level the layout does not use.
const OTHER_SPELLINGS: &str = "# Update room

**POST /v1/Rooms/{Sid}**

Updates a room.

## SERVERS

- https://video.twilio.com: https://video.twilio.com (production)

## authentication Methods

- Account sid auth token

## parameters

### PATH parameters

- **Sid** (string)
  The SID of the room.

## Body: application/x-www-form-urlencoded (object)

- **Status** (string)
  The new status.

## responses

### 200: OK

#### HEADERS

- **Twilio-Request-Id** (string)
  The request id.

#### body parameters: application/json (object)

- **sid** (string | null)
  The SID.

[powered by bump.sh](https://bump.sh)
";

#[test]
fn words_in_any_case_and_body_headings_at_any_level_read_alike_in_both_forms() {
    let api = parse_silently("update.md", OTHER_SPELLINGS);
    let op = only_operation(&api);
    assert_eq!(op.servers[0].description, "production");
    assert_eq!(op.auth[0].name, "Account sid auth token");
    assert_eq!(op.params[0].field.description, "The SID of the room.");
    let body = op.body.as_ref().unwrap();
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    assert_eq!(body_fields(op)[0].name.wire, "Status");
    let response = &op.responses[0];
    assert_eq!((response.status, response.reason.as_str()), (200, "OK"));
    assert_eq!(response.headers[0].name.wire, "Twilio-Request-Id");
    let body = response.body.as_ref().unwrap();
    let Type::Object { fields, .. } = &body.ty else {
        panic!("{:?}", body.ty)
    };
    assert_eq!(
        (body.content_type.as_str(), fields[0].description.as_str()),
        ("application/json", "The SID."),
        "the footer is not part of the last description"
    );
    assert_eq!(parse_silently("update.md", &one_line(OTHER_SPELLINGS)), api);
}

/// Lines the layout knows by their shape, in spellings the parser has always taken: each one
/// right after a description, where a one-line page used to lose it.
fn shapes_page() -> String {
    let long_name = "N".repeat(130);
    format!(
        "# Fetch room\n\n**GET /v1/Rooms/{{Sid}}**\n\n## Parameters\n\n### Path parameters\n\n\
         - **Sid** (string)\n  The SID.\n\n### Query parameters\n\n\
         - **PageSize**(integer)\n  No space before the type.\n\
         - **{long_name}** (string)\n  A long name.\n\
         - [and many more parameters that this shortened page leaves out]\n\n\
         ## Responses\n\n### 404: Room not here\n\n#### Headers\n\n- **Twilio-Request-Id** (string)\n  The request id.\n\n\
         ### 200:OK\n"
    )
}

#[test]
fn status_lines_and_field_bullets_read_alike_in_both_forms() {
    let page = shapes_page();
    let (api, messages) = read("fetch.md", &page);
    let api = api.expect("an API");
    let op = only_operation(&api);
    let names: Vec<_> = op.params.iter().map(|p| p.field.name.wire.len()).collect();
    assert_eq!(names, [3, 8, 130]);
    assert_eq!(op.params[1].field.description, "No space before the type.");
    assert_eq!(op.params[2].field.description, "A long name.");
    let status = |i: usize| (op.responses[i].status, op.responses[i].reason.as_str());
    assert_eq!(
        [status(0), status(1)],
        [(404, "Room not here"), (200, "OK")]
    );
    assert_eq!(
        messages,
        ["placeholder bullet skipped: the page lists more fields than it shows"]
    );
    assert_eq!(read("fetch.md", &one_line(&page)), (Some(api), messages));
}

/// A method line and `Content-type:` are markers only where the layout puts them (the top of
/// the page, the start of `## Body parameters`); inside a description they are text.
const MARKERS_IN_DESCRIPTIONS: &str = "# Update room

**POST /v1/Rooms/{Sid}**

Updates a room; **GET /v1/Rooms/{Sid}** fetches it.

## Parameters

### Path parameters

- **Sid** (string)
  Sent with Content-type: text/plain, see **GET /v1/Rooms**.

## Body parameters

Content-type: application/json

- **Status** (string)
  The new status.

## Responses

### 200 OK
";

#[test]
fn a_method_line_or_content_type_in_a_description_is_text_in_both_forms() {
    let api = parse_silently("update.md", MARKERS_IN_DESCRIPTIONS);
    let op = only_operation(&api);
    assert_eq!(
        op.description,
        "Updates a room; **GET /v1/Rooms/{Sid}** fetches it."
    );
    assert_eq!(
        op.params[0].field.description,
        "Sent with Content-type: text/plain, see **GET /v1/Rooms**."
    );
    assert_eq!(op.body.as_ref().unwrap().content_type, "application/json");
    assert_eq!(
        parse_silently("update.md", &one_line(MARKERS_IN_DESCRIPTIONS)),
        api
    );
}

#[test]
fn nested_fields_become_named_objects() {
    let page = "# Create thing\n\n**POST /v1/Things**\n\n## Parameters\n\n### Body: application/x-www-form-urlencoded (object)\n\n\
                - **Config** (object)\n  How it behaves.\n  - **Mode** (string)\n  - **Limits** (array[object])\n    - **Max** (integer)\n\
                - [...]\n\n## Responses\n\n### 201 Created\n";
    let api = parse("thing.md", page);
    let config = &body_fields(only_operation(&api))[0];
    let Type::Object { name, fields, .. } = &config.ty else {
        panic!("{:?}", config.ty)
    };
    assert_eq!(name, "CreateThingRequestConfig");
    assert_eq!(config.description, "How it behaves.");
    assert_eq!(fields[0].name.wire, "Mode");
    let Type::Array { items } = &fields[1].ty else {
        panic!()
    };
    let Type::Object { name, fields, .. } = items.as_ref() else {
        panic!()
    };
    assert_eq!(
        (name.as_str(), fields[0].name.wire.as_str()),
        ("CreateThingRequestConfigLimits", "Max")
    );
}

#[test]
fn an_unknown_auth_name_is_unknown_with_a_warning() {
    let page = SEED.replace("Account sid auth token", "Carrier pigeon");
    let parsed = frontend::parse_sources(&[Source {
        name: "p.md".into(),
        text: page,
    }]);
    let api = parsed.api.unwrap();
    assert_eq!(api.auth[0].scheme, AuthScheme::Unknown);
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.message.contains("`Carrier pigeon`"))
    );
}

#[test]
fn the_ir_serializes_with_both_spellings_of_every_name() {
    let api = parse("spec/create_room.md", SEED);
    let json = serde_json::to_value(&api).unwrap();
    let field = &json["operations"][0]["body"]["ty"]["fields"][1]["name"];
    assert_eq!(
        field,
        &serde_json::json!({"wire": "Type", "rust": "r#type"})
    );
    let back: Api = serde_json::from_value(json).unwrap();
    assert_eq!(back, api);
}

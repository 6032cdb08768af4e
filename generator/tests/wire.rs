//! The generated client (`generated/`) against real HTTP servers on 127.0.0.1: the exact bytes of
//! a `POST /v1/Rooms` request as Twilio expects them (see `FORMATS.md`), the decoding of a
//! realistic answer and its headers, and every kind of failure a caller can meet (Twilio's error
//! JSON, an HTML 502, a cut-off or mistyped body, a refused connection, a server that never
//! answers), with no secret leaking into `Debug` or error messages; and the request id and error
//! body of an API with other conventions than Twilio's.

use std::time::{Duration, Instant};

use generated::runtime::{self, ApiConventions, ServerTemplate};
use generated::{
    Client, CreateRoomRequest, CreateRoomResponseHeaders, Credentials, Error, FetchRoomRequest,
    types::Room,
};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT_SID: &str = "ACxxxxxxxx";
const AUTH_TOKEN: &str = "secret-token";
/// `printf 'ACxxxxxxxx:secret-token' | base64`
const BASIC_CREDENTIALS: &str = "QUN4eHh4eHh4eDpzZWNyZXQtdG9rZW4=";

type RoomResult = Result<generated::Response<Room, CreateRoomResponseHeaders>, Error>;

/// A client for `base_url` with the test credentials.
fn client(base_url: &str) -> Client {
    Client::builder(ACCOUNT_SID, AUTH_TOKEN)
        .base_url(base_url)
        .build()
        .expect("a 127.0.0.1 base URL is a valid client configuration")
}

/// A room as Twilio's `201 Created` answer carries it: all 24 documented fields (some nullable
/// ones null) plus one field the page does not document, pretty-printed over several lines.
fn room_json() -> String {
    r#"{
  "sid": "RM2f9b9c5e3c1ab1f7a3c0e0e3d7f8e1a2",
  "status": "in-progress",
  "date_created": "2015-07-30T20:00:00Z",
  "date_updated": "2015-07-30T20:05:12Z",
  "account_sid": "ACaf3c9e2d1b8e4f7a6c5d4e3f2a1b0c9d",
  "enable_turn": true,
  "unique_name": "daily standup/β",
  "status_callback": null,
  "status_callback_method": "POST",
  "end_time": null,
  "duration": null,
  "type": "group",
  "max_participants": 10,
  "max_participant_duration": 14400,
  "max_concurrent_published_tracks": 170,
  "record_participants_on_connect": false,
  "video_codecs": ["VP8"],
  "media_region": "us1",
  "audio_only": false,
  "empty_room_timeout": 5,
  "unused_room_timeout": 5,
  "large_room": null,
  "url": "https://video.twilio.com/v1/Rooms/RM2f9b9c5e3c1ab1f7a3c0e0e3d7f8e1a2",
  "links": {
    "participants": "https://video.twilio.com/v1/Rooms/RM2f9b9c5e3c1ab1f7a3c0e0e3d7f8e1a2/Participants",
    "recordings": "https://video.twilio.com/v1/Rooms/RM2f9b9c5e3c1ab1f7a3c0e0e3d7f8e1a2/Recordings",
    "recording_rules": "https://video.twilio.com/v1/Rooms/RM2f9b9c5e3c1ab1f7a3c0e0e3d7f8e1a2/RecordingRules",
    "transcriptions": "https://video.twilio.com/v1/Rooms/RM2f9b9c5e3c1ab1f7a3c0e0e3d7f8e1a2/Transcriptions"
  },
  "new_field_twilio_added": {"x": 1}
}"#
    .to_owned()
}

/// Starts a server that gives `response` to every request, and calls `create_room` on it.
async fn create_room_against(response: ResponseTemplate) -> RoomResult {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    let request = CreateRoomRequest::new().unique_name("daily standup/β");
    client(&server.uri()).create_room(&request).await
}

fn created(body: String) -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_raw(body, "application/json")
}

fn twilio_error() -> ResponseTemplate {
    let body = json!({
        "code": 53113,
        "message": "Room exists",
        "more_info": "https://www.twilio.com/docs/errors/53113",
        "status": 400
    });
    ResponseTemplate::new(400).set_body_json(body)
}

const BAD_GATEWAY_PAGE: &str = "<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n\
    <body>\n<h1>Bad Gateway</h1>\n<p>The proxy server received an invalid response from an \
    upstream server.</p>\n</body>\n</html>\n";

fn bad_gateway() -> ResponseTemplate {
    ResponseTemplate::new(502).set_body_raw(BAD_GATEWAY_PAGE, "text/html")
}

/// The realistic body cut off inside the value of `account_sid`, at byte `cut`.
fn truncated_room_json() -> (String, usize) {
    let body = room_json();
    let value = body
        .find("\"ACaf3c")
        .expect("the body has an account_sid value");
    let cut = value + 10;
    (body[..cut].to_owned(), cut)
}

fn header<'a>(headers: &'a wiremock::http::HeaderMap, name: &str) -> &'a str {
    let value = headers
        .get(name)
        .unwrap_or_else(|| panic!("the request has no {name} header"));
    value
        .to_str()
        .unwrap_or_else(|_| panic!("{name} is not visible ASCII: {value:?}"))
}

#[tokio::test]
async fn create_room_sends_exactly_what_twilio_expects() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(created(room_json()))
        .mount(&server)
        .await;
    let client = Client::builder(ACCOUNT_SID, AUTH_TOKEN)
        .base_url(&server.uri())
        .build()
        .unwrap();
    let request = CreateRoomRequest::new()
        .unique_name("daily standup/β")
        .r#type("group")
        .video_codecs(vec!["VP8".to_owned(), "H264".to_owned()])
        // Members in sorted order: a `serde_json::Value` object keeps no insertion order unless
        // serde_json's `preserve_order` feature is on, and JSON gives member order no meaning, so
        // only a sorted object has the same bytes either way.
        .recording_rules(json!({"rules": [{"all": true, "type": "include"}]}))
        .audio_only(false)
        .max_participants(10);

    let response = client.create_room(&request).await;
    assert!(
        response.is_ok(),
        "the call should succeed against a 201: {response:?}"
    );

    let received = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(
        received.len(),
        1,
        "exactly one request should be sent: {received:#?}"
    );
    let sent = &received[0];
    assert_eq!(sent.method.as_str(), "POST", "Create room is a POST");
    assert_eq!(
        sent.url.path(),
        "/v1/Rooms",
        "the path is the documented one"
    );
    assert_eq!(sent.url.query(), None, "Create room sends no query string");
    assert_eq!(
        header(&sent.headers, "authorization"),
        format!("Basic {BASIC_CREDENTIALS}"),
        "HTTP Basic with the Account SID as user and the auth token as password"
    );
    assert_eq!(
        header(&sent.headers, "content-type"),
        "application/x-www-form-urlencoded",
        "Twilio request bodies are form-encoded"
    );
    let user_agent = header(&sent.headers, "user-agent");
    assert!(
        user_agent.starts_with("generated/"),
        "User-Agent names the client crate: {user_agent:?}"
    );

    // Documented field order; space as `+`; `/`, UTF-8 and JSON punctuation percent-encoded;
    // the array as a repeated key; the untyped `RecordingRules` as one field of compact JSON.
    let expected = "Type=group&UniqueName=daily+standup%2F%CE%B2&MaxParticipants=10\
        &VideoCodecs=VP8&VideoCodecs=H264\
        &RecordingRules=%7B%22rules%22%3A%5B%7B%22all%22%3Atrue%2C%22type%22%3A%22include%22%7D%5D%7D\
        &AudioOnly=false";
    let body = String::from_utf8_lossy(&sent.body);
    assert_eq!(
        body, expected,
        "the form body must be byte for byte what Twilio expects"
    );
}

#[tokio::test]
async fn a_created_room_decodes_with_its_headers() {
    let answer = created(room_json())
        .insert_header("Access-Control-Allow-Origin", "*")
        .insert_header("Access-Control-Allow-Credentials", "true")
        .insert_header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");

    let response = create_room_against(answer)
        .await
        .unwrap_or_else(|e| panic!("a documented 201 with one extra field should decode: {e}"));

    assert_eq!(response.status, 201, "the status is passed through");
    let room = &response.body;
    assert_eq!(
        room.sid.as_deref(),
        Some("RM2f9b9c5e3c1ab1f7a3c0e0e3d7f8e1a2"),
        "sid"
    );
    assert_eq!(room.status, "in-progress", "status");
    assert_eq!(room.r#type, "group", "type");
    assert_eq!(
        room.unique_name.as_deref(),
        Some("daily standup/β"),
        "unique_name keeps its UTF-8"
    );
    let created = room.date_created.expect("date_created is set in the body");
    assert_eq!(
        created.timestamp(),
        1_438_286_400,
        "date_created is 2015-07-30T20:00:00Z: {created}"
    );
    let updated = room.date_updated.expect("date_updated is set in the body");
    assert_eq!(
        updated.timestamp(),
        1_438_286_712,
        "date_updated is 2015-07-30T20:05:12Z: {updated}"
    );
    assert_eq!(room.end_time, None, "end_time is null");
    assert_eq!(room.duration, None, "duration is null");
    assert_eq!(room.status_callback, None, "status_callback is null");
    assert_eq!(room.large_room, None, "large_room is null");
    assert_eq!(room.max_participants, 10, "max_participants");
    assert_eq!(
        room.max_participant_duration, 14400,
        "max_participant_duration"
    );
    assert_eq!(
        room.max_concurrent_published_tracks,
        Some(170),
        "max_concurrent_published_tracks"
    );
    assert_eq!(room.enable_turn, Some(true), "enable_turn");
    assert_eq!(room.audio_only, Some(false), "audio_only");
    assert_eq!(
        room.video_codecs,
        Some(vec!["VP8".to_owned()]),
        "video_codecs"
    );
    assert_eq!(room.media_region.as_deref(), Some("us1"), "media_region");
    assert_eq!(
        room.url.as_deref(),
        Some("https://video.twilio.com/v1/Rooms/RM2f9b9c5e3c1ab1f7a3c0e0e3d7f8e1a2"),
        "url"
    );
    let links = room.links.as_ref().expect("links is set in the body");
    assert_eq!(links.len(), 4, "all four links decode: {links:?}");
    assert_eq!(
        links.get("participants").map(|u| u.as_str()),
        Some("https://video.twilio.com/v1/Rooms/RM2f9b9c5e3c1ab1f7a3c0e0e3d7f8e1a2/Participants"),
        "links.participants"
    );

    let headers = &response.headers;
    assert_eq!(
        headers.access_control_allow_credentials,
        Some(true),
        "a boolean header is typed"
    );
    assert_eq!(
        headers.access_control_allow_origin.as_deref(),
        Some("*"),
        "Allow-Origin"
    );
    assert_eq!(
        headers.access_control_allow_methods.as_deref(),
        Some("GET, POST, DELETE, OPTIONS"),
        "Allow-Methods"
    );
    assert_eq!(
        headers.access_control_allow_headers, None,
        "a documented header not sent is None"
    );
    assert_eq!(
        headers.access_control_expose_headers, None,
        "a documented header not sent is None"
    );
    let raw = response.raw_headers.get("access-control-allow-origin");
    assert_eq!(
        raw.map(|v| v.as_bytes()),
        Some(&b"*"[..]),
        "raw_headers keeps every header as received"
    );
}

#[tokio::test]
async fn twilio_error_json_becomes_a_typed_api_error() {
    let e = match create_room_against(twilio_error()).await {
        Err(Error::Api(e)) => e,
        other => panic!("a 400 with Twilio's error JSON should be Error::Api, got {other:?}"),
    };
    assert_eq!(e.status, 400, "status");
    assert_eq!(e.code, Some(53113), "Twilio's error code");
    assert_eq!(
        e.message.as_deref(),
        Some("Room exists"),
        "Twilio's message"
    );
    assert_eq!(
        e.more_info.as_deref(),
        Some("https://www.twilio.com/docs/errors/53113"),
        "Twilio's more_info"
    );
    let shown = e.to_string();
    assert!(
        shown.contains("53113"),
        "Display should name the code: {shown:?}"
    );
    assert!(
        shown.contains("Room exists"),
        "Display should carry the message: {shown:?}"
    );
}

#[tokio::test]
async fn an_html_bad_gateway_keeps_status_and_a_snippet() {
    let error = create_room_against(bad_gateway())
        .await
        .expect_err("a 502 is an error");
    let shown = error.to_string();
    let e = match error {
        Error::Api(e) => e,
        other => panic!("a 502 should be Error::Api, got {other:?}"),
    };
    assert_eq!(e.status, 502, "status");
    assert_eq!(e.code, None, "an HTML page has no Twilio code");
    assert_eq!(e.message, None, "an HTML page has no Twilio message");
    assert!(
        e.body
            .contains("The proxy server received an invalid response"),
        "the body snippet should hold the page text: {:?}",
        e.body
    );
    assert!(
        shown.contains("502"),
        "Display should name the status: {shown:?}"
    );
}

#[tokio::test]
async fn a_truncated_body_is_a_decode_error_that_says_where() {
    let (body, cut) = truncated_room_json();
    let d = match create_room_against(created(body.clone())).await {
        Err(Error::Decode(d)) => d,
        other => panic!("a cut-off 201 body should be Error::Decode, got {other:?}"),
    };
    assert_eq!(d.status, 201, "the decode error keeps the status");
    let expected_line = body.matches('\n').count() + 1;
    assert_eq!(
        d.line,
        Some(expected_line),
        "the error is on the last line received (cut at byte {cut}): {d:?}"
    );
    let last_line_len = body.len() - body.rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(
        d.column,
        Some(last_line_len),
        "the column is that of the last byte received: {d:?}"
    );
    assert!(
        d.location.contains("account_sid"),
        "the location names the cut field: {d:?}"
    );
    let shown = Error::Decode(d).to_string();
    assert!(
        shown.contains("201"),
        "Display should name the status: {shown:?}"
    );
    assert!(
        shown.contains(&format!("line {expected_line}")),
        "Display should say the line: {shown:?}"
    );
    assert!(
        shown.contains("column"),
        "Display should say the column: {shown:?}"
    );
}

#[tokio::test]
async fn a_wrong_type_names_the_field() {
    let body = room_json().replacen(
        r#""max_participants": 10,"#,
        r#""max_participants": "ten","#,
        1,
    );
    assert!(
        body.contains(r#""ten""#),
        "the fixture should have been altered"
    );
    let d = match create_room_against(created(body)).await {
        Err(Error::Decode(d)) => d,
        other => {
            panic!("a string where an integer is documented should be Error::Decode, got {other:?}")
        }
    };
    assert_eq!(d.status, 201, "the decode error keeps the status");
    assert!(
        d.location.contains("`max_participants`"),
        "the location names the field: {d:?}"
    );
    let shown = Error::Decode(d).to_string();
    assert!(
        shown.contains("max_participants"),
        "Display should name the field: {shown:?}"
    );
}

/// A list page whose second room has a number for its status and whose first room lacks its
/// required `type`: each error names the item and the field.
#[tokio::test]
async fn errors_inside_a_list_name_the_item_and_the_field() {
    let page = |rooms: serde_json::Value| {
        json!({
            "rooms": rooms,
            "meta": {"page": 0, "page_size": 2, "first_page_url": "https://video.twilio.com/v1/Rooms",
                     "previous_page_url": null, "url": "https://video.twilio.com/v1/Rooms",
                     "next_page_url": null, "key": "rooms"}
        })
    };
    let room = |status: serde_json::Value| json!({"sid": "RM1", "status": status, "unique_name": null, "type": "group", "url": null});
    let mistyped = page(json!([room(json!("completed")), room(json!(5))]));
    let mut untyped = room(json!("completed"));
    untyped.as_object_mut().unwrap().remove("type");
    let missing = page(json!([untyped]));
    for (body, location, message) in [
        (
            mistyped,
            "body field `rooms[1].status`",
            "invalid type: integer `5`",
        ),
        (missing, "body field `rooms[0].type`", "missing"),
    ] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
        let request = generated::ListRoomsRequest::new();
        let d = match client(&server.uri()).list_rooms(&request).await {
            Err(Error::Decode(d)) => d,
            other => panic!("a page that does not match should be Error::Decode, got {other:?}"),
        };
        assert_eq!(d.location, location, "{d:?}");
        assert!(d.message.starts_with(message), "{d:?}");
        assert_eq!(
            d.line, None,
            "no position for a value read after parsing: {d:?}"
        );
    }
}

#[tokio::test]
async fn secrets_never_show_in_debug_or_errors() {
    let shown = format!("{:?}", client("http://127.0.0.1:9"));
    assert!(
        shown.contains(ACCOUNT_SID),
        "the Account SID is not secret and helps debugging: {shown}"
    );

    let mut texts = vec![("client Debug", shown)];
    let errors = [
        ("Twilio error", create_room_against(twilio_error()).await),
        ("HTML 502", create_room_against(bad_gateway()).await),
        (
            "truncated body",
            create_room_against(created(truncated_room_json().0)).await,
        ),
    ];
    for (what, result) in errors {
        let error = result.expect_err("each answer is an error");
        texts.push((what, error.to_string()));
        texts.push((what, format!("{error:?}")));
        texts.push((what, format!("{error:#?}")));
    }
    for (what, text) in texts {
        assert!(
            !text.contains(AUTH_TOKEN),
            "{what} shows the auth token: {text}"
        );
        assert!(
            !text.contains(BASIC_CREDENTIALS),
            "{what} shows the Basic credentials: {text}"
        );
    }
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);

    let result = client(&format!("http://127.0.0.1:{port}"))
        .create_room(&CreateRoomRequest::new())
        .await;
    let error = result.expect_err("nothing listens on the port");
    assert!(
        matches!(error, Error::Transport { .. }),
        "a refused connection is Error::Transport: {error:?}"
    );
    let shown = error.to_string();
    assert!(!shown.trim().is_empty(), "Display should not be empty");
    assert!(
        shown.to_lowercase().contains("refused"),
        "Display should say why it failed: {shown:?}"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    // Accepts connections, reads nothing, answers nothing, and keeps them open.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (accepted_tx, accepted_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
            let _ = accepted_tx.send(());
        }
    });

    let client = Client::builder(ACCOUNT_SID, AUTH_TOKEN)
        .base_url(&format!("http://127.0.0.1:{port}"))
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let request = CreateRoomRequest::new();
    let start = Instant::now();
    let call = client.create_room(&request);
    let result = tokio::time::timeout(Duration::from_secs(5), call)
        .await
        .expect("the client's own 300 ms timeout should end the call well before 5 s");
    let elapsed = start.elapsed();

    assert!(
        accepted_rx.try_recv().is_ok(),
        "the client should have connected to the silent server"
    );
    let error = result.expect_err("the server never answers");
    assert!(
        matches!(error, Error::Timeout { .. }),
        "an elapsed timeout is Error::Timeout: {error:?}"
    );
    assert!(
        elapsed >= Duration::from_millis(290),
        "the call gave up before its timeout: {elapsed:?}"
    );
    assert!(
        elapsed < Duration::from_secs(3),
        "the call took far longer than its timeout: {elapsed:?}"
    );
    let shown = error.to_string();
    assert!(
        shown.contains("timed out"),
        "Display should say it timed out: {shown:?}"
    );
}

/// A client of the same operations for an API whose request id is `X-Request-Id` and whose
/// error bodies are `{"error_code": 42, "detail": "...", "docs": "..."}`, built the way a
/// generated client builds its own.
fn client_of_another_api(base_url: &str, conventions: ApiConventions) -> Client {
    let server = ServerTemplate {
        url: "https://another-api.example.com",
        variables: &[],
    };
    runtime::ClientBuilder::<Client>::new("another-api/1.0", server, conventions, Credentials::None)
        .base_url(base_url)
        .retry(generated::RetryPolicy::none())
        .build()
        .unwrap()
}

const ANOTHER_API: ApiConventions = ApiConventions::new()
    .request_id_header("X-Request-Id")
    .error_code("error_code")
    .error_message("detail")
    .error_more_info("docs");

/// An answer with both APIs' request-id headers and error members.
fn answer_of_both_apis(status: u16) -> ResponseTemplate {
    let body = json!({
        "error_code": 42, "detail": "No such room", "docs": "https://example.com/errors/42",
        "code": 20404, "message": "The requested resource was not found",
        "more_info": "https://www.twilio.com/docs/errors/20404", "status": status
    });
    ResponseTemplate::new(status)
        .set_body_json(body)
        .insert_header("X-Request-Id", "req-7")
        .insert_header("Twilio-Request-Id", "RQ20404")
}

async fn fetch_room_error(client: &Client) -> Box<generated::ApiError> {
    match client.fetch_room(&FetchRoomRequest::new("RM1")).await {
        Err(Error::Api(e)) => e,
        other => panic!("a 404 is Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn the_request_id_and_error_members_are_read_by_the_apis_conventions() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(answer_of_both_apis(404))
        .mount(&server)
        .await;

    let e = fetch_room_error(&client_of_another_api(&server.uri(), ANOTHER_API)).await;
    assert_eq!(e.request_id.as_deref(), Some("req-7"), "{e:?}");
    assert_eq!(
        (e.code, e.message.as_deref(), e.more_info.as_deref()),
        (
            Some(42),
            Some("No such room"),
            Some("https://example.com/errors/42")
        )
    );
    assert_eq!(
        e.to_string(),
        "HTTP 404: [42] No such room (https://example.com/errors/42) [request req-7]"
    );

    // The generated client passes Twilio's conventions.
    let e = fetch_room_error(&client(&server.uri())).await;
    assert_eq!(e.request_id.as_deref(), Some("RQ20404"), "{e:?}");
    assert_eq!(
        (e.code, e.message.as_deref()),
        (Some(20404), Some("The requested resource was not found"))
    );

    // The runtime assumes none of its own: the body is kept only as text.
    let e = fetch_room_error(&client_of_another_api(&server.uri(), ApiConventions::new())).await;
    assert_eq!(
        (&e.request_id, e.code, &e.message, &e.more_info),
        (&None, None, &None, &None)
    );
    assert!(e.body.contains("No such room"), "{e:?}");
    assert!(e.to_string().starts_with("HTTP 404 Not Found: {"), "{e}");
}

#[tokio::test]
async fn a_response_keeps_the_request_id_from_the_header_the_api_names() {
    let room = r#"{"sid": "RM1", "status": "completed", "unique_name": null, "type": "group",
                   "max_participants": 10, "url": null, "links": null}"#;
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(room, "application/json")
                .insert_header("X-Request-Id", "req-8"),
        )
        .mount(&server)
        .await;
    let request = FetchRoomRequest::new("RM1");
    let response = client_of_another_api(&server.uri(), ANOTHER_API)
        .fetch_room(&request)
        .await
        .unwrap();
    assert_eq!(response.request_id.as_deref(), Some("req-8"));
    let response = client(&server.uri()).fetch_room(&request).await.unwrap();
    assert_eq!(
        response.request_id, None,
        "Twilio's client reads Twilio-Request-Id only"
    );
}

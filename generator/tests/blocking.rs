//! The blocking client (the generated crate's `blocking` feature): the same calls without
//! `async`, from a plain thread, against a server on 127.0.0.1.

use generated::{CreateRoomRequest, Error, ListRoomsRequest};
use wiremock::matchers::{any, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The server runs on a runtime of its own; the test thread has none, as in a CLI.
fn server_with(mocks: Vec<Mock>) -> (tokio::runtime::Runtime, MockServer) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        for mock in mocks {
            mock.mount(&server).await;
        }
        server
    });
    (runtime, server)
}

fn blocking_client(base_url: &str) -> generated::blocking::Client {
    let client = generated::Client::builder("ACxxxxxxxx", "secret-token")
        .base_url(base_url)
        .retry(generated::RetryPolicy::none())
        .build()
        .unwrap();
    generated::blocking::Client::from_async(client).unwrap()
}

#[test]
fn a_blocking_call_creates_a_room() {
    let created = ResponseTemplate::new(201).set_body_raw(
        include_str!("fixtures/room_created.json"),
        "application/json",
    );
    let (_runtime, server) = server_with(vec![Mock::given(method("POST")).respond_with(created)]);
    let room = blocking_client(&server.uri())
        .create_room(&CreateRoomRequest::new().unique_name("standup"))
        .expect("a blocking call succeeds");
    assert_eq!(room.status, 201);
    assert_eq!(room.body.unique_name.as_deref(), Some("standup"));
}

#[test]
fn a_blocking_list_iterates_and_errors_stay_typed() {
    let page = serde_json::json!({
        "rooms": [{"sid": "RM1", "status": "completed", "unique_name": null, "type": "group", "url": null,
                   "max_participants": 50, "max_participant_duration": 14400,
                   "empty_room_timeout": 5, "unused_room_timeout": 5}],
        "meta": {"page": 0, "page_size": 50, "first_page_url": "https://video.twilio.com/v1/Rooms",
                 "previous_page_url": null, "url": "https://video.twilio.com/v1/Rooms", "next_page_url": null, "key": "rooms"}
    });
    let (_runtime, server) = server_with(vec![
        Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(page)),
        Mock::given(any()).respond_with(ResponseTemplate::new(400).set_body_raw(
            r#"{"code": 53113, "message": "Room exists", "status": 400}"#,
            "application/json",
        )),
    ]);
    let client = blocking_client(&server.uri());
    let sids: Vec<String> = client
        .list_rooms_iter(&ListRoomsRequest::new(), None)
        .map(|room| room.unwrap().sid.unwrap_or_default())
        .collect();
    assert_eq!(sids, ["RM1"]);
    let error = client.create_room(&CreateRoomRequest::new()).unwrap_err();
    assert!(
        matches!(&error, Error::Api(api) if api.code == Some(53113)),
        "{error:?}"
    );
}

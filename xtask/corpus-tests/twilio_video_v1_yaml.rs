//! Copied by `cargo xtask corpus` into the crate generated from Twilio's official
//! `twilio_video_v1.yaml`: the client on the wire against a server on 127.0.0.1, and enums
//! that keep values the document does not list.

use twilio_video_v1_yaml::types::{
    AccessControlHeaders, RoomEnumRoomStatus, RoomEnumRoomType, RoomEnumVideoCodec, VideoV1Room,
};
use twilio_video_v1_yaml::{Client, CreateRoomRequest, CreateRoomRequestStatusCallbackMethod};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const ROOM: &str = r#"{
  "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "date_created": "2015-07-30T20:00:00Z",
  "date_updated": "2015-07-30T20:00:00Z",
  "status": "in-progress",
  "type": "group",
  "sid": "RMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "enable_turn": true,
  "unique_name": "daily standup/β",
  "max_concurrent_published_tracks": 170,
  "max_participants": 10,
  "max_participant_duration": 86400,
  "duration": 0,
  "status_callback_method": "POST",
  "status_callback": null,
  "record_participants_on_connect": false,
  "video_codecs": ["VP8", "H264"],
  "media_region": "us1",
  "audio_only": false,
  "empty_room_timeout": 5,
  "unused_room_timeout": 5,
  "end_time": null,
  "large_room": false,
  "url": "https://video.twilio.com/v1/Rooms/RMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "links": {
    "participants": "https://video.twilio.com/v1/Rooms/RMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Participants"
  }
}"#;

#[tokio::test]
async fn create_room_sends_typed_enums_arrays_and_json_as_twilio_expects() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_raw(ROOM, "application/json")
                .insert_header("Access-Control-Allow-Origin", "*")
                .insert_header("Access-Control-Allow-Credentials", "true"),
        )
        .mount(&server)
        .await;
    let client = Client::builder("ACxxxxxxxx", "secret-token")
        .base_url(&server.uri())
        .build()
        .unwrap();
    let request = CreateRoomRequest::new()
        .r#type(RoomEnumRoomType::Group)
        .unique_name("daily standup/β")
        .status_callback_method(CreateRoomRequestStatusCallbackMethod::Post)
        .max_participants(10)
        .video_codecs(vec![RoomEnumVideoCodec::Vp8, RoomEnumVideoCodec::H264])
        .recording_rules(serde_json::json!({"rules": [{"all": true, "type": "include"}]}))
        .audio_only(false);
    let room = client.create_room(&request).await.unwrap();
    assert_eq!(room.status, 201);
    assert_eq!(room.body.r#type, Some(RoomEnumRoomType::Group));
    // Every operation answers with the same CORS headers: one shared struct, typed.
    let headers: &AccessControlHeaders = &room.headers;
    assert_eq!(headers.access_control_allow_origin.as_deref(), Some("*"));
    assert_eq!(headers.access_control_allow_credentials, Some(true));
    assert_eq!(headers.access_control_expose_headers, None);

    let received = &server.received_requests().await.unwrap()[0];
    assert_eq!(received.method.as_str(), "POST");
    assert_eq!(received.url.path(), "/v1/Rooms");
    assert_eq!(
        received.headers["authorization"],
        "Basic QUN4eHh4eHh4eDpzZWNyZXQtdG9rZW4="
    );
    assert_eq!(
        received.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8_lossy(&received.body),
        "Type=group&UniqueName=daily+standup%2F%CE%B2&StatusCallbackMethod=POST&MaxParticipants=10\
         &VideoCodecs=VP8&VideoCodecs=H264\
         &RecordingRules=%7B%22rules%22%3A%5B%7B%22all%22%3Atrue%2C%22type%22%3A%22include%22%7D%5D%7D\
         &AudioOnly=false"
    );
}

#[test]
fn a_room_with_a_status_the_document_does_not_list_decodes_and_keeps_it() {
    let paused = ROOM.replace("\"in-progress\"", "\"paused\"");
    let room: VideoV1Room = serde_json::from_str(&paused).unwrap();
    assert_eq!(
        room.status,
        Some(RoomEnumRoomStatus::Unknown("paused".to_owned()))
    );
    assert_eq!(room.status.as_ref().unwrap().as_str(), "paused");
    assert_eq!(room.status.as_ref().unwrap().to_string(), "paused");
    let back = serde_json::to_value(&room).unwrap();
    assert_eq!(back["status"], "paused");

    let known: VideoV1Room = serde_json::from_str(ROOM).unwrap();
    assert_eq!(known.status, Some(RoomEnumRoomStatus::InProgress));
}

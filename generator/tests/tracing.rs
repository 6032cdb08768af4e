//! Every request of the generated client is a `tracing` span with the operation, method, path
//! template, attempt, status and duration, and nothing secret: no credentials, no path values,
//! no bodies.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use generated::{Client, FetchRoomRequest, RetryPolicy};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

type Spans = Arc<Mutex<Vec<(String, BTreeMap<String, String>)>>>;

/// A subscriber that keeps every span's name and fields.
struct Recorder(Spans);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = BTreeMap::new();
        span.record(&mut Fields(&mut fields));
        let mut spans = self.0.lock().unwrap();
        spans.push((span.metadata().name().to_owned(), fields));
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.0.lock().unwrap();
        if let Some((_, fields)) = spans.get_mut(span.into_u64() as usize - 1) {
            values.record(&mut Fields(fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, _: &Event<'_>) {}

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn each_request_is_a_span_without_secrets() {
    let server = MockServer::start().await;
    let room = r#"{"sid": "RM1", "status": "completed", "date_created": null, "unique_name": null,
                   "type": "group", "max_participants": 10, "url": null, "links": null,
                   "max_participant_duration": 14400, "empty_room_timeout": 5, "unused_room_timeout": 5}"#;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(room, "application/json"))
        .mount(&server)
        .await;
    let client = Client::builder("ACxxxxxxxx", "secret-token")
        .base_url(&server.uri())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();

    let spans = Spans::default();
    let _guard = tracing::subscriber::set_default(Recorder(spans.clone()));
    client
        .fetch_room(&FetchRoomRequest::new("RM-private-name"))
        .await
        .unwrap();

    let spans = spans.lock().unwrap();
    let (_, fields) = spans
        .iter()
        .find(|(name, _)| name == "request")
        .expect("a request span");
    assert_eq!(fields["operation"], "\"fetch_room\"");
    assert_eq!(fields["method"], "GET");
    assert_eq!(fields["path"], "\"/v1/Rooms/{Sid}\"");
    assert_eq!(fields["attempt"], "1");
    assert_eq!(fields["status"], "200");
    assert!(fields.contains_key("duration_ms"), "{fields:?}");
    let everything = format!("{spans:?}");
    for secret in ["secret-token", "RM-private-name", "completed"] {
        assert!(
            !everything.contains(secret),
            "`{secret}` leaked into a span: {everything}"
        );
    }
}

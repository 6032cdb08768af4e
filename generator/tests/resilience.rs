//! The generated client under the faults services meet, against servers on 127.0.0.1: rate
//! limits and outages (retries with backoff and `Retry-After`), requests that must not be sent
//! twice, hostile path values, plain-http credentials, request ids, per-call timeouts, and load
//! through one client.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use generated::{
    Client, CreateRoomRequest, Error, FetchRoomRequest, ListRoomsRequest, RetryPolicy,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{any, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ROOM: &str = r#"{"sid": "RM1", "status": "in-progress", "date_created": null, "unique_name": "standup",
  "type": "group", "max_participants": 10, "url": null, "links": null,
  "max_participant_duration": 14400, "empty_room_timeout": 5, "unused_room_timeout": 5}"#;

/// Retries wait a few milliseconds here, so the suite stays fast.
fn quick_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(20))
}

fn client(base_url: &str, retry: RetryPolicy) -> Client {
    Client::builder("ACxxxxxxxx", "secret-token")
        .base_url(base_url)
        .retry(retry)
        .build()
        .expect("a loopback base URL is valid")
}

fn room() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(ROOM, "application/json")
}

async fn received(server: &MockServer) -> usize {
    server.received_requests().await.map_or(0, |r| r.len())
}

#[tokio::test]
async fn a_rate_limited_post_is_retried_once_after_the_retry_after_wait() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_raw(
                    include_str!("fixtures/room_created.json"),
                    "application/json",
                )
                .insert_header("Twilio-Request-Id", "RQ123"),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    let response = client(&server.uri(), RetryPolicy::default())
        .create_room(&CreateRoomRequest::new().unique_name("standup"))
        .await
        .expect("the retry succeeds");
    let elapsed = started.elapsed();
    assert_eq!(response.status, 201);
    assert_eq!(response.request_id.as_deref(), Some("RQ123"));
    assert_eq!(received(&server).await, 2, "exactly one retry");
    assert!(
        elapsed >= Duration::from_secs(1),
        "Retry-After: 1 is honoured ({elapsed:?})"
    );
    assert!(
        elapsed < Duration::from_secs(5),
        "and not much more ({elapsed:?})"
    );
}

#[tokio::test]
async fn an_unavailable_get_is_tried_the_configured_number_of_times() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("Twilio-Request-Id", "RQ503"))
        .mount(&server)
        .await;
    let error = client(&server.uri(), quick_retries().max_attempts(3))
        .fetch_room(&FetchRoomRequest::new("RM1"))
        .await
        .expect_err("503 every time");
    assert_eq!(received(&server).await, 3);
    assert_eq!(error.attempts(), 3);
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (api.status, api.request_id.as_deref()),
        (503, Some("RQ503"))
    );
    let text = error.to_string();
    assert!(
        text.contains("after 3 attempts") && text.contains("RQ503"),
        "{text}"
    );
}

#[tokio::test]
async fn a_failed_post_is_not_sent_twice_unless_the_caller_opts_in() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let request = CreateRoomRequest::new().unique_name("standup");

    let error = client(&server.uri(), quick_retries())
        .create_room(&request)
        .await
        .unwrap_err();
    assert_eq!(
        (received(&server).await, error.attempts()),
        (1, 1),
        "no retry by default"
    );

    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let opted_in = quick_retries().retry_non_idempotent(true);
    let error = client(&server.uri(), opted_in)
        .create_room(&request)
        .await
        .unwrap_err();
    assert_eq!(
        (received(&server).await, error.attempts()),
        (3, 3),
        "retried when opted in"
    );
}

#[tokio::test]
async fn a_refused_connection_is_retried_and_the_error_counts_attempts() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let error = client(&format!("http://127.0.0.1:{port}"), quick_retries())
        .create_room(&CreateRoomRequest::new())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Transport { attempts: 3, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("after 3 attempts"), "{error}");
}

#[tokio::test]
async fn a_path_value_is_always_exactly_one_segment() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(room()).mount(&server).await;
    let client = client(&server.uri(), RetryPolicy::none());
    client
        .fetch_room(&FetchRoomRequest::new("a/b?c#d%2F.."))
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), "/v1/Rooms/a%2Fb%3Fc%23d%252F..");
    assert_eq!(requests[0].url.query(), None);

    for hostile in ["..", ".", ""] {
        let error = client
            .fetch_room(&FetchRoomRequest::new(hostile))
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{hostile:?}: {error:?}"
        );
    }
    assert_eq!(received(&server).await, 1, "nothing else was sent");
}

#[tokio::test]
async fn credentials_never_go_over_plain_http_to_another_machine_unless_allowed() {
    let build = |url: &str, allow: bool| {
        Client::builder("ACxxxxxxxx", "secret-token")
            .base_url(url)
            .allow_insecure_http(allow)
            .build()
    };
    let error = build("http://video.example.com", false).unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert!(!error.to_string().contains("secret-token"));
    assert!(build("http://video.example.com", true).is_ok());
    assert!(build("https://video.example.com", false).is_ok());
    assert!(build("http://localhost:8080", false).is_ok());
    assert!(build("http://127.0.0.1:8080", false).is_ok());
    assert!(build("http://[::1]:8080", false).is_ok());
}

#[tokio::test]
async fn a_per_call_timeout_overrides_the_clients() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(room().set_delay(Duration::from_millis(800)))
        .mount(&server)
        .await;
    let client = client(&server.uri(), RetryPolicy::none());
    let started = Instant::now();
    let error = client
        .with_timeout(Duration::from_millis(100))
        .fetch_room(&FetchRoomRequest::new("RM1"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_millis(700),
        "{:?}",
        started.elapsed()
    );
    assert!(
        client
            .fetch_room(&FetchRoomRequest::new("RM1"))
            .await
            .is_ok(),
        "the client keeps its own"
    );
}

/// A keep-alive HTTP/1.1 server that answers every GET with a room and counts the
/// connections it accepted.
async fn counting_server() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{ROOM}",
                    ROOM.len()
                );
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 4096];
                loop {
                    // Requests are GETs without a body: each ends at the blank line.
                    while let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                        buffer.drain(..end + 4);
                        if socket.write_all(answer.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                }
            });
        }
    });
    (format!("http://{address}"), connections)
}

/// Resident memory of this process in KiB (Linux).
fn resident_kib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4)
}

async fn burst(client: &Client, requests: usize, tasks: usize) -> usize {
    let mut handles = Vec::new();
    for task in 0..tasks {
        let client = client.clone();
        let share = requests / tasks + usize::from(task < requests % tasks);
        handles.push(tokio::spawn(async move {
            let mut ok = 0;
            for _ in 0..share {
                if client
                    .fetch_room(&FetchRoomRequest::new("RM1"))
                    .await
                    .is_ok()
                {
                    ok += 1;
                }
            }
            ok
        }));
    }
    let mut ok = 0;
    for handle in handles {
        ok += handle.await.unwrap();
    }
    ok
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_requests_from_64_tasks_reuse_connections_and_memory_stays_flat() {
    let (url, connections) = counting_server().await;
    let client = client(&url, RetryPolicy::none());
    assert_eq!(burst(&client, 500, 64).await, 500, "warm-up");
    let before = resident_kib();
    let accepted_after_warm_up = connections.load(Ordering::SeqCst);
    assert_eq!(
        burst(&client, 2_000, 64).await,
        2_000,
        "every request succeeds"
    );
    let accepted = connections.load(Ordering::SeqCst);
    assert!(
        accepted <= 64 * 2,
        "connections are pooled: {accepted} for 2,500 requests"
    );
    assert!(
        accepted - accepted_after_warm_up <= 64,
        "the second burst reuses the pool: {} new connections",
        accepted - accepted_after_warm_up
    );
    if let (Some(before), Some(after)) = (before, resident_kib()) {
        let growth = after.saturating_sub(before);
        assert!(
            growth < 16 * 1024,
            "memory grew by {growth} KiB over 2,000 requests"
        );
    }
}

/// A page of `GET /v1/Rooms` holding rooms `first..first + count`, linking to `next`.
fn rooms_page(first: usize, count: usize, next: Option<String>) -> ResponseTemplate {
    let rooms: Vec<serde_json::Value> = (first..first + count)
        .map(|i| serde_json::json!({"sid": format!("RM{i}"), "status": "completed", "unique_name": null, "type": "group", "url": null,
                                    "max_participants": 10, "max_participant_duration": 14400,
                                    "empty_room_timeout": 5, "unused_room_timeout": 5}))
        .collect();
    let body = serde_json::json!({
        "rooms": rooms,
        "meta": {"page": first / 2, "page_size": 2, "first_page_url": "https://video.twilio.com/v1/Rooms?PageSize=2&Page=0",
                 "previous_page_url": null, "url": "https://video.twilio.com/v1/Rooms", "next_page_url": next, "key": "rooms"}
    });
    ResponseTemplate::new(200).set_body_json(body)
}

/// Three pages of two rooms, linked by absolute `next_page_url`s on the same server.
async fn three_pages() -> MockServer {
    let server = MockServer::start().await;
    let link = |page: usize| {
        Some(format!(
            "{}/v1/Rooms?PageSize=2&Page={page}&PageToken=PT{page}",
            server.uri()
        ))
    };
    Mock::given(path("/v1/Rooms"))
        .and(query_param("PageToken", "PT1"))
        .respond_with(rooms_page(2, 2, link(2)))
        .mount(&server)
        .await;
    Mock::given(path("/v1/Rooms"))
        .and(query_param("PageToken", "PT2"))
        .respond_with(rooms_page(4, 2, None))
        .mount(&server)
        .await;
    Mock::given(path("/v1/Rooms"))
        .and(query_param("PageSize", "2"))
        .respond_with(rooms_page(0, 2, link(1)))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_paged_list_streams_every_item_once_in_order_and_stops_at_the_limit() {
    let server = three_pages().await;
    let client = client(&server.uri(), RetryPolicy::none());
    let request = ListRoomsRequest::new().page_size(2);

    let all: Vec<String> = client
        .list_rooms_stream(&request, None)
        .map(|room| room.expect("every page decodes").sid.unwrap_or_default())
        .collect()
        .await;
    assert_eq!(all, ["RM0", "RM1", "RM2", "RM3", "RM4", "RM5"]);
    assert_eq!(received(&server).await, 3, "one request per page");

    server.reset().await;
    let server = three_pages().await;
    let client = self::client(&server.uri(), RetryPolicy::none());
    let limited: Vec<_> = client.list_rooms_stream(&request, Some(3)).collect().await;
    assert_eq!(limited.len(), 3);
    assert_eq!(
        received(&server).await,
        2,
        "no page past the limit is fetched"
    );

    // Page by page.
    let first = client.list_rooms(&request).await.unwrap();
    let second = client
        .list_rooms_next_page(&first.body)
        .await
        .unwrap()
        .expect("a second page");
    let third = client
        .list_rooms_next_page(&second.body)
        .await
        .unwrap()
        .expect("a third page");
    assert_eq!(third.body.rooms[0].sid.as_deref(), Some("RM4"));
    assert!(
        client
            .list_rooms_next_page(&third.body)
            .await
            .unwrap()
            .is_none(),
        "the last page"
    );
}

#[tokio::test]
async fn a_next_page_link_to_another_host_is_refused_without_a_request_to_it() {
    let foreign = MockServer::start().await;
    Mock::given(any())
        .respond_with(rooms_page(9, 1, None))
        .mount(&foreign)
        .await;
    let server = MockServer::start().await;
    let hostile = format!("{}/v1/Rooms?Page=1", foreign.uri());
    Mock::given(any())
        .respond_with(rooms_page(0, 2, Some(hostile)))
        .mount(&server)
        .await;

    let client = client(&server.uri(), RetryPolicy::none());
    let results: Vec<_> = client
        .list_rooms_stream(&ListRoomsRequest::new(), None)
        .collect()
        .await;
    assert_eq!(results.len(), 3, "two rooms, then the refusal: {results:?}");
    let Err(Error::InvalidRequest(why)) = &results[2] else {
        panic!("{:?}", results[2])
    };
    assert!(why.contains("another host"), "{why}");
    assert_eq!(
        received(&foreign).await,
        0,
        "credentials never went to the foreign host"
    );
}

//! What the generated client's runtime allocates, counted by this binary's global allocator on
//! the test's own thread (each test runs on a current-thread runtime; the servers answer from
//! threads of their own, which are not counted): a retried request sends the bytes it encoded
//! once, with no copy of its body per attempt.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use generated::{Client, CreateRoomRequest, RetryPolicy};

/// An allocation at least this large is a copy of the 1 MiB request body (nothing else the
/// client allocates comes near it).
const LARGE: usize = 1 << 20;

struct Counting;

thread_local! {
    /// Whether this thread's allocations are being counted.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    /// Allocations (and reallocations) of at least `LARGE` bytes on this thread while counting.
    static LARGE_ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn note(size: usize) {
    // `try_with`: the allocator also runs while threads are torn down.
    if size >= LARGE && COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = LARGE_ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
    }
}

// SAFETY: every call is passed on to the system allocator unchanged; counting allocates nothing.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: the caller's guarantees for `alloc`, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        // SAFETY: the caller's guarantees for `realloc`, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Starts counting this thread's large allocations from zero, or stops and returns the count.
fn count_large_allocations(on: bool) -> usize {
    if on {
        LARGE_ALLOCATIONS.with(|count| count.set(0));
    }
    COUNTING.with(|counting| counting.set(on));
    LARGE_ALLOCATIONS.with(Cell::get)
}

/// A server on its own thread that answers the first `unavailable` requests with `503` and
/// the others with a created room, one request per connection, and keeps every body it read.
fn server(unavailable: usize) -> (String, Arc<Mutex<Vec<Vec<u8>>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let kept = bodies.clone();
    std::thread::spawn(move || {
        for (index, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { return };
            let body = read_request(&mut stream);
            kept.lock().unwrap().push(body);
            let answer = if index < unavailable {
                "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                    .to_owned()
            } else {
                let room = include_str!("fixtures/room_created.json");
                format!(
                    "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{room}",
                    room.len()
                )
            };
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    (url, bodies)
}

/// Reads one request and returns its body (as long as its `content-length` says).
fn read_request(stream: &mut impl Read) -> Vec<u8> {
    let mut received = Vec::new();
    let mut chunk = [0; 64 * 1024];
    let head_end = loop {
        if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Vec::new(),
            Ok(n) => received.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&received[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    while received.len() < head_end + length {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => received.extend_from_slice(&chunk[..n]),
        }
    }
    received.split_off(head_end)
}

/// Creates a room with a 1 MiB name against a server that is unavailable `unavailable` times
/// first; returns the large allocations the call made and the bodies the server received.
async fn create_large_room(unavailable: usize) -> (usize, Vec<Vec<u8>>) {
    let (url, bodies) = server(unavailable);
    let client = Client::builder("ACxxxxxxxx", "secret-token")
        .base_url(&url)
        .retry(
            RetryPolicy::default()
                .max_attempts(3)
                .initial_backoff(Duration::from_millis(1))
                .max_backoff(Duration::from_millis(5)),
        )
        .build()
        .unwrap();
    let request = CreateRoomRequest::new().unique_name(&"a".repeat(LARGE));
    // The body is encoded when the call is made, and sent when it is awaited.
    count_large_allocations(true);
    let response = client.create_room(&request).await;
    let large = count_large_allocations(false);
    let response = response.expect("the last attempt is answered with 201");
    assert_eq!(response.status, 201);
    let bodies = bodies.lock().unwrap().clone();
    (large, bodies)
}

#[tokio::test]
async fn a_retried_post_sends_the_same_bytes_and_copies_no_body_per_attempt() {
    let (once, bodies) = create_large_room(0).await;
    assert_eq!(bodies.len(), 1, "one attempt");
    let (retried, bodies) = create_large_room(2).await;
    assert_eq!(bodies.len(), 3, "two 503s, then the 201");

    let expected = format!("UniqueName={}", "a".repeat(LARGE));
    for (attempt, body) in bodies.iter().enumerate() {
        assert!(
            body == expected.as_bytes(),
            "attempt {} sent {} bytes that differ from the encoded form",
            attempt + 1,
            body.len()
        );
    }
    // Encoding the form is the one large allocation; the attempts share its bytes.
    assert!(
        once >= 1,
        "the form body itself should be counted: {once} large allocations"
    );
    assert_eq!(
        retried, once,
        "each retry copied the body: {retried} large allocations for 3 attempts, {once} for 1"
    );
}

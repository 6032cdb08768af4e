//! Copied by `cargo xtask corpus` into the crate generated from Twilio's official
//! `twilio_api_v2010.yaml`: its lists link pages with a `next_page_uri` relative to the host.

use futures_util::StreamExt;
use twilio_api_v2010_yaml::{Client, ListCallRequest};
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CALLS: &str = "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Calls.json";

fn page(sids: &[&str], next: Option<&str>) -> ResponseTemplate {
    let calls: Vec<serde_json::Value> = sids
        .iter()
        .map(|sid| serde_json::json!({"sid": sid}))
        .collect();
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "calls": calls, "end": 1, "first_page_uri": CALLS, "next_page_uri": next, "page": 0,
        "page_size": 2, "previous_page_uri": null, "start": 0, "uri": CALLS
    }))
}

#[tokio::test]
async fn calls_stream_across_pages_linked_by_relative_uris() {
    let server = MockServer::start().await;
    let next = format!("{CALLS}?PageSize=2&Page=1&PageToken=PA1");
    Mock::given(path(CALLS))
        .and(query_param("PageToken", "PA1"))
        .respond_with(page(&["CA3"], None))
        .mount(&server)
        .await;
    Mock::given(path(CALLS))
        .respond_with(page(&["CA1", "CA2"], Some(&next)))
        .with_priority(10)
        .mount(&server)
        .await;

    let client = Client::builder("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "token")
        .base_url(&server.uri())
        .build()
        .unwrap();
    let request = ListCallRequest::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").page_size(2);
    let sids: Vec<String> = client
        .list_call_stream(&request, None)
        .map(|call| call.unwrap().sid.unwrap_or_default())
        .collect()
        .await;
    assert_eq!(sids, ["CA1", "CA2", "CA3"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[1].url.query(),
        Some("PageSize=2&Page=1&PageToken=PA1")
    );
}

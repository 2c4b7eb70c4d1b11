//! The generated Rust Connect clients (gen/rust: protoc-gen-connect-rust over buffa, on the
//! official connectrpc runtime) against a minimal HTTP/1.1 peer on loopback that records what it
//! receives and answers with canned Connect replies: the path, headers and JSON body on the wire
//! (proto field names), reply decoding (unknown fields ignored), and Connect errors with the
//! contract's ErrorDetail in their details.

use std::time::Duration;

use base64::Engine as _;
use buffa::Message as _;
use connectrpc::client::{CallOptions, ClientConfig, HttpClient};
use connectrpc::ErrorCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use trace_dispatcher_proto::trace::dispatcher::v1 as pb;

struct Recorded {
    request_line: String,
    headers: Vec<(String, String)>,
    body: serde_json::Value,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Serves exactly one request with `status` and `body`, returning the base URL and what arrived.
async fn serve_once(status: u16, content_type: &str, body: String) -> (String, tokio::task::JoinHandle<Recorded>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let content_type = content_type.to_string();
    let handle = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buffer = Vec::new();
        let mut chunk = [0u8; 4096];
        let header_end = loop {
            let n = socket.read(&mut chunk).await.unwrap();
            assert!(n > 0, "client closed before sending headers");
            buffer.extend_from_slice(&chunk[..n]);
            if let Some(pos) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break pos + 4;
            }
        };
        let head = String::from_utf8(buffer[..header_end].to_vec()).unwrap();
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap().to_string();
        let headers: Vec<(String, String)> = lines
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (n, v) = l.split_once(':').unwrap();
                (n.trim().to_string(), v.trim().to_string())
            })
            .collect();
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .map(|(_, v)| v.parse().unwrap())
            .unwrap_or(0);
        while buffer.len() < header_end + length {
            let n = socket.read(&mut chunk).await.unwrap();
            assert!(n > 0, "client closed before sending the body");
            buffer.extend_from_slice(&chunk[..n]);
        }
        let received: serde_json::Value = serde_json::from_slice(&buffer[header_end..header_end + length]).unwrap();
        let reply = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(reply.as_bytes()).await.unwrap();
        socket.shutdown().await.ok();
        Recorded { request_line, headers, body: received }
    });
    (base_url, handle)
}

fn fence() -> pb::HeartbeatRequest {
    pb::HeartbeatRequest {
        task_id: "3f1c6a52-7d0e-4c1b-9a4e-2b8f0d6c9e11".into(),
        attempt: 2,
        lease_token: "b7e2d9c4-1a3f-4e5d-8c6b-0f9a2e4d7c13".into(),
        delivery_id: "5c0d3e8a-9b1f-4a27-8e6d-4f2b7a9c1d30".into(),
        ..Default::default()
    }
}

/// Connect over HTTP/1.1 with the JSON codec: what the SDK uses, so the Dispatcher sees the contract's JSON.
fn config(base_url: &str) -> ClientConfig {
    ClientConfig::new(base_url.parse().unwrap()).json()
}

#[tokio::test]
async fn heartbeat_posts_connect_json_and_decodes_the_reply() {
    let reply = r#"{"lease_expires_at":"2025-12-31T12:02:00.123Z","cancel_requested":true,"added_later":1}"#;
    let (base_url, server) = serve_once(200, "application/json", reply.into()).await;
    let client = pb::TaskServiceClient::new(
        HttpClient::plaintext(),
        config(&base_url).with_default_header("X-Trace-Task-Capability", "jwt-token-value"),
    );

    let response = client.heartbeat(fence()).await.unwrap().into_owned();

    assert!(response.cancel_requested);
    let expires = response.lease_expires_at.as_option().unwrap();
    assert_eq!((expires.seconds, expires.nanos), (1767182520, 123_000_000));
    let seen = server.await.unwrap();
    assert_eq!(seen.request_line, "POST /trace.dispatcher.v1.TaskService/Heartbeat HTTP/1.1");
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(seen.header("connect-protocol-version"), Some("1"));
    assert_eq!(seen.header("x-trace-task-capability"), Some("jwt-token-value"));
    assert_eq!(
        seen.body,
        serde_json::json!({
            "task_id": "3f1c6a52-7d0e-4c1b-9a4e-2b8f0d6c9e11",
            "attempt": 2,
            "lease_token": "b7e2d9c4-1a3f-4e5d-8c6b-0f9a2e4d7c13",
            "delivery_id": "5c0d3e8a-9b1f-4a27-8e6d-4f2b7a9c1d30"
        })
    );
}

#[tokio::test]
async fn per_call_headers_and_timeout_are_sent() {
    let (base_url, server) = serve_once(200, "application/json", r#"{"claimed":false,"reason":"CLAIM_REJECTION_COMPLETED"}"#.into()).await;
    let client = pb::WorkerServiceClient::new(HttpClient::plaintext(), config(&base_url));
    let options = CallOptions::default().with_header("X-Trace-Worker-Token", "worker-secret").with_timeout(Duration::from_secs(5));
    let request = pb::ClaimTaskRequest { task_id: "t".into(), worker_id: "w".into(), ..Default::default() };

    let response = client.claim_task_with_options(request, options).await.unwrap().into_owned();

    assert!(!response.claimed);
    assert_eq!(response.reason, buffa::EnumValue::Known(pb::ClaimRejection::CLAIM_REJECTION_COMPLETED));
    let seen = server.await.unwrap();
    assert_eq!(seen.request_line, "POST /trace.dispatcher.v1.WorkerService/ClaimTask HTTP/1.1");
    assert_eq!(seen.header("x-trace-worker-token"), Some("worker-secret"));
    assert_eq!(seen.header("connect-timeout-ms"), Some("5000"));
    assert_eq!(seen.body, serde_json::json!({"task_id": "t", "worker_id": "w"}));
}

#[tokio::test]
async fn connect_errors_carry_code_message_and_the_error_detail() {
    let detail = pb::ErrorDetail { reason: "stale_attempt".into(), ..Default::default() }.encode_to_vec();
    let value = base64::engine::general_purpose::STANDARD_NO_PAD.encode(detail);
    let body = serde_json::json!({
        "code": "failed_precondition",
        "message": "attempt 2 is not the current attempt",
        "details": [
            {"type": "google.rpc.DebugInfo", "value": ""},
            {"type": "trace.dispatcher.v1.ErrorDetail", "value": value}
        ]
    });
    let (base_url, _server) = serve_once(400, "application/json", body.to_string()).await;

    let error = pb::TaskServiceClient::new(HttpClient::plaintext(), config(&base_url)).heartbeat(fence()).await.unwrap_err();

    assert_eq!(error.code, ErrorCode::FailedPrecondition);
    assert_eq!(error.message.as_deref(), Some("attempt 2 is not the current attempt"));
    let ours = error.details.iter().find(|d| d.type_url == "trace.dispatcher.v1.ErrorDetail").unwrap();
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD.decode(ours.value.as_deref().unwrap()).unwrap();
    assert_eq!(pb::ErrorDetail::decode_from_slice(&bytes).unwrap().reason, "stale_attempt");
}

#[tokio::test]
async fn non_connect_error_bodies_map_from_the_http_status() {
    let (base_url, _server) = serve_once(503, "text/html", "<html>busy</html>".into()).await;

    let error = pb::TaskServiceClient::new(HttpClient::plaintext(), config(&base_url)).heartbeat(fence()).await.unwrap_err();

    assert_eq!(error.code, ErrorCode::Unavailable);
    assert!(error.details.is_empty());
}

#[tokio::test]
async fn undecodable_success_bodies_are_errors() {
    let (base_url, _server) = serve_once(200, "application/json", r#"{"cancel_requested":"yes"}"#.into()).await;

    let error = pb::TaskServiceClient::new(HttpClient::plaintext(), config(&base_url)).heartbeat(fence()).await.unwrap_err();

    assert!(matches!(error.code, ErrorCode::Internal | ErrorCode::InvalidArgument), "{error}");
}

#[tokio::test]
async fn unreachable_servers_are_unavailable() {
    // Bind then drop a listener so the port is (almost certainly) closed.
    let port = TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().port();
    let error = pb::TaskServiceClient::new(HttpClient::plaintext(), config(&format!("http://127.0.0.1:{port}")))
        .heartbeat(fence())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Unavailable);
}

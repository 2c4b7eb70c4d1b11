//! Bundle mode without a Dispatcher: the minimal local-test stdin the Python and TypeScript SDKs
//! accept, and an operator's error printed as the `failure` object the runner reports.

use trace_dispatcher_sdk::bundle::run_bundle_with;
use trace_dispatcher_sdk::{Completion, OperatorError, TaskContext};

async fn run(payload: &str, operator: impl FnOnce(TaskContext) -> Result<Completion, OperatorError>) -> (i32, serde_json::Value) {
    let mut out = Vec::new();
    let code = run_bundle_with(|ctx| async move { operator(ctx) }, payload, &mut out).await;
    (code, serde_json::from_slice(&out).unwrap_or(serde_json::Value::Null))
}

#[tokio::test]
async fn a_config_only_stdin_runs_the_operator() {
    let (code, printed) = run(r#"{"config": {"name": "x"}}"#, |ctx| {
        Ok(Completion::new().output("name", ctx.config()["name"].clone()))
    })
    .await;
    assert_eq!(code, 0);
    assert_eq!(printed["outputs"][0]["value"], "x");
}

#[tokio::test]
async fn an_empty_object_is_a_valid_local_stdin() {
    let (code, _) = run("{}", |_| Ok(Completion::new())).await;
    assert_eq!(code, 0);
}

#[tokio::test]
async fn a_non_retryable_error_is_printed_as_a_failure_object() {
    let token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0YXNrOjEifQ.c2lnbmF0dXJlLWJ5dGVz";
    let payload = format!(r#"{{"task_id": "t", "attempt": 1, "lease_token": "l", "capability_token": "{token}"}}"#);
    let (code, printed) = run(&payload, move |_| Err(OperatorError::non_retryable(format!("bad config (token {token})")))).await;
    assert_eq!(code, 1);
    assert_eq!(printed, serde_json::json!({"failure": {"category": "NonRetryableError", "message": "bad config (token [redacted])", "retryable": false}}));
}

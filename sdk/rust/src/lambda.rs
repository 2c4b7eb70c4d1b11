//! A minimal AWS Lambda custom-runtime loop (the `provided.al2023` runtime's Runtime API), so a
//! `bootstrap` built with this crate is its own Lambda handler without the lambda_runtime crate:
//! GET `/2018-06-01/runtime/invocation/next`, run the task, POST `.../{request_id}/response`
//! (or `.../error` for an event that is not a task invocation). The SDK heartbeats and completes.

use std::future::Future;

use crate::context::{Completion, TaskContext};
use crate::error::{OperatorError, TaskError};
use crate::run::run_task;

const API_VERSION: &str = "2018-06-01";
const REQUEST_ID_HEADER: &str = "lambda-runtime-aws-request-id";

/// Serves invocations from the Runtime API at `runtime_api` (`host:port`, the value of
/// `AWS_LAMBDA_RUNTIME_API`) forever; returns only when the Runtime API cannot be reached.
pub async fn run_lambda_runtime<F, Fut>(runtime_api: &str, dispatcher_url: &str, operator: F) -> Result<(), TaskError>
where
    F: Fn(TaskContext) -> Fut,
    Fut: Future<Output = Result<Completion, OperatorError>>,
{
    let http = reqwest::Client::new();
    let base = format!("http://{runtime_api}/{API_VERSION}/runtime/invocation");
    let unreachable = |e: reqwest::Error| TaskError::Invalid(format!("Lambda Runtime API: {}", e.without_url()));
    loop {
        let next = http.get(format!("{base}/next")).send().await.map_err(unreachable)?;
        let request_id = next
            .headers()
            .get(REQUEST_ID_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .ok_or_else(|| TaskError::Invalid("Runtime API reply without a request id".into()))?;
        let event = next.text().await.map_err(unreachable)?;
        let reply = match TaskContext::from_json(&event, Some(dispatcher_url)) {
            Ok(ctx) => {
                let outcome = run_task(ctx, &operator).await;
                http.post(format!("{base}/{request_id}/response")).json(&serde_json::json!({ "outcome": outcome.as_str() }))
            }
            // Without a valid fence nothing can be reported to the Dispatcher; Lambda records the error.
            Err(error) => http
                .post(format!("{base}/{request_id}/error"))
                .json(&serde_json::json!({ "errorType": "InvalidInvocation", "errorMessage": error.to_string() })),
        };
        reply.send().await.map_err(unreachable)?;
    }
}

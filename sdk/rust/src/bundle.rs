//! Bundle mode: the operator runs as a bundle entrypoint (`bootstrap`) under the platform runner.
//! The invocation arrives on stdin; the result object goes to stdout; the runner heartbeats and
//! completes. The operator can still call `credentials()` / `emit_events()`: the runner sets
//! `TRACE_DISPATCHER_URL`. Cancellation: the runner stops the process (SIGTERM, then SIGKILL).

use std::future::Future;

use std::io::{Read, Write};

use crate::context::{Completion, TaskContext};
use crate::error::OperatorError;
use crate::failure::FailureReport;

/// Where calls go when the runner did not set TRACE_DISPATCHER_URL: they fail as `unavailable`.
const NO_DISPATCHER: &str = "http://trace-dispatcher-url-not-set.invalid";

/// Reads the invocation from stdin, runs `operator`, writes its result object to stdout.
/// Returns the process exit code: 0, or 1 when the operator failed (stdout then carries
/// `{"failure": {category, message, retryable}}`, which the runner reports as the attempt's
/// failure) or the invocation could not be read (details on stderr).
pub async fn run_bundle<F, Fut>(operator: F) -> i32
where
    F: FnOnce(TaskContext) -> Fut,
    Fut: Future<Output = Result<Completion, OperatorError>>,
{
    let mut payload = String::new();
    // Blocking reads and writes are fine here: nothing else runs while the invocation is read
    // or the result written.
    if let Err(error) = std::io::stdin().read_to_string(&mut payload) {
        eprintln!("could not read the invocation from stdin: {error}");
        return 1;
    }
    run_bundle_with(operator, &payload, &mut std::io::stdout().lock()).await
}

/// `run_bundle` on a given payload and output. A minimal hand-written payload such as
/// `{"config": {...}}` is accepted, as in the Python and TypeScript SDKs: the runner always
/// sends the full invocation, and task-scoped calls without a fence fail at the Dispatcher.
pub async fn run_bundle_with<F, Fut>(operator: F, payload: &str, out: &mut impl Write) -> i32
where
    F: FnOnce(TaskContext) -> Fut,
    Fut: Future<Output = Result<Completion, OperatorError>>,
{
    let url = std::env::var("TRACE_DISPATCHER_URL").unwrap_or_else(|_| NO_DISPATCHER.to_string());
    let invocation = match crate::context::parse_invocation(payload) {
        Ok(invocation) => invocation,
        Err(error) => {
            eprintln!("invocation: {error}");
            return 1;
        }
    };
    let token = invocation.capability_token.clone();
    let ctx = match TaskContext::without_fence_check(invocation, &url) {
        Ok(ctx) => ctx,
        Err(error) => {
            eprintln!("{error}");
            return 1;
        }
    };
    let (text, code) = match operator(ctx).await {
        Ok(completion) => match result_object(&completion) {
            Ok(text) => (text, 0),
            Err(error) => {
                eprintln!("could not encode the result: {error}");
                return 1;
            }
        },
        Err(error) => {
            // The failure as data on stdout (the runner reports it), a line on stderr.
            let report = FailureReport::new(&error, &[token.as_str()]);
            eprintln!("operator failed: {}: {}", report.category, report.message);
            (serde_json::json!({ "failure": report }).to_string(), 1)
        }
    };
    if out.write_all(text.as_bytes()).is_err() || out.flush().is_err() {
        return 1;
    }
    code
}

/// The runner's stdout result object: `{"events": [...], "outputs": [...], "datasets_published": [...]}`.
pub fn result_object(completion: &Completion) -> Result<String, serde_json::Error> {
    serde_json::to_string(completion)
}

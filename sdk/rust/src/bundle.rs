//! Bundle mode: the operator runs as a bundle entrypoint (`bootstrap`) under the platform runner.
//! The invocation arrives on stdin; the result object goes to stdout; the runner heartbeats and
//! completes. The operator can still call `credentials()` / `emit_events()`: the runner sets
//! `TRACE_DISPATCHER_URL`. Cancellation: the runner stops the process (SIGTERM, then SIGKILL).

use std::future::Future;

use std::io::{Read, Write};

use crate::context::{Completion, TaskContext};
use crate::error::OperatorError;

/// Where calls go when the runner did not set TRACE_DISPATCHER_URL: they fail as `unavailable`.
const NO_DISPATCHER: &str = "http://trace-dispatcher-url-not-set.invalid";

/// Reads the invocation from stdin, runs `operator`, writes its result object to stdout.
/// Returns the process exit code: 0, or 1 when the operator failed (the runner then fails the
/// attempt as `entrypoint_crashed`) or the invocation could not be read (details on stderr).
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
    let url = std::env::var("TRACE_DISPATCHER_URL").unwrap_or_else(|_| NO_DISPATCHER.to_string());
    let ctx = match TaskContext::from_json(&payload, Some(&url)) {
        Ok(ctx) => ctx,
        Err(error) => {
            eprintln!("{error}");
            return 1;
        }
    };
    match operator(ctx).await {
        Ok(completion) => match result_object(&completion) {
            Ok(text) => {
                let mut stdout = std::io::stdout().lock();
                if stdout.write_all(text.as_bytes()).is_err() || stdout.flush().is_err() {
                    return 1;
                }
                0
            }
            Err(error) => {
                eprintln!("could not encode the result: {error}");
                1
            }
        },
        Err(error) => {
            eprintln!("operator failed: {error}");
            1
        }
    }
}

/// The runner's stdout result object: `{"events": [...], "outputs": [...], "datasets_published": [...]}`.
pub fn result_object(completion: &Completion) -> Result<String, serde_json::Error> {
    serde_json::to_string(completion)
}

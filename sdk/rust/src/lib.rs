//! Trace Dispatcher runner SDK for Rust.
//!
//! **Runtime: tokio.** Every call is async; background heartbeats are a `tokio::spawn`ed task, so
//! a tokio runtime (current-thread is enough) must be running. Built on the generated contract
//! crate (`trace-dispatcher-proto`: buffa messages, the official connectrpc clients); no AWS SDK
//! and no `lambda_runtime` crate.
//!
//! An operator is `async fn(TaskContext) -> Result<Completion, OperatorError>`. [`serve`] runs it
//! in either mode from one `bootstrap` binary:
//! - **Lambda handler** (`AWS_LAMBDA_RUNTIME_API` set, feature `lambda`, on by default): the
//!   custom-runtime loop in `lambda`;
//!   the SDK heartbeats at a quarter of the lease, turns cancellation into a [`CancelSignal`] and
//!   completes or fails the attempt over the fenced task RPCs ([`run_task`]).
//! - **Bundle entrypoint** (run by the platform runner): [`bundle::run_bundle`] reads stdin and
//!   prints the result object; the runner heartbeats and completes.

pub mod bundle;
pub mod client;
pub mod context;
pub mod error;
pub mod failure;
#[cfg(feature = "lambda")]
pub mod lambda;
pub mod query;
pub mod run;

use std::future::Future;

pub use client::CAPABILITY_HEADER;
pub use context::{cursor_event, CancelSignal, Completion, Credentials, Heartbeat, TaskContext};
pub use error::{OperatorError, TaskError, NON_RETRYABLE_CATEGORY};
pub use failure::{scrub, FailureReport};
pub use query::{QueryColumn, QueryOptions, QueryResult};
pub use run::{run_task, Outcome};
pub use trace_dispatcher_proto::trace::dispatcher::v1 as pb;
/// The generated contract crate and the Connect runtime, at the versions this SDK uses.
pub use {connectrpc, trace_dispatcher_proto};

/// Runs `operator` as a Lambda handler when `AWS_LAMBDA_RUNTIME_API` is set (the runner clears
/// it for bundles), else as a bundle entrypoint. Returns the process exit code.
#[cfg(feature = "lambda")]
pub async fn serve<F, Fut>(operator: F) -> i32
where
    F: Fn(TaskContext) -> Fut,
    Fut: Future<Output = Result<Completion, OperatorError>>,
{
    match std::env::var("AWS_LAMBDA_RUNTIME_API") {
        Ok(api) if !api.is_empty() => {
            let Ok(url) = std::env::var("TRACE_DISPATCHER_URL") else {
                eprintln!("TRACE_DISPATCHER_URL is not set");
                return 1;
            };
            match lambda::run_lambda_runtime(&api, &url, operator).await {
                Ok(()) => 0,
                Err(error) => {
                    eprintln!("{error}");
                    1
                }
            }
        }
        _ => bundle::run_bundle(operator).await,
    }
}

/// Without the `lambda` feature: the bundle entrypoint only (stdin → operator → stdout).
/// Returns the process exit code.
#[cfg(not(feature = "lambda"))]
pub async fn serve<F, Fut>(operator: F) -> i32
where
    F: Fn(TaskContext) -> Fut,
    Fut: Future<Output = Result<Completion, OperatorError>>,
{
    bundle::run_bundle(operator).await
}

//! `run_task`: the whole attempt lifecycle around an async operator.

use std::future::Future;

use crate::context::{Completion, TaskContext};
use crate::error::{OperatorError, TaskError};

/// How an attempt ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The operator returned; its completion was recorded (or had been: duplicate).
    Completed,
    /// The operator failed; the attempt was failed (retryable unless the error said otherwise).
    Failed,
    /// Cancellation was requested; the attempt completed CANCELED.
    Canceled,
    /// The Dispatcher refused the attempt (stale attempt, lease mismatch, duplicate delivery,
    /// finished, unauthenticated): nothing more was reported. Refused at the first heartbeat,
    /// before the operator runs, the operator never ran.
    Abandoned,
    /// The outcome could not be delivered (the reaper will time the attempt out).
    ReportFailed(String),
}

impl Outcome {
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Completed => "completed",
            Outcome::Failed => "failed",
            Outcome::Canceled => "canceled",
            Outcome::Abandoned => "abandoned",
            Outcome::ReportFailed(_) => "report_failed",
        }
    }
}

fn settle(result: Result<bool, TaskError>, outcome: Outcome) -> Outcome {
    match result {
        Ok(_) => outcome,
        Err(error) if error.is_terminal_refusal() => Outcome::Abandoned,
        Err(error) => Outcome::ReportFailed(error.to_string()),
    }
}

/// Runs `operator` with background heartbeats. When cancellation is requested (or the lease is
/// lost) the operator's future is dropped at its next await point and the attempt completes
/// CANCELED (or is abandoned). An operator may also return `Err(TaskError::Canceled(..).into())`
/// itself after checking `ctx.is_canceled()`.
pub async fn run_task<F, Fut>(ctx: TaskContext, operator: F) -> Outcome
where
    F: FnOnce(TaskContext) -> Fut,
    Fut: Future<Output = Result<Completion, OperatorError>>,
{
    // Bind the attempt to this delivery before the operator runs: a duplicate delivery (or a
    // finished or superseded attempt) stops here having done nothing. A transient error is not
    // fatal: the background heartbeats bind later, and completion is fenced anyway.
    match ctx.heartbeat().await {
        Ok(beat) if beat.cancel_requested => return settle(ctx.complete_canceled().await, Outcome::Canceled),
        Err(error) if error.is_terminal_refusal() => return Outcome::Abandoned,
        _ => {}
    }
    ctx.start_heartbeats();
    let mut signal = ctx.cancel_signal();
    let result = tokio::select! {
        result = operator(ctx.clone()) => Some(result),
        _ = signal.canceled() => None,
    };
    ctx.stop_heartbeats();
    let stop_reason = ctx.stop_reason();
    let canceled = matches!(stop_reason, Some(TaskError::Canceled(_)));
    match result {
        None if canceled => settle(ctx.complete_canceled().await, Outcome::Canceled),
        None => Outcome::Abandoned,
        Some(_) if stop_reason.is_some() && !canceled => Outcome::Abandoned,
        Some(Ok(completion)) => settle(ctx.complete(completion).await, Outcome::Completed),
        Some(Err(error)) => match error.task_error {
            Some(TaskError::Canceled(_)) if canceled => settle(ctx.complete_canceled().await, Outcome::Canceled),
            Some(ref refusal) if refusal.is_terminal_refusal() => Outcome::Abandoned,
            _ => settle(ctx.fail(error.message, error.retryable).await, Outcome::Failed),
        },
    }
}

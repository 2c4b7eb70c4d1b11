//! Typed errors, keyed on the Dispatcher's machine-readable reason (`trace.dispatcher.v1.ErrorDetail`).

use std::fmt;

use trace_dispatcher_proto::connect::{Code, ConnectError};

/// Why a task-scoped call failed.
#[derive(Clone, Debug)]
pub enum TaskError {
    /// A newer attempt of this task exists: stop without committing anything (`stale_attempt`).
    StaleAttempt(ConnectError),
    /// The lease token is not the task's current lease (`lease_mismatch`).
    LeaseMismatch(ConnectError),
    /// An operator canceled the task (`canceled` refusal, or `cancel_requested` on a heartbeat:
    /// then the inner error is `None`).
    Canceled(Option<ConnectError>),
    /// The task already finished (`task_finished`).
    Finished(ConnectError),
    /// Another delivery of this attempt's event is acting for it (`duplicate_delivery`, CONTRACT
    /// §3): stop without running or reporting anything.
    DuplicateDelivery(ConnectError),
    /// The capability token is missing, invalid, expired or for another task.
    Unauthenticated(ConnectError),
    /// Any other Connect error (network trouble is `unavailable`).
    Rpc(ConnectError),
    /// The invocation payload (or the environment) is not usable.
    Invalid(String),
}

impl TaskError {
    /// The typed error for a Connect error from the Dispatcher.
    pub fn from_connect(error: ConnectError) -> Self {
        match error.reason().as_deref() {
            Some("stale_attempt") => TaskError::StaleAttempt(error),
            Some("lease_mismatch") => TaskError::LeaseMismatch(error),
            Some("canceled") => TaskError::Canceled(Some(error)),
            Some("task_finished") => TaskError::Finished(error),
            Some("duplicate_delivery") => TaskError::DuplicateDelivery(error),
            _ if matches!(error.code, Code::Unauthenticated | Code::PermissionDenied) => TaskError::Unauthenticated(error),
            _ => TaskError::Rpc(error),
        }
    }

    /// The ErrorDetail reason, if the Dispatcher attached one.
    pub fn reason(&self) -> Option<String> {
        match self {
            TaskError::StaleAttempt(e)
            | TaskError::LeaseMismatch(e)
            | TaskError::Finished(e)
            | TaskError::DuplicateDelivery(e)
            | TaskError::Unauthenticated(e)
            | TaskError::Rpc(e) => e.reason(),
            TaskError::Canceled(Some(e)) => e.reason(),
            TaskError::Canceled(None) => Some("canceled".into()),
            TaskError::Invalid(_) => None,
        }
    }

    /// True when the attempt can never succeed any more: stop quietly, report nothing else.
    pub fn is_terminal_refusal(&self) -> bool {
        !matches!(self, TaskError::Rpc(_) | TaskError::Invalid(_))
    }
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskError::StaleAttempt(e) => write!(f, "stale attempt: {e}"),
            TaskError::LeaseMismatch(e) => write!(f, "lease mismatch: {e}"),
            TaskError::Canceled(Some(e)) => write!(f, "canceled: {e}"),
            TaskError::Canceled(None) => f.write_str("canceled: cancellation requested"),
            TaskError::Finished(e) => write!(f, "task finished: {e}"),
            TaskError::DuplicateDelivery(e) => write!(f, "duplicate delivery: {e}"),
            TaskError::Unauthenticated(e) => write!(f, "unauthenticated: {e}"),
            TaskError::Rpc(e) => write!(f, "dispatcher call failed: {e}"),
            TaskError::Invalid(m) => write!(f, "invalid: {m}"),
        }
    }
}

impl std::error::Error for TaskError {}

/// An operator's failure. Return `OperatorError::non_retryable(..)` to fail without a retry;
/// any other error (`?` on anything implementing `std::error::Error`) fails retryably.
#[derive(Debug)]
pub struct OperatorError {
    pub message: String,
    pub retryable: bool,
    /// Set when the operator stopped because of a task refusal (e.g. `TaskError::Canceled`).
    pub task_error: Option<TaskError>,
}

impl OperatorError {
    pub fn retryable(message: impl Into<String>) -> Self {
        Self { message: message.into(), retryable: true, task_error: None }
    }

    pub fn non_retryable(message: impl Into<String>) -> Self {
        Self { message: message.into(), retryable: false, task_error: None }
    }
}

impl<E: std::error::Error + 'static> From<E> for OperatorError {
    fn from(error: E) -> Self {
        let task_error = (&error as &dyn std::error::Error).downcast_ref::<TaskError>().cloned();
        Self { message: error.to_string(), retryable: true, task_error }
    }
}

impl fmt::Display for OperatorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

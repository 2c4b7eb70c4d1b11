//! Typed errors, keyed on the Dispatcher's machine-readable reason (`trace.dispatcher.v1.ErrorDetail`).

use std::fmt;

use base64::Engine as _;
use buffa::Message as _;
use connectrpc::{ConnectError, ErrorCode};

use crate::pb;

/// The type name the Dispatcher gives its `ErrorDetail` in a Connect error's details.
const ERROR_DETAIL_TYPE: &str = "trace.dispatcher.v1.ErrorDetail";

/// The machine-readable reason of a Dispatcher refusal: the `reason` of the
/// `trace.dispatcher.v1.ErrorDetail` among the error's details (`stale_attempt`, ...), if any.
/// connectrpc hands details over as type name plus base64 protobuf bytes; decoding ours is ours.
pub fn reason(error: &ConnectError) -> Option<String> {
    let detail = error.details.iter().find(|d| d.type_url.trim_start_matches("type.googleapis.com/") == ERROR_DETAIL_TYPE)?;
    let text = detail.value.as_deref()?;
    // Connect writes unpadded standard base64 and readers accept padding too.
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(text.trim_end_matches('='))
        .ok()?;
    let decoded = pb::ErrorDetail::decode_from_slice(&bytes).ok()?;
    Some(decoded.reason).filter(|r| !r.is_empty())
}

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
        match reason(&error).as_deref() {
            Some("stale_attempt") => TaskError::StaleAttempt(error),
            Some("lease_mismatch") => TaskError::LeaseMismatch(error),
            Some("canceled") => TaskError::Canceled(Some(error)),
            Some("task_finished") => TaskError::Finished(error),
            Some("duplicate_delivery") => TaskError::DuplicateDelivery(error),
            _ if matches!(error.code, ErrorCode::Unauthenticated | ErrorCode::PermissionDenied) => TaskError::Unauthenticated(error),
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
            | TaskError::Rpc(e) => reason(e),
            TaskError::Canceled(Some(e)) => reason(e),
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
    /// The failure's type, reported as data (`error_category`): `NonRetryableError`,
    /// `OperatorError`, or the Rust type an error was converted from (`std::num::ParseIntError`).
    pub category: String,
    /// Set when the operator stopped because of a task refusal (e.g. `TaskError::Canceled`).
    pub task_error: Option<TaskError>,
}

/// The category of `OperatorError::non_retryable`: the same name the TS and Python SDKs report.
pub const NON_RETRYABLE_CATEGORY: &str = "NonRetryableError";

impl OperatorError {
    pub fn retryable(message: impl Into<String>) -> Self {
        Self { message: message.into(), retryable: true, category: "OperatorError".into(), task_error: None }
    }

    pub fn non_retryable(message: impl Into<String>) -> Self {
        Self { message: message.into(), retryable: false, category: NON_RETRYABLE_CATEGORY.into(), task_error: None }
    }
}

/// `std::any::type_name` without generic arguments (`Box<dyn Error>` → `alloc::boxed::Box`).
fn type_category<E>() -> String {
    let name = std::any::type_name::<E>();
    name.split('<').next().unwrap_or(name).to_string()
}

impl<E: std::error::Error + 'static> From<E> for OperatorError {
    fn from(error: E) -> Self {
        let task_error = (&error as &dyn std::error::Error).downcast_ref::<TaskError>().cloned();
        Self { message: error.to_string(), retryable: true, category: type_category::<E>(), task_error }
    }
}

impl fmt::Display for OperatorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connectrpc::error::ErrorDetail;

    fn refusal(code: ErrorCode, reason: &str) -> ConnectError {
        let detail = pb::ErrorDetail { reason: reason.into(), ..Default::default() };
        ConnectError::new(code, "refused")
            .with_detail(ErrorDetail { type_url: "google.rpc.DebugInfo".into(), value: Some(String::new()), debug: None })
            .with_detail(ErrorDetail::from_message(ERROR_DETAIL_TYPE, &detail))
    }

    #[test]
    fn the_reason_comes_from_the_error_detail() {
        assert_eq!(reason(&refusal(ErrorCode::FailedPrecondition, "stale_attempt")).as_deref(), Some("stale_attempt"));
        assert_eq!(reason(&ConnectError::new(ErrorCode::Unavailable, "down")), None);
    }

    #[test]
    fn refusals_map_to_typed_errors() {
        assert!(matches!(TaskError::from_connect(refusal(ErrorCode::FailedPrecondition, "stale_attempt")), TaskError::StaleAttempt(_)));
        assert!(matches!(TaskError::from_connect(refusal(ErrorCode::FailedPrecondition, "duplicate_delivery")), TaskError::DuplicateDelivery(_)));
        assert!(matches!(TaskError::from_connect(refusal(ErrorCode::PermissionDenied, "wrong_task")), TaskError::Unauthenticated(_)));
        let other = TaskError::from_connect(ConnectError::new(ErrorCode::Unavailable, "down"));
        assert!(matches!(other, TaskError::Rpc(_)) && !other.is_terminal_refusal());
    }
}

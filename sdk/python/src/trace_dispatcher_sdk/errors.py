"""Typed errors for the refusals a task can act on, keyed on the Dispatcher's machine-readable
reason (trace.dispatcher.v1.ErrorDetail). Standard library only: bundles vendor this module."""

from __future__ import annotations


class TaskError(Exception):
    """A call to the Dispatcher's task endpoints failed. `code` is the Connect code
    (e.g. "failed_precondition"), `reason` the ErrorDetail reason ("" when none was attached)."""

    def __init__(self, message: str, code: str = "unknown", reason: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.reason = reason

    def __str__(self) -> str:
        suffix = f"/{self.reason}" if self.reason else ""
        return f"[{self.code}{suffix}] {self.message}"


class StaleAttempt(TaskError):
    """A newer attempt of this task exists: stop without committing anything."""


class LeaseMismatch(TaskError):
    """The lease token is not the task's current lease."""


class TaskCanceled(TaskError):
    """The task was canceled by an operator. Raise it from an operator to finish as CANCELED."""

    def __init__(self, message: str = "cancellation requested", code: str = "failed_precondition", reason: str = "canceled") -> None:
        super().__init__(message, code, reason)


class TaskFinished(TaskError):
    """The task already finished (this attempt or another completed it)."""


class DuplicateDelivery(TaskError):
    """Another delivery of this attempt's event is acting for it (CONTRACT §3): stop without
    running or reporting anything."""


class Unauthenticated(TaskError):
    """The capability token is missing, invalid or expired, or does not match the fence."""


class NonRetryableError(Exception):
    """Raise from an operator to fail the attempt without a retry."""


_BY_REASON: dict[str, type[TaskError]] = {
    "stale_attempt": StaleAttempt,
    "lease_mismatch": LeaseMismatch,
    "canceled": TaskCanceled,
    "task_finished": TaskFinished,
    "duplicate_delivery": DuplicateDelivery,
}

#: Refusals after which the attempt can never succeed: stop quietly, report nothing more.
TERMINAL_REFUSALS: tuple[type[TaskError], ...] = (StaleAttempt, LeaseMismatch, TaskCanceled, TaskFinished, DuplicateDelivery, Unauthenticated)


def task_error(code: str, reason: str, message: str) -> TaskError:
    """The typed error for a Connect error code and ErrorDetail reason."""
    cls = _BY_REASON.get(reason)
    if cls is None and code in ("unauthenticated", "permission_denied"):
        cls = Unauthenticated
    return (cls or TaskError)(message, code, reason)


def is_terminal_refusal(error: BaseException) -> bool:
    return isinstance(error, TERMINAL_REFUSALS)

"""Trace Dispatcher runner SDK.

Two ways to run an operator ``def operator(ctx) -> dict | None``:

* Lambda handler (``lambda_handler(operator)``, ``run_task``, ``TaskContext``/``AsyncTaskContext``):
  the SDK heartbeats at a quarter of the lease, watches for cancellation and completes or fails
  the attempt over the fenced task RPCs (needs the generated ``trace_dispatcher_proto``).
* Bundle entrypoint (``trace_dispatcher_sdk.bundle.run_bundle``): the platform runner heartbeats
  and completes; standard library only.

The Lambda-mode names are imported lazily so that bundle mode never imports protobuf.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    DuplicateDelivery,
    LeaseMismatch,
    NonRetryableError,
    StaleAttempt,
    TaskCanceled,
    TaskError,
    TaskFinished,
    Unauthenticated,
    is_terminal_refusal,
)
from .query import QueryColumn, QueryResult

if TYPE_CHECKING:
    from .context import AsyncTaskContext, CompleteResult, HeartbeatResult, TaskContext
    from .run import lambda_handler, run_task, run_task_async

_LAZY = {
    "TaskContext": "context",
    "AsyncTaskContext": "context",
    "HeartbeatResult": "context",
    "CompleteResult": "context",
    "run_task": "run",
    "run_task_async": "run",
    "lambda_handler": "run",
}

__all__ = [
    "AsyncTaskContext",
    "CompleteResult",
    "DuplicateDelivery",
    "HeartbeatResult",
    "LeaseMismatch",
    "NonRetryableError",
    "QueryColumn",
    "QueryResult",
    "StaleAttempt",
    "TaskCanceled",
    "TaskContext",
    "TaskError",
    "TaskFinished",
    "Unauthenticated",
    "is_terminal_refusal",
    "lambda_handler",
    "run_task",
    "run_task_async",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'trace_dispatcher_sdk' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)

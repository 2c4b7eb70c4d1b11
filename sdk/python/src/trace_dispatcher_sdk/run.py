"""run_task / run_task_async / lambda_handler: the whole attempt lifecycle around an operator.

Heartbeats run while the operator works. Outcomes:
  "completed"  the operator returned; its result (events, outputs, datasets_published) is reported
  "failed"     it raised; the attempt fails (retryable unless NonRetryableError)
  "canceled"   cancellation was requested (the operator raised TaskCanceled, or, async, was
               interrupted) and the attempt completed CANCELED
  "abandoned"  the Dispatcher refused the attempt (stale attempt, lease mismatch, duplicate
               delivery, finished, unauthenticated): nothing more is reported; a refusal at the
               first heartbeat, before the operator runs, means the operator never ran
  "report_failed" the outcome could not be delivered (e.g. the Dispatcher was unreachable); the
               reaper will time the attempt out
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from .context import AsyncTaskContext, TaskContext
from .errors import TaskCanceled, TaskError, is_terminal_refusal
from .failure import failure_report

Outcome = Literal["completed", "failed", "canceled", "abandoned", "report_failed"]
Result = dict[str, Any] | None


def _settle(report: Callable[[], Any], outcome: Outcome) -> Outcome:
    try:
        report()
    except TaskError as error:
        return "abandoned" if is_terminal_refusal(error) else "report_failed"
    return outcome


def run_task(
    payload: dict[str, Any],
    operator: Callable[[TaskContext], Result],
    *,
    dispatcher_url: str | None = None,
    heartbeat_interval: float | None = None,
) -> Outcome:
    """Runs a synchronous operator. It should check `ctx.canceled.is_set()` between steps and
    raise TaskCanceled (threads cannot be interrupted)."""
    with TaskContext(payload, dispatcher_url=dispatcher_url, heartbeat_interval=heartbeat_interval) as ctx:
        # Bind the attempt to this delivery before the operator runs: a duplicate delivery (or a
        # finished or superseded attempt) stops here having done nothing. A transient error is not
        # fatal: the background heartbeats bind later, and completion is fenced anyway.
        try:
            if ctx.heartbeat().cancel_requested:
                return _settle(ctx.complete_canceled, "canceled")
        except TaskError as error:
            if is_terminal_refusal(error):
                return "abandoned"
        try:
            result = operator(ctx)
        except TaskCanceled:
            return _settle(ctx.complete_canceled, "canceled") if isinstance(ctx.stop_reason, TaskCanceled) else "abandoned"
        except TaskError as error:
            if is_terminal_refusal(error):
                return "abandoned"
            return _settle(lambda: ctx.fail(str(error), retryable=True), "failed")
        except Exception as error:  # noqa: BLE001 - an operator error fails the attempt
            failure = failure_report(error, [ctx.invocation.capability_token])
            return _settle(lambda: ctx.fail(f"{failure['category']}: {failure['message']}", retryable=failure["retryable"], category=failure["category"]), "failed")
        if ctx.stop_reason is not None and not isinstance(ctx.stop_reason, TaskCanceled):
            return "abandoned"
        return _settle(lambda: ctx.complete(result), "completed")


async def run_task_async(
    payload: dict[str, Any],
    operator: Callable[[AsyncTaskContext], Awaitable[Result]],
    *,
    dispatcher_url: str | None = None,
    heartbeat_interval: float | None = None,
) -> Outcome:
    """Runs an async operator; it is cancelled (asyncio) when cancellation is requested or the
    lease is lost, and the attempt completes CANCELED (or is abandoned)."""
    async with AsyncTaskContext(payload, dispatcher_url=dispatcher_url, heartbeat_interval=heartbeat_interval) as ctx:
        # Bind before the operator runs (see run_task).
        try:
            if (await ctx.heartbeat()).cancel_requested:
                return await _settle_async(ctx.complete_canceled(), "canceled")
        except TaskError as error:
            if is_terminal_refusal(error):
                return "abandoned"
        work = asyncio.ensure_future(operator(ctx))
        stop = asyncio.ensure_future(ctx.canceled.wait())
        await asyncio.wait({work, stop}, return_when=asyncio.FIRST_COMPLETED)
        stop.cancel()
        if not work.done():
            work.cancel()
            try:
                await work
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 - the attempt is over either way
                pass
            if isinstance(ctx.stop_reason, TaskCanceled):
                return await _settle_async(ctx.complete_canceled(), "canceled")
            return "abandoned"
        raised = work.exception()
        if isinstance(raised, TaskCanceled):
            return await _settle_async(ctx.complete_canceled(), "canceled") if isinstance(ctx.stop_reason, TaskCanceled) else "abandoned"
        if raised is not None and is_terminal_refusal(raised):
            return "abandoned"
        if raised is not None:
            failure = failure_report(raised, [ctx.invocation.capability_token])
            message = f"{failure['category']}: {failure['message']}"
            return await _settle_async(ctx.fail(message, retryable=failure["retryable"], category=failure["category"]), "failed")
        if ctx.stop_reason is not None and not isinstance(ctx.stop_reason, TaskCanceled):
            return "abandoned"
        return await _settle_async(ctx.complete(work.result()), "completed")


async def _settle_async(report: Awaitable[Any], outcome: Outcome) -> Outcome:
    try:
        await report
    except TaskError as error:
        return "abandoned" if is_terminal_refusal(error) else "report_failed"
    return outcome


def lambda_handler(operator: Callable[..., Any], **options: Any) -> Callable[[dict[str, Any], Any], dict[str, str]]:
    """An AWS Lambda handler running `operator` (sync or async) for each invocation event.
    The Dispatcher URL comes from TRACE_DISPATCHER_URL in the function's environment."""

    def handler(event: dict[str, Any], context: Any = None) -> dict[str, str]:
        if inspect.iscoroutinefunction(operator):
            return {"outcome": asyncio.run(run_task_async(event, operator, **options))}
        return {"outcome": run_task(event, operator, **options)}

    return handler

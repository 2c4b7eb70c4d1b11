"""TaskContext and run_task (threads) against a real Dispatcher: heartbeat, events, complete and
its duplicate, credentials from moto, cancellation, the stale-attempt refusal, typed errors."""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from typing import Any

import pytest
from conftest import Dispatcher, wait_for

from trace_dispatcher_sdk import NonRetryableError, StaleAttempt, TaskCanceled, TaskContext, TaskFinished, Unauthenticated, run_task


def event_for(payload: dict[str, Any], cursor: int) -> dict[str, Any]:
    config = payload["config"]
    return {"dataset_uuid": config["dataset_uuid"], "dataset_version": config["dataset_version"], "cursor": str(cursor)}


def test_heartbeat_events_complete_and_duplicate(dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task()
    payload = dispatcher.claim(task_id)
    ctx = TaskContext(payload, dispatcher_url=dispatcher.url)
    assert (ctx.task_id, ctx.attempt) == (task_id, 1)
    assert set(ctx.config) == {"dataset_uuid", "dataset_version"}

    beat = ctx.heartbeat()
    assert beat.cancel_requested is False
    assert beat.lease_expires_at > datetime.now(timezone.utc)

    assert ctx.emit_events([event_for(payload, 7)]) == 1
    first = ctx.complete({"events": [event_for(payload, 8)], "outputs": [{"name": "rows", "value": 3}]})
    assert (first.accepted, first.duplicate) == (True, False)
    again = ctx.complete({"events": [event_for(payload, 8)], "outputs": [{"name": "rows", "value": 3}]})
    assert (again.accepted, again.duplicate) == (True, True)
    assert dispatcher.task(task_id)["state"] == "TASK_STATE_COMPLETED"

    # A different outcome for a finished attempt is refused with a typed error.
    with pytest.raises(TaskFinished):
        ctx.fail("too late")


def test_background_heartbeats_renew_the_lease(dispatcher: Dispatcher) -> None:
    payload = dispatcher.claim(dispatcher.new_task())
    with TaskContext(payload, dispatcher_url=dispatcher.url) as ctx:
        initial = ctx.lease_expires_at
        # Lease 4 s, heartbeat every ~1 s: the expiry moves without any call from the test.
        wait_for(lambda: ctx.lease_expires_at > initial, timeout=15)
        ctx.complete()


def test_credentials_come_from_sts_in_boto3_shape(dispatcher: Dispatcher) -> None:
    if not dispatcher.credentials:
        pytest.skip("moto_server not installed (scripts/ci/install-aws-fakes.sh)")
    payload = dispatcher.claim(dispatcher.new_task())
    ctx = TaskContext(payload, dispatcher_url=dispatcher.url)
    creds = ctx.credentials()
    assert set(creds) == {"aws_access_key_id", "aws_secret_access_key", "aws_session_token", "expiration"}
    assert creds["aws_access_key_id"] and creds["aws_secret_access_key"] and creds["aws_session_token"]
    assert creds["expiration"].tzinfo is not None and creds["expiration"] > datetime.now(timezone.utc)
    ctx.complete()


def test_cancellation_sets_the_event_and_completes_canceled(dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task()
    payload = dispatcher.claim(task_id)
    started = threading.Event()
    outcome: list[str] = []

    def operator(ctx: TaskContext) -> None:
        started.set()
        if not ctx.canceled.wait(timeout=30):
            raise AssertionError("cancellation never arrived")
        raise TaskCanceled()

    thread = threading.Thread(target=lambda: outcome.append(run_task(payload, operator, dispatcher_url=dispatcher.url)))
    thread.start()
    assert started.wait(timeout=10)
    dispatcher.cancel(task_id)
    thread.join(timeout=40)
    assert outcome == ["canceled"]
    assert dispatcher.task(task_id)["state"] == "TASK_STATE_CANCELED"


def test_an_old_attempt_is_refused_as_stale_after_a_retry(dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task()
    first = TaskContext(dispatcher.claim(task_id), dispatcher_url=dispatcher.url)
    first.fail("transient", retryable=True)
    # retry_base_seconds 1: the retry scheduler re-queues it as attempt 2, which we claim.
    second = dispatcher.claim(task_id, wait_seconds=30)
    assert second["attempt"] == 2

    with pytest.raises(StaleAttempt) as refused:
        first.heartbeat()
    assert refused.value.reason == "stale_attempt" and refused.value.code == "failed_precondition"
    assert first.canceled.is_set() and isinstance(first.stop_reason, StaleAttempt)
    with pytest.raises(StaleAttempt):
        first.emit_events([event_for(second, 1)])
    if dispatcher.credentials:
        with pytest.raises(StaleAttempt):
            first.credentials()
    TaskContext(second, dispatcher_url=dispatcher.url).complete()


def test_operator_errors_fail_the_attempt_through_run_task(dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task(max_attempts=1)
    payload = dispatcher.claim(task_id)

    def operator(ctx: TaskContext) -> None:
        raise RuntimeError("source unavailable")

    assert run_task(payload, operator, dispatcher_url=dispatcher.url) == "failed"
    task = dispatcher.task(task_id)
    assert task["state"] == "TASK_STATE_FAILED" and "source unavailable" in task["last_error"]


def test_a_non_retryable_error_ends_the_task_with_a_scrubbed_message(dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task(max_attempts=3)
    payload = dispatcher.claim(task_id)
    token = payload["capability_token"]

    def operator(ctx: TaskContext) -> None:
        raise NonRetryableError(f"bad config; token was {token}, aws_secret_access_key=abcd1234SECRET")

    assert run_task(payload, operator, dispatcher_url=dispatcher.url) == "failed"
    task = dispatcher.task(task_id)
    assert task["state"] == "TASK_STATE_FAILED" and not task.get("next_retry_at")
    assert task["last_error"] == "NonRetryableError: bad config; token was [redacted], aws_secret_access_key=[redacted]"


def test_a_forged_token_is_unauthenticated(dispatcher: Dispatcher) -> None:
    payload = dispatcher.claim(dispatcher.new_task())
    forged = {**payload, "capability_token": payload["capability_token"][:-4] + "AAAA"}
    with pytest.raises(Unauthenticated):
        TaskContext(forged, dispatcher_url=dispatcher.url).heartbeat()
    TaskContext(payload, dispatcher_url=dispatcher.url).complete()


def test_params_are_the_tasks_own(dispatcher: Dispatcher) -> None:
    with_params = TaskContext(dispatcher.claim(dispatcher.new_task(params={"block": 42, "chain": "monad"})), dispatcher_url=dispatcher.url)
    assert with_params.params == {"block": 42, "chain": "monad"}
    assert set(with_params.config) == {"dataset_uuid", "dataset_version"}
    plain = TaskContext(dispatcher.claim(dispatcher.new_task()), dispatcher_url=dispatcher.url)
    assert plain.params == {}

"""One delivery, and only one, acts for an attempt (CONTRACT §3), against a real Dispatcher: every
call carries the context's delivery id; a second delivery is refused DuplicateDelivery, a terminal
refusal, and run_task abandons it before the operator runs; the first delivery's outcome stands."""

from __future__ import annotations

import asyncio
import re
import uuid
from typing import Any

import pytest
from conftest import Dispatcher

from trace_dispatcher_sdk import AsyncTaskContext, DuplicateDelivery, TaskContext, is_terminal_refusal, run_task, run_task_async
from trace_dispatcher_sdk.bundle import BundleContext

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_a_second_delivery_is_refused_and_stops_quietly(dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task()
    payload = dispatcher.claim(task_id)
    original = TaskContext(payload, dispatcher_url=dispatcher.url)
    duplicate = TaskContext(payload, dispatcher_url=dispatcher.url)
    assert UUID.match(original.delivery_id)
    assert duplicate.delivery_id != original.delivery_id
    original.heartbeat()

    with pytest.raises(DuplicateDelivery) as refused:
        duplicate.heartbeat()
    assert refused.value.reason == "duplicate_delivery"
    assert refused.value.code == "failed_precondition"
    assert is_terminal_refusal(refused.value)
    assert duplicate.canceled.is_set()
    with pytest.raises(DuplicateDelivery):
        duplicate.fail("bundle download failed", retryable=True)

    ran: list[bool] = []

    def operator(ctx: Any) -> None:
        ran.append(True)
        raise RuntimeError("a duplicate must not get here")

    assert run_task(payload, operator, dispatcher_url=dispatcher.url) == "abandoned"

    async def async_operator(ctx: Any) -> None:
        ran.append(True)

    assert asyncio.run(run_task_async(payload, async_operator, dispatcher_url=dispatcher.url)) == "abandoned"
    assert ran == []
    assert dispatcher.task(task_id)["state"] == "TASK_STATE_RUNNING"

    done = original.complete({"outputs": [{"name": "rows", "value": 1}]})
    assert (done.accepted, done.duplicate) == (True, False)
    assert dispatcher.task(task_id)["state"] == "TASK_STATE_COMPLETED"


def test_contexts_act_as_the_delivery_named_in_the_payload(dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task()
    delivery_id = str(uuid.uuid4())
    payload = {**dispatcher.claim(task_id), "delivery_id": delivery_id}
    runner = AsyncTaskContext(payload, dispatcher_url=dispatcher.url)
    bundle = BundleContext(payload, dispatcher_url=dispatcher.url)
    assert (runner.delivery_id, bundle.delivery_id) == (delivery_id, delivery_id)

    async def bind() -> None:
        await runner.heartbeat()

    asyncio.run(bind())
    # The bundle's calls are the runner's delivery: accepted.
    config = payload["config"]
    assert bundle.emit_events([{"dataset_uuid": config["dataset_uuid"], "dataset_version": config["dataset_version"], "cursor": "1"}]) == 1
    other = BundleContext({**payload, "delivery_id": str(uuid.uuid4())}, dispatcher_url=dispatcher.url)
    with pytest.raises(DuplicateDelivery):
        other.emit_events([])
    done = TaskContext(payload, dispatcher_url=dispatcher.url).complete()
    assert (done.accepted, done.duplicate) == (True, False)

"""AsyncTaskContext and run_task_async against a real Dispatcher."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from conftest import Dispatcher

from trace_dispatcher_sdk import AsyncTaskContext, StaleAttempt, run_task_async


def test_async_heartbeat_events_complete_and_duplicate(dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task()
    payload = dispatcher.claim(task_id)
    config = payload["config"]
    event = {"dataset_uuid": config["dataset_uuid"], "dataset_version": config["dataset_version"], "cursor": "5"}

    async def scenario() -> None:
        async with AsyncTaskContext(payload, dispatcher_url=dispatcher.url) as ctx:
            assert (await ctx.heartbeat()).cancel_requested is False
            assert await ctx.emit_events([event]) == 1
            if dispatcher.credentials:
                creds = await ctx.credentials()
                assert creds["aws_session_token"]
            assert (await ctx.complete({"events": [event]})).duplicate is False
            assert (await ctx.complete({"events": [event]})).duplicate is True

    asyncio.run(scenario())
    assert dispatcher.task(task_id)["state"] == "TASK_STATE_COMPLETED"


def test_async_cancellation_interrupts_the_operator(dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task()
    payload = dispatcher.claim(task_id)

    async def operator(ctx: AsyncTaskContext) -> dict[str, Any]:
        dispatcher.cancel(task_id)
        await asyncio.sleep(60)  # interrupted by the cancel the next heartbeat sees
        raise AssertionError("not interrupted")

    outcome = asyncio.run(run_task_async(payload, operator, dispatcher_url=dispatcher.url))
    assert outcome == "canceled"
    assert dispatcher.task(task_id)["state"] == "TASK_STATE_CANCELED"


def test_async_stale_attempt(dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task()
    first_payload = dispatcher.claim(task_id)

    async def fail_first() -> AsyncTaskContext:
        ctx = AsyncTaskContext(first_payload, dispatcher_url=dispatcher.url)
        await ctx.fail("transient")
        return ctx

    asyncio.run(fail_first())
    assert dispatcher.claim(task_id, wait_seconds=30)["attempt"] == 2

    async def old_attempt() -> None:
        ctx = AsyncTaskContext(first_payload, dispatcher_url=dispatcher.url)
        with pytest.raises(StaleAttempt):
            await ctx.heartbeat()
        assert ctx.canceled.is_set()

    asyncio.run(old_attempt())

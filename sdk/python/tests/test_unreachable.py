"""When the Dispatcher cannot be reached, run_task says so instead of raising or pretending."""

from __future__ import annotations

import socket

from trace_dispatcher_sdk import run_task


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_an_undeliverable_completion_is_report_failed() -> None:
    payload = {"task_id": "3b0b8f4e-7a53-4a47-9d44-0b8c1f0e6a11", "attempt": 1, "lease_token": "l", "capability_token": "c"}
    assert run_task(payload, lambda ctx: {"outputs": [{"name": "n", "value": 1}]}, dispatcher_url=closed_port_url()) == "report_failed"

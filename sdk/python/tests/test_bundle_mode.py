"""Bundle mode (standard library only) against a real Dispatcher: run_bundle's stdout object, and
BundleContext's emit_events / credentials through TRACE_DISPATCHER_URL with typed refusals."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import Dispatcher

from trace_dispatcher_sdk import StaleAttempt, TaskContext, TaskFinished
from trace_dispatcher_sdk.bundle import BundleContext, run_bundle

SDK_SRC = Path(__file__).resolve().parents[1] / "src"


def test_run_bundle_prints_the_result_object_and_reaches_the_dispatcher(dispatcher: Dispatcher, monkeypatch: pytest.MonkeyPatch) -> None:
    # As the platform runner hands it over: with the runner's delivery id, which the bundle acts as.
    payload = {**dispatcher.claim(dispatcher.new_task()), "delivery_id": str(uuid.uuid4())}
    config = payload["config"]
    event = {"dataset_uuid": config["dataset_uuid"], "dataset_version": config["dataset_version"], "cursor": "11"}
    monkeypatch.setenv("TRACE_DISPATCHER_URL", dispatcher.url)
    seen: dict[str, object] = {}

    def operator(ctx: BundleContext) -> dict[str, object]:
        seen["accepted"] = ctx.emit_events([event])
        if dispatcher.credentials:
            seen["credentials"] = ctx.credentials()
        return {"events": [event], "outputs": [{"name": "ok", "value": True}]}

    out = io.StringIO()
    assert run_bundle(operator, stdin=io.StringIO(json.dumps(payload)), stdout=out) == 0
    assert json.loads(out.getvalue()) == {"events": [event], "outputs": [{"name": "ok", "value": True}]}
    assert seen["accepted"] == 1
    if dispatcher.credentials:
        creds = seen["credentials"]
        assert isinstance(creds, dict) and creds["aws_session_token"]
        assert creds["expiration"] > datetime.now(timezone.utc)
    TaskContext(payload, dispatcher_url=dispatcher.url).complete()


def test_the_wire_client_types_refusals(dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task()
    first = dispatcher.claim(task_id)
    TaskContext(first, dispatcher_url=dispatcher.url).fail("transient")
    second = {**dispatcher.claim(task_id, wait_seconds=30), "delivery_id": str(uuid.uuid4())}
    stale = BundleContext(first, dispatcher_url=dispatcher.url)
    with pytest.raises(StaleAttempt) as refused:
        stale.emit_events([])
    assert refused.value.reason == "stale_attempt"
    TaskContext(second, dispatcher_url=dispatcher.url).complete()
    with pytest.raises(TaskFinished):
        BundleContext(second, dispatcher_url=dispatcher.url).emit_events([])


def test_an_operator_error_exits_1() -> None:
    def operator(ctx: BundleContext) -> None:
        raise RuntimeError("boom")

    payload = {"task_id": "t", "attempt": 1, "lease_token": "l", "capability_token": "c"}
    assert run_bundle(operator, stdin=io.StringIO(json.dumps(payload)), stdout=io.StringIO()) == 1


def test_bundle_mode_imports_no_third_party_module() -> None:
    # What a bundle's bare python3 does: only the standard library may be loaded.
    probe = (
        "import sys; import trace_dispatcher_sdk.bundle, trace_dispatcher_sdk.errors; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('google', 'connectrpc', 'trace_dispatcher_proto')))"
    )
    output = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(SDK_SRC)!r}); {probe}"], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"

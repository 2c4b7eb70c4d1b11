"""ctx.query() against a REAL Query Service: scripts/dev/test-query-stack.ts starts a Dispatcher
signing ES256 tokens and a Query Service that verifies them through the Dispatcher's JWKS and
reads a 100-row Parquet dataset from an embedded S3-compatible store. Sync, async and bundle
contexts; typed rows; the SDK's errors for refusals."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from trace_dispatcher_sdk import AsyncTaskContext, TaskContext, TaskError, Unauthenticated
from trace_dispatcher_sdk.bundle import BundleContext

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]

BUNDLE_SHA = "6e" * 32


@dataclass
class Stack:
    url: str
    query_url: str
    admin_token: str
    worker_token: str
    dataset: dict[str, Any]

    def _post(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        request = urllib.request.Request(
            self.url + path, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json", **headers}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def claimed_task(self) -> dict[str, Any]:
        admin = {"Authorization": f"Bearer {self.admin_token}"}
        job = {
            "dag_name": "sdk-python-query",
            "name": f"job-{uuid.uuid4().hex[:12]}",
            "runtime": "RUNTIME_WORKER",
            "operator": "query_test",
            "bundle_sha256": BUNDLE_SHA,
            "org_id": "sdk",
            "datasets": [{k: self.dataset[k] for k in ("dataset_uuid", "dataset_version", "storage_ref")}],
            "s3": {"read_prefixes": [self.dataset["read_prefix"]], "write_prefixes": []},
        }
        job_id = self._post("/v1/admin/jobs", {"job": job}, admin)["job"]["job_id"]
        task_id = self._post("/v1/admin/tasks", {"job_id": job_id}, admin)["task"]["task_id"]
        reply = self._post("/internal/task-claim", {"task_id": task_id, "worker_id": "py-query"}, {"X-Trace-Worker-Token": self.worker_token})
        assert reply.get("claimed"), reply
        return reply["task"]


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    if not os.environ.get("TEST_DATABASE_URL") and os.environ.get("CI"):
        pytest.fail("TEST_DATABASE_URL must be set when CI is set (live SDK tests run on real Postgres)")
    process = subprocess.Popen(
        ["node", "--import", "tsx", str(REPO_ROOT / "scripts/dev/test-query-stack.ts")],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    line = process.stdout.readline()
    if not line:
        process.wait(timeout=30)
        pytest.fail(f"test-query-stack exited ({process.returncode}) before it was ready")
    info = json.loads(line)
    s = Stack(info["url"], info["query_url"], info["admin_token"], info["worker_token"], info["dataset"])
    s._post(
        "/v1/admin/bundles",
        {"bundle": {"sha256": BUNDLE_SHA, "storage_uri": f"s3://trace-bundles/bundles/{BUNDLE_SHA}.zip", "size_bytes": "1", "runtime": "python"}},
        {"Authorization": f"Bearer {s.admin_token}"},
    )
    try:
        yield s
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


SQL = "SELECT id, name, amount FROM dataset WHERE id < 3 ORDER BY id"
EXPECTED = [{"id": 0, "name": "row-0", "amount": 0.0}, {"id": 1, "name": "row-1", "amount": 1.5}, {"id": 2, "name": "row-2", "amount": 3.0}]


def test_sync_context_reads_typed_rows(stack: Stack) -> None:
    ctx = TaskContext(stack.claimed_task(), dispatcher_url=stack.url)
    ctx.query_url = stack.query_url
    result = ctx.query(SQL, dataset=stack.dataset["dataset_uuid"])
    assert result.rows == EXPECTED
    assert isinstance(result.rows[0]["id"], int)
    assert [c.type for c in result.columns] == ["BIGINT", "VARCHAR", "DOUBLE"]
    assert result.truncated is False and result.row_count == 3
    assert result.dataset_version == stack.dataset["dataset_version"]
    page = ctx.query("SELECT id FROM dataset ORDER BY id", dataset=stack.dataset["dataset_uuid"], limit=10)
    assert (page.row_count, page.truncated) == (10, True)
    ctx.complete()


def test_async_context_reads_typed_rows(stack: Stack) -> None:
    async def main() -> None:
        ctx = AsyncTaskContext(stack.claimed_task(), dispatcher_url=stack.url)
        ctx.query_url = stack.query_url
        result = await ctx.query(SQL, dataset=stack.dataset["dataset_uuid"])
        assert result.rows == EXPECTED
        await ctx.complete()

    asyncio.run(main())


def test_bundle_context_reads_typed_rows(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACE_QUERY_URL", stack.query_url)
    ctx = BundleContext(stack.claimed_task(), dispatcher_url=stack.url)
    result = ctx.query("SELECT grp, sum(amount)::DECIMAL(18,2) AS total FROM dataset WHERE grp = 1 GROUP BY grp", dataset=stack.dataset["dataset_uuid"])
    from decimal import Decimal

    assert result.rows == [{"grp": 1, "total": Decimal("690.00")}]


def test_refusals_are_typed_errors(stack: Stack) -> None:
    ctx = TaskContext(stack.claimed_task(), dispatcher_url=stack.url)
    ctx.query_url = stack.query_url
    with pytest.raises(TaskError) as gate:
        ctx.query("SELECT * FROM read_csv('/etc/passwd')", dataset=stack.dataset["dataset_uuid"])
    assert gate.value.reason in ("keyword_not_allowed", "table_function_not_allowed")
    with pytest.raises(Unauthenticated) as denied:
        ctx.query("SELECT 1", dataset=str(uuid.uuid4()))
    assert denied.value.reason == "dataset_not_granted"
    bundle = BundleContext(stack.claimed_task(), dispatcher_url=stack.url)
    os.environ["TRACE_QUERY_URL"] = stack.query_url
    try:
        with pytest.raises(TaskError) as bundle_gate:
            bundle.query("DROP VIEW dataset", dataset=stack.dataset["dataset_uuid"])
        assert bundle_gate.value.code == "invalid_argument"
    finally:
        del os.environ["TRACE_QUERY_URL"]

"""Live fixtures: a REAL Dispatcher process (scripts/dev/test-dispatcher.mjs: `serve` on a fresh
Postgres database when TEST_DATABASE_URL is set, required in CI; PGlite otherwise; moto for STS),
and helpers that create jobs and tasks through the admin API and claim them through the worker API
(the claimed `task` is the invocation payload, capability token included)."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
BUNDLE_SHA = "5d" * 32
READ_PREFIX = "s3://data-bucket/in/"
WRITE_PREFIX = "s3://out-bucket/out/"


@dataclass
class Dispatcher:
    url: str
    admin_token: str
    worker_token: str
    credentials: bool

    def _post(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        request = urllib.request.Request(
            self.url + path, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json", **headers}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{path}: HTTP {error.code} {error.read().decode()}") from None

    def admin(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._post(path, body, {"Authorization": f"Bearer {self.admin_token}"})

    def worker(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._post(path, body, {"X-Trace-Worker-Token": self.worker_token})

    def new_task(self, *, params: dict[str, Any] | None = None, **job: Any) -> str:
        """A RUNTIME_WORKER job of its own (lease 4 s unless given) and one queued task in it."""
        definition = {
            "dag_name": "sdk-python",
            "name": f"job-{uuid.uuid4().hex[:12]}",
            "runtime": "RUNTIME_WORKER",
            "operator": "sdk_test",
            "bundle_sha256": BUNDLE_SHA,
            "org_id": "sdk",
            "lease_ttl_seconds": 4,
            "retry_base_seconds": 1,
            "retry_max_seconds": 1,
            "s3": {"read_prefixes": [READ_PREFIX], "write_prefixes": [WRITE_PREFIX]},
            "config": {"dataset_uuid": str(uuid.uuid4()), "dataset_version": str(uuid.uuid4())},
            **job,
        }
        job_id = self.admin("/v1/admin/jobs", {"job": definition})["job"]["job_id"]
        return self.admin("/v1/admin/tasks", {"job_id": job_id, **({"params": params} if params is not None else {})})["task"]["task_id"]

    def claim(self, task_id: str, *, wait_seconds: float = 0) -> dict[str, Any]:
        """Claims the task (polling up to wait_seconds, e.g. for a retry) and returns the payload."""
        deadline = time.monotonic() + wait_seconds
        while True:
            reply = self.worker("/internal/task-claim", {"task_id": task_id, "worker_id": "sdk-python-test"})
            if reply.get("claimed"):
                return reply["task"]
            if time.monotonic() >= deadline:
                raise AssertionError(f"task {task_id} not claimed: {reply.get('reason')}")
            time.sleep(0.2)

    def task(self, task_id: str) -> dict[str, Any]:
        return self.admin("/trace.dispatcher.v1.AdminService/GetTask", {"task_id": task_id})["task"]

    def cancel(self, task_id: str) -> None:
        self.admin("/v1/admin/tasks/cancel", {"task_id": task_id, "reason": "sdk test"})


def _project_node() -> str:
    """The project's Node 24 (npm ci puts it in node_modules/.bin), not whatever `node` is on PATH."""
    node = REPO_ROOT / "node_modules/.bin/node"
    return str(node) if node.exists() else "node"


@pytest.fixture(scope="session")
def dispatcher() -> Iterator[Dispatcher]:
    if not os.environ.get("TEST_DATABASE_URL") and os.environ.get("CI"):
        pytest.fail("TEST_DATABASE_URL must be set when CI is set (live SDK tests run on real Postgres)")
    process = subprocess.Popen(
        [_project_node(), str(REPO_ROOT / "scripts/dev/test-dispatcher.mjs")],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    line = process.stdout.readline()
    if not line:
        process.wait(timeout=30)
        pytest.fail(f"test-dispatcher exited ({process.returncode}) before it was ready")
    info = json.loads(line)
    admin = Dispatcher(info["url"], info["admin_token"], info["worker_token"], info["credentials"])
    admin.admin(
        "/v1/admin/bundles",
        {"bundle": {"sha256": BUNDLE_SHA, "storage_uri": f"s3://trace-bundles/bundles/{BUNDLE_SHA}.zip", "size_bytes": "1", "runtime": "python"}},
    )
    try:
        yield admin
    finally:
        process.stdin.close()  # the launcher stops the Dispatcher and drops its database
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for(predicate: Any, timeout: float = 20.0, interval: float = 0.1) -> Any:
    """Polls until predicate() is truthy (no timing assertion: the deadline only bounds a hang)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError("condition not reached before the deadline")
        time.sleep(interval)

"""Bundle mode: the operator runs as a bundle entrypoint under the platform runner.

The runner gives the TaskInvocation JSON on stdin and expects ONE result object on stdout:
``{"events": [...], "outputs": [{"name", "value"}], "datasets_published": [...]}``. The runner
heartbeats and completes; the operator only computes. It can still call the Dispatcher with the
capability token from the payload: ``ctx.credentials()`` and ``ctx.emit_events()`` go to
``TRACE_DISPATCHER_URL``, which the runner sets.

Standard library only (no protobuf): copy this package's pure modules (``__init__``, ``errors``,
``_wire``, ``query``, ``bundle``) next to your entrypoint and the bundle runs on a bare ``python3``.
Cancellation: the runner stops the process (SIGTERM, then SIGKILL) when the task is canceled.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, TextIO

from ._wire import WireClient
from .config import config_from
from .failure import failure_report, scrub
from .query import QUERY_SERVICE, QueryResult, query_request, query_result

Result = dict[str, Any]


def _fence(invocation: dict[str, Any], delivery_id: str) -> dict[str, Any]:
    return {"task_id": invocation["task_id"], "attempt": invocation["attempt"], "lease_token": invocation["lease_token"], "delivery_id": delivery_id}


def parse_timestamp(text: str) -> datetime:
    """RFC 3339 (as protobuf JSON writes Timestamps) to an aware datetime."""
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    # Python < 3.11 accepts at most 6 fractional digits.
    if "." in text:
        head, _, tail = text.partition(".")
        digits = tail[: len(tail) - len(tail.lstrip("0123456789"))]
        zone = tail[len(digits) :]
        text = f"{head}.{(digits + '000000')[:6]}{zone}"
    return datetime.fromisoformat(text)


class BundleContext:
    """What a bundle operator sees: the invocation and the task-scoped calls it may make."""

    def __init__(self, invocation: dict[str, Any], dispatcher_url: str | None = None) -> None:
        self.invocation = invocation
        self._dispatcher_url = dispatcher_url if dispatcher_url is not None else os.environ.get("TRACE_DISPATCHER_URL")
        self._client: WireClient | None = None
        #: The runner's delivery (it puts its own in the invocation), so calls act for the runner.
        self.delivery_id = str(invocation.get("delivery_id") or uuid.uuid4())

    @property
    def task_id(self) -> str:
        return str(self.invocation["task_id"])

    @property
    def attempt(self) -> int:
        return int(self.invocation["attempt"])

    @property
    def operator(self) -> str:
        return str(self.invocation.get("operator", ""))

    @property
    def config(self) -> dict[str, Any]:
        """The job's configuration; integers stay ``int`` at any size (read from config_json)."""
        return config_from(str(self.invocation.get("config_json") or ""), self.invocation.get("config") or {})

    @property
    def params(self) -> dict[str, Any]:
        """The task's own parameters, beside the job's config; {} when none."""
        return self.invocation.get("params") or {}

    @property
    def inputs(self) -> list[dict[str, Any]]:
        return self.invocation.get("inputs") or []

    def _wire(self) -> WireClient:
        if self._client is None:
            if not self._dispatcher_url:
                raise RuntimeError("TRACE_DISPATCHER_URL is not set (the runner sets it for bundle entrypoints)")
            self._client = WireClient(self._dispatcher_url, str(self.invocation["capability_token"]))
        return self._client

    def emit_events(self, events: list[dict[str, Any]]) -> int:
        """Emits dataset events now (at-least-once, deduplicated by the Dispatcher)."""
        reply = self._wire().call("EmitEvents", {**_fence(self.invocation, self.delivery_id), "events": events})
        return int(reply.get("accepted", 0))

    def query(self, sql: str, *, dataset: str, limit: int | None = None) -> QueryResult:
        """One SELECT over the relation ``dataset`` (the granted version of ``dataset``) on the
        Query Service (``TRACE_QUERY_URL``, else the Dispatcher URL) with this attempt's token."""
        url = os.environ.get("TRACE_QUERY_URL") or self._dispatcher_url
        if not url:
            raise RuntimeError("neither TRACE_QUERY_URL nor TRACE_DISPATCHER_URL is set")
        client = WireClient(url, str(self.invocation["capability_token"]))
        body = query_request(self.task_id, self.attempt, sql, dataset, limit)
        return query_result(client.call("Query", body, service=QUERY_SERVICE))

    def credentials(self) -> dict[str, Any]:
        """Temporary AWS credentials for the token's S3 prefixes, as boto3 takes them:
        ``boto3.client("s3", **{k: v for k, v in creds.items() if k != "expiration"})``."""
        reply = self._wire().call("GetCredentials", _fence(self.invocation, self.delivery_id))
        return {
            "aws_access_key_id": reply.get("access_key_id", reply.get("accessKeyId", "")),
            "aws_secret_access_key": reply.get("secret_access_key", reply.get("secretAccessKey", "")),
            "aws_session_token": reply.get("session_token", reply.get("sessionToken", "")),
            "expiration": parse_timestamp(str(reply["expiration"])) if reply.get("expiration") else None,
        }


def result_object(result: Result | None) -> Result:
    """The stdout object the runner accepts: only the known keys, each optional."""
    result = result or {}
    unknown = set(result) - {"events", "outputs", "datasets_published"}
    if unknown:
        raise ValueError(f"unknown result keys: {sorted(unknown)}")
    return {key: result[key] for key in ("events", "outputs", "datasets_published") if key in result}


def run_bundle(
    operator: Callable[[BundleContext], Result | None],
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Reads the invocation, runs `operator`, prints its result; returns the exit code: 0, or 1
    when the operator raised. Then stdout carries ``{"failure": {"category", "message",
    "retryable"}}`` (the exception's type, its scrubbed message, False for NonRetryableError),
    which the runner reports as the attempt's failure, and stderr the traceback."""
    invocation = json.load(stdin or sys.stdin)
    out = stdout or sys.stdout
    try:
        result = result_object(operator(BundleContext(invocation)))
    except Exception as error:  # noqa: BLE001 - any operator error fails the attempt
        secrets = [str(invocation.get("capability_token") or "")]
        json.dump({"failure": failure_report(error, secrets)}, out)
        out.flush()
        sys.stderr.write(scrub("".join(traceback.format_exception(error)), secrets))
        return 1
    json.dump(result, out)
    out.flush()
    return 0

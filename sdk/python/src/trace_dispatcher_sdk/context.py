"""TaskContext (threads) and AsyncTaskContext (asyncio): one attempt of one task, built from the
invocation payload, over the generated Connect client (trace_dispatcher_proto).

Both keep the lease alive with background heartbeats at a quarter of the lease, turn a requested
cancellation (or a lost lease) into an Event, and report events, completion and failure through
the fenced task-scoped RPCs. Refusals raise the typed errors in `trace_dispatcher_sdk.errors`."""

from __future__ import annotations

import asyncio
import os
import threading
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, TypeVar

from connectrpc.errors import ConnectError
from google.protobuf import json_format
from google.protobuf.message import Message
from trace_dispatcher_proto.trace.dispatcher.v1 import errors_pb2, payload_pb2, query_pb2, task_pb2
from trace_dispatcher_proto.trace.dispatcher.v1.query_connect import QueryServiceClient, QueryServiceClientSync
from trace_dispatcher_proto.trace.dispatcher.v1.task_connect import TaskServiceClient, TaskServiceClientSync

from ._codec import CONTRACT_JSON
from .config import config_from
from .errors import TaskCanceled, TaskError, is_terminal_refusal, task_error
from .query import QueryResult, query_request, query_result

CAPABILITY_HEADER = "X-Trace-Task-Capability"
MIN_HEARTBEAT_SECONDS = 0.25
RPC_TIMEOUT_MS = 30_000
Reply = TypeVar("Reply", bound=Message)


@dataclass(frozen=True)
class HeartbeatResult:
    lease_expires_at: datetime
    cancel_requested: bool


@dataclass(frozen=True)
class CompleteResult:
    accepted: bool
    duplicate: bool


ERROR_DETAIL_TYPE = errors_pb2.ErrorDetail.DESCRIPTOR.full_name


def to_task_error(error: ConnectError) -> TaskError:
    reason = ""
    for detail in error.details:
        # connectrpc keeps details as packed Any (type name + bytes); ours is a google.protobuf class.
        if detail.type_name == ERROR_DETAIL_TYPE:
            reason = errors_pb2.ErrorDetail.FromString(detail.message_bytes).reason
            break
    return task_error(error.code.value, reason, error.message)


def _invocation(payload: dict[str, Any] | payload_pb2.TaskInvocation) -> payload_pb2.TaskInvocation:
    if isinstance(payload, payload_pb2.TaskInvocation):
        return payload
    # Unknown fields are ignored: a newer Dispatcher may add fields without breaking this runner.
    return json_format.ParseDict(payload, payload_pb2.TaskInvocation(), ignore_unknown_fields=True)


def _events(events: list[dict[str, Any]] | None) -> list[payload_pb2.DatasetEvent]:
    return [json_format.ParseDict(e, payload_pb2.DatasetEvent()) for e in events or []]


def _complete_request(
    fence: dict[str, Any], status: task_pb2.TaskStatus, result: dict[str, Any], error_message: str, retryable: bool, error_category: str = ""
) -> task_pb2.CompleteRequest:
    return task_pb2.CompleteRequest(
        **fence,
        status=status,
        events=_events(result.get("events")),
        outputs=[json_format.ParseDict(o, task_pb2.TaskOutput()) for o in result.get("outputs") or []],
        datasets_published=[json_format.ParseDict(d, task_pb2.DatasetPublished()) for d in result.get("datasets_published") or []],
        error_message=error_message,
        retryable=retryable,
        error_category=error_category,
    )


def _credentials(reply: task_pb2.GetCredentialsResponse) -> dict[str, Any]:
    return {
        "aws_access_key_id": reply.access_key_id,
        "aws_secret_access_key": reply.secret_access_key,
        "aws_session_token": reply.session_token,
        "expiration": reply.expiration.ToDatetime(tzinfo=timezone.utc),
    }


def _reply_dict(reply: query_pb2.QueryResponse) -> dict[str, Any]:
    return json_format.MessageToDict(reply, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)


class _Base:
    """What both contexts share: the payload, the fence and the heartbeat cadence."""

    def __init__(self, payload: dict[str, Any] | payload_pb2.TaskInvocation, *, dispatcher_url: str | None, heartbeat_interval: float | None) -> None:
        self.invocation = _invocation(payload)
        url = dispatcher_url if dispatcher_url is not None else os.environ.get("TRACE_DISPATCHER_URL")
        if not url:
            raise ValueError("dispatcher_url not given and TRACE_DISPATCHER_URL is not set")
        self.dispatcher_url = url
        self._heartbeat_interval = heartbeat_interval
        self._lease_expires_at = (
            self.invocation.lease_expires_at.ToDatetime(tzinfo=timezone.utc) if self.invocation.HasField("lease_expires_at") else datetime.now(timezone.utc)
        )
        self._headers = {CAPABILITY_HEADER: self.invocation.capability_token}
        #: The delivery this context acts as, sent on every call (CONTRACT §3: one delivery, and only
        #: one, may act for an attempt): the platform runner's when the payload names one, else its own.
        self.delivery_id = self.invocation.delivery_id or str(uuid.uuid4())
        #: Why the attempt must stop (TaskCanceled, StaleAttempt, ...), once the context knows.
        self.stop_reason: TaskError | None = None
        self._finished = False

    def __repr__(self) -> str:  # never print the capability token
        return f"{type(self).__name__}(task_id={self.task_id!r}, attempt={self.attempt})"

    @property
    def task_id(self) -> str:
        return self.invocation.task_id

    @property
    def attempt(self) -> int:
        return self.invocation.attempt

    @property
    def operator(self) -> str:
        return self.invocation.operator

    @property
    def config(self) -> dict[str, Any]:
        """The job's configuration; integers stay ``int`` at any size (read from config_json)."""
        return config_from(self.invocation.config_json, json_format.MessageToDict(self.invocation.config))

    @property
    def params(self) -> dict[str, Any]:
        """The task's own parameters (CreateTask ``params``), beside the job's config; {} when none."""
        return json_format.MessageToDict(self.invocation.params)

    @property
    def inputs(self) -> list[dict[str, Any]]:
        return [json_format.MessageToDict(e, preserving_proto_field_name=True) for e in self.invocation.inputs]

    @property
    def lease_expires_at(self) -> datetime:
        return self._lease_expires_at

    @property
    def query_url(self) -> str:
        """The Query Service: set it, or TRACE_QUERY_URL, else the Dispatcher URL (a router in front)."""
        return getattr(self, "_query_url", None) or os.environ.get("TRACE_QUERY_URL") or self.dispatcher_url

    @query_url.setter
    def query_url(self, url: str) -> None:
        self._query_url = url

    def _query_request(self, sql: str, dataset: str, limit: int | None) -> query_pb2.QueryRequest:
        return json_format.ParseDict(query_request(self.task_id, self.attempt, sql, dataset, limit), query_pb2.QueryRequest())

    def _fence(self) -> dict[str, Any]:
        return {
            "task_id": self.invocation.task_id,
            "attempt": self.invocation.attempt,
            "lease_token": self.invocation.lease_token,
            "delivery_id": self.delivery_id,
        }

    def _next_heartbeat_delay(self) -> float:
        if self._heartbeat_interval is not None:
            return max(MIN_HEARTBEAT_SECONDS, self._heartbeat_interval)
        quarter = (self._lease_expires_at - datetime.now(timezone.utc)).total_seconds() / 4
        return max(MIN_HEARTBEAT_SECONDS, quarter)

    def _on_heartbeat(self, reply: task_pb2.HeartbeatResponse) -> HeartbeatResult:
        if reply.HasField("lease_expires_at"):
            self._lease_expires_at = reply.lease_expires_at.ToDatetime(tzinfo=timezone.utc)
        if reply.cancel_requested and self.stop_reason is None:
            self.stop_reason = TaskCanceled()
        return HeartbeatResult(self._lease_expires_at, reply.cancel_requested)


class TaskContext(_Base):
    """Synchronous context; heartbeats run in a daemon thread. `canceled` is a threading.Event set
    when cancellation is requested or the lease is lost (`stop_reason` says which).

    Use as a context manager (`with TaskContext(payload) as ctx:`) to start and stop heartbeats."""

    def __init__(
        self,
        payload: dict[str, Any] | payload_pb2.TaskInvocation,
        *,
        dispatcher_url: str | None = None,
        heartbeat_interval: float | None = None,
    ) -> None:
        super().__init__(payload, dispatcher_url=dispatcher_url, heartbeat_interval=heartbeat_interval)
        self._client = TaskServiceClientSync(self.dispatcher_url, codec=CONTRACT_JSON, timeout_ms=RPC_TIMEOUT_MS)
        self.canceled = threading.Event()
        self._stop_heartbeats = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> TaskContext:
        self.start_heartbeats()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop_heartbeats()
        self._client.close()

    def start_heartbeats(self) -> None:
        if self._thread is not None or self._finished:
            return
        self._stop_heartbeats.clear()
        self._thread = threading.Thread(target=self._heartbeat_loop, name=f"heartbeat-{self.task_id}", daemon=True)
        self._thread.start()

    def stop_heartbeats(self) -> None:
        self._stop_heartbeats.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=RPC_TIMEOUT_MS / 1000)

    def _heartbeat_loop(self) -> None:
        while not self._stop_heartbeats.wait(self._next_heartbeat_delay()):
            try:
                self.heartbeat()
            except TaskError as error:
                if is_terminal_refusal(error):
                    return
                # A missed heartbeat is not fatal: the lease has slack and completion is fenced.
            if self.canceled.is_set():
                return

    def heartbeat(self) -> HeartbeatResult:
        """Renews the lease; sets `canceled` on a cancel request or a terminal refusal."""
        try:
            result = self._on_heartbeat(self._client.heartbeat(task_pb2.HeartbeatRequest(**self._fence()), headers=self._headers))
        except ConnectError as error:
            typed = to_task_error(error)
            if is_terminal_refusal(typed):
                self.stop_reason = self.stop_reason or typed
                self.canceled.set()
            raise typed from None
        if result.cancel_requested:
            self.canceled.set()
        return result

    def emit_events(self, events: list[dict[str, Any]]) -> int:
        reply = self._call(self._client.emit_events, task_pb2.EmitEventsRequest(**self._fence(), events=_events(events)))
        return reply.accepted

    def complete(self, result: dict[str, Any] | None = None) -> CompleteResult:
        """Completes the attempt with `{"events", "outputs", "datasets_published"}` (all optional)."""
        return self._finish(task_pb2.TASK_STATUS_COMPLETED, result or {}, "", False)

    def fail(self, message: str, *, retryable: bool = True, category: str = "") -> CompleteResult:
        """`category`: the failure's type as data (error_category), e.g. the exception's class name."""
        return self._finish(task_pb2.TASK_STATUS_FAILED, {}, message, retryable, category)

    def complete_canceled(self) -> CompleteResult:
        return self._finish(task_pb2.TASK_STATUS_CANCELED, {}, "", False)

    def credentials(self) -> dict[str, Any]:
        """Temporary AWS credentials scoped to the token's S3 prefixes, in boto3's keyword names
        (aws_access_key_id, aws_secret_access_key, aws_session_token) plus `expiration`."""
        return _credentials(self._call(self._client.get_credentials, task_pb2.GetCredentialsRequest(**self._fence())))

    def query(self, sql: str, *, dataset: str, limit: int | None = None) -> QueryResult:
        """One SELECT over the relation `dataset` (the granted version of `dataset`) on the Query
        Service with this attempt's token; rows are dicts (see trace_dispatcher_sdk.query)."""
        with QueryServiceClientSync(self.query_url, codec=CONTRACT_JSON, timeout_ms=RPC_TIMEOUT_MS) as client:
            reply = self._call(client.query, self._query_request(sql, dataset, limit))
        return query_result(_reply_dict(reply))

    def _finish(self, status: task_pb2.TaskStatus, result: dict[str, Any], message: str, retryable: bool, category: str = "") -> CompleteResult:
        self._finished = True
        self.stop_heartbeats()
        reply = self._call(self._client.complete, _complete_request(self._fence(), status, result, message, retryable, category))
        return CompleteResult(reply.accepted, reply.duplicate)

    def _call(self, method: Callable[..., Reply], request: Message) -> Reply:
        try:
            return method(request, headers=self._headers)
        except ConnectError as error:
            raise to_task_error(error) from None


class AsyncTaskContext(_Base):
    """asyncio context; heartbeats run in a background task. `canceled` is an asyncio.Event.

    Use as an async context manager (`async with AsyncTaskContext(payload) as ctx:`)."""

    def __init__(
        self,
        payload: dict[str, Any] | payload_pb2.TaskInvocation,
        *,
        dispatcher_url: str | None = None,
        heartbeat_interval: float | None = None,
    ) -> None:
        super().__init__(payload, dispatcher_url=dispatcher_url, heartbeat_interval=heartbeat_interval)
        self._client = TaskServiceClient(self.dispatcher_url, codec=CONTRACT_JSON, timeout_ms=RPC_TIMEOUT_MS)
        self.canceled = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> AsyncTaskContext:
        self.start_heartbeats()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop_heartbeats()
        await self._client.close()

    def start_heartbeats(self) -> None:
        if self._task is None and not self._finished:
            self._task = asyncio.get_running_loop().create_task(self._heartbeat_loop(), name=f"heartbeat-{self.task_id}")

    async def stop_heartbeats(self) -> None:
        task, self._task = self._task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass

    async def _heartbeat_loop(self) -> None:
        while True:
            await asyncio.sleep(self._next_heartbeat_delay())
            try:
                await self.heartbeat()
            except TaskError as error:
                if is_terminal_refusal(error):
                    return
            if self.canceled.is_set():
                return

    async def heartbeat(self) -> HeartbeatResult:
        try:
            result = self._on_heartbeat(await self._client.heartbeat(task_pb2.HeartbeatRequest(**self._fence()), headers=self._headers))
        except ConnectError as error:
            typed = to_task_error(error)
            if is_terminal_refusal(typed):
                self.stop_reason = self.stop_reason or typed
                self.canceled.set()
            raise typed from None
        if result.cancel_requested:
            self.canceled.set()
        return result

    async def emit_events(self, events: list[dict[str, Any]]) -> int:
        reply = await self._call(self._client.emit_events, task_pb2.EmitEventsRequest(**self._fence(), events=_events(events)))
        return reply.accepted

    async def complete(self, result: dict[str, Any] | None = None) -> CompleteResult:
        return await self._finish(task_pb2.TASK_STATUS_COMPLETED, result or {}, "", False)

    async def fail(self, message: str, *, retryable: bool = True, category: str = "") -> CompleteResult:
        return await self._finish(task_pb2.TASK_STATUS_FAILED, {}, message, retryable, category)

    async def complete_canceled(self) -> CompleteResult:
        return await self._finish(task_pb2.TASK_STATUS_CANCELED, {}, "", False)

    async def credentials(self) -> dict[str, Any]:
        return _credentials(await self._call(self._client.get_credentials, task_pb2.GetCredentialsRequest(**self._fence())))

    async def query(self, sql: str, *, dataset: str, limit: int | None = None) -> QueryResult:
        """The coroutine form of TaskContext.query."""
        async with QueryServiceClient(self.query_url, codec=CONTRACT_JSON, timeout_ms=RPC_TIMEOUT_MS) as client:
            reply = await self._call(client.query, self._query_request(sql, dataset, limit))
        return query_result(_reply_dict(reply))

    async def _finish(self, status: task_pb2.TaskStatus, result: dict[str, Any], message: str, retryable: bool, category: str = "") -> CompleteResult:
        self._finished = True
        await self.stop_heartbeats()
        reply = await self._call(self._client.complete, _complete_request(self._fence(), status, result, message, retryable, category))
        return CompleteResult(reply.accepted, reply.duplicate)

    async def _call(self, method: Callable[..., Awaitable[Reply]], request: Message) -> Reply:
        try:
            return await method(request, headers=self._headers)
        except ConnectError as error:
            raise to_task_error(error) from None


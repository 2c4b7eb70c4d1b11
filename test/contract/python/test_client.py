"""The generated Python Connect clients (gen/python, official connectrpc with protobuf=google) against
a minimal HTTP peer on loopback that records what it receives and answers with canned Connect
replies: the contract path, headers, both codecs (and the SDK's contract JSON codec), and the
Connect error model with the contract's ErrorDetail reason."""

from __future__ import annotations

import base64
import gzip
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from connectrpc.code import Code
from connectrpc.compat import google_protobuf_json_codec
from connectrpc.errors import ConnectError
from trace_dispatcher_sdk._codec import CONTRACT_JSON
from trace_dispatcher_sdk.context import to_task_error
from trace_dispatcher_sdk.errors import StaleAttempt

from trace_dispatcher_proto.trace.dispatcher.v1 import errors_pb2, payload_pb2, task_pb2, worker_pb2
from trace_dispatcher_proto.trace.dispatcher.v1.task_connect import TaskServiceClientSync
from trace_dispatcher_proto.trace.dispatcher.v1.worker_connect import WorkerServiceClientSync

FENCE = {"task_id": "3f1c6a52-7d0e-4c1b-9a4e-2b8f0d6c9e11", "attempt": 2, "lease_token": "b7e2d9c4-1a3f-4e5d-8c6b-0f9a2e4d7c13"}


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes


@dataclass
class Peer:
    url: str
    replies: list[Reply] = field(default_factory=list)
    seen: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
def peer() -> Iterator[Peer]:
    state = Peer(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            if self.headers.get("content-encoding") == "gzip":
                body = gzip.decompress(body)
            state.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            reply = state.replies.pop(0)
            self.send_response(reply.status)
            self.send_header("content-type", reply.content_type)
            self.send_header("content-length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def test_json_heartbeat_posts_to_the_connect_path_with_headers(peer: Peer) -> None:
    reply = {"leaseExpiresAt": "2025-12-31T12:02:00.123Z", "cancelRequested": True}
    peer.replies.append(Reply(200, "application/json", json.dumps(reply).encode()))
    client = TaskServiceClientSync(peer.url, codec=google_protobuf_json_codec())

    response = client.heartbeat(task_pb2.HeartbeatRequest(**FENCE), headers={"X-Trace-Task-Capability": "jwt-value"})

    assert response.cancel_requested is True
    assert response.lease_expires_at.ToJsonString() == "2025-12-31T12:02:00.123Z"
    path, headers, body = peer.seen[0]
    assert path == "/trace.dispatcher.v1.TaskService/Heartbeat"
    assert headers["content-type"] == "application/json"
    assert headers["connect-protocol-version"] == "1"
    assert headers["x-trace-task-capability"] == "jwt-value"
    assert json.loads(body) == {"taskId": FENCE["task_id"], "attempt": 2, "leaseToken": FENCE["lease_token"]}


def test_the_sdk_codec_sends_proto_field_names_and_ignores_unknown_reply_fields(peer: Peer) -> None:
    # What the SDK sends: the contract's snake_case JSON, int64 as strings; a newer Dispatcher's
    # extra reply field is ignored rather than failing the call.
    reply = {"lease_expires_at": "2025-12-31T12:02:00Z", "cancel_requested": False, "added_later": {"x": 1}}
    peer.replies.append(Reply(200, "application/json", json.dumps(reply).encode()))
    client = TaskServiceClientSync(peer.url, codec=CONTRACT_JSON)

    response = client.heartbeat(task_pb2.HeartbeatRequest(**FENCE))

    assert response.lease_expires_at.ToJsonString() == "2025-12-31T12:02:00Z"
    _, headers, body = peer.seen[0]
    assert headers["content-type"] == "application/json"
    assert json.loads(body) == FENCE

    event = {"dataset_uuid": "d", "dataset_version": "v", "cursor": "9007199254740993"}
    peer.replies.append(Reply(200, "application/json", b'{"accepted": 1}'))
    client.emit_events(task_pb2.EmitEventsRequest(**FENCE, events=[payload_pb2.DatasetEvent(**{**event, "cursor": 2**53 + 1})]))
    assert json.loads(peer.seen[1][2])["events"] == [event]


def test_binary_claim_uses_the_proto_codec(peer: Peer) -> None:
    claimed = worker_pb2.ClaimTaskResponse(claimed=True, attempt=1, lease_token="lease")
    peer.replies.append(Reply(200, "application/proto", claimed.SerializeToString()))
    client = WorkerServiceClientSync(peer.url)

    response = client.claim_task(worker_pb2.ClaimTaskRequest(task_id="t", worker_id="w"), headers={"X-Trace-Worker-Token": "wt"})

    assert response == claimed
    path, headers, body = peer.seen[0]
    assert path == "/trace.dispatcher.v1.WorkerService/ClaimTask"
    assert headers["content-type"] == "application/proto"
    assert worker_pb2.ClaimTaskRequest.FromString(body) == worker_pb2.ClaimTaskRequest(task_id="t", worker_id="w")


def test_connect_errors_carry_the_error_detail_reason(peer: Peer) -> None:
    detail = errors_pb2.ErrorDetail(reason="stale_attempt").SerializeToString()
    error_body = {
        "code": "failed_precondition",
        "message": "attempt 2 is not the current attempt",
        "details": [{"type": "trace.dispatcher.v1.ErrorDetail", "value": base64.b64encode(detail).decode().rstrip("=")}],
    }
    peer.replies.append(Reply(400, "application/json", json.dumps(error_body).encode()))
    client = TaskServiceClientSync(peer.url, codec=CONTRACT_JSON)

    with pytest.raises(ConnectError) as caught:
        client.complete(task_pb2.CompleteRequest(**FENCE, status=task_pb2.TASK_STATUS_COMPLETED))

    assert caught.value.code == Code.FAILED_PRECONDITION
    assert caught.value.message == "attempt 2 is not the current attempt"
    details = caught.value.details
    assert [d.type_name for d in details] == ["trace.dispatcher.v1.ErrorDetail"]
    assert errors_pb2.ErrorDetail.FromString(details[0].message_bytes).reason == "stale_attempt"
    # ... and the SDK turns it into its typed error.
    typed = to_task_error(caught.value)
    assert isinstance(typed, StaleAttempt)
    assert (typed.code, typed.reason) == ("failed_precondition", "stale_attempt")

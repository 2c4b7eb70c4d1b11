"""The operator the install test runs in a fresh venv that holds only the built wheels (and their
pinned dependencies from PyPI): `python -I installed_operator.py` with a claimed invocation payload
on stdin, TRACE_DISPATCHER_URL set, in a directory where the repository's sources are not
importable. It runs through `lambda_handler`, as on AWS Lambda, and prints one JSON line: the
outcome, what the operator saw, and where the SDK and the generated package were imported from.

params (CreateTask) choose what it does: {"credentials": true} asks for S3 credentials;
{"wait_for_cancel": true} prints "started" and waits for the cancellation the test requests."""

import json
import sys

import trace_dispatcher_proto
import trace_dispatcher_sdk
from trace_dispatcher_proto.trace.dispatcher.v1 import payload_pb2
from trace_dispatcher_sdk import TaskCanceled, TaskContext, lambda_handler

# Type-checked with mypy --strict against the venv (test_installed_sdk.py): both wheels are typed.
seen: dict[str, object] = {}


def operator(ctx: TaskContext) -> dict[str, object]:
    invocation: payload_pb2.TaskInvocation = ctx.invocation
    seen["attempt"] = invocation.attempt
    beat = ctx.heartbeat()
    seen["heartbeat_cancel_requested"] = beat.cancel_requested
    dataset = {"dataset_uuid": ctx.config["dataset_uuid"], "dataset_version": ctx.config["dataset_version"]}
    seen["accepted"] = ctx.emit_events([{**dataset, "cursor": "1"}])
    if ctx.params.get("credentials"):
        creds = ctx.credentials()
        seen["credentials"] = sorted(k for k, v in creds.items() if v)
    if ctx.params.get("wait_for_cancel"):
        print("started", flush=True)
        if not ctx.canceled.wait(timeout=30):
            raise RuntimeError("cancellation never arrived")
        raise TaskCanceled()
    return {"events": [{**dataset, "cursor": "2"}], "outputs": [{"name": "installed", "value": True}]}


if __name__ == "__main__":
    outcome = lambda_handler(operator)(json.load(sys.stdin), None)["outcome"]
    print(json.dumps({
        "outcome": outcome,
        "seen": seen,
        "sdk_file": trace_dispatcher_sdk.__file__,
        "proto_file": trace_dispatcher_proto.__file__,
        "python": "%d.%d" % sys.version_info[:2],
    }), flush=True)

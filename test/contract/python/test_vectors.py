"""Shared contract vectors (test/vectors) against the generated Python package (gen/python).

Every vector decodes, re-encodes to its canonical JSON (proto field names) and survives a binary
round trip; every malformed vector is rejected. Same rules as test/contract/vectors.test.ts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import descriptor_pool, json_format, message_factory
from google.protobuf.message import Message

# Importing the modules registers every contract message in the default descriptor pool.
from trace_dispatcher_proto.trace.dispatcher.v1 import (  # noqa: F401
    admin_pb2,
    errors_pb2,
    payload_pb2,
    task_connect,
    task_pb2,
    worker_connect,
    worker_pb2,
)

VECTORS = Path(__file__).resolve().parents[2] / "vectors"
MALFORMED = VECTORS / "malformed"

_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def load(directory: Path) -> list[tuple[str, dict[str, Any]]]:
    return [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(directory.glob("*.json"))]


def new_message(full_name: str) -> Message:
    descriptor = descriptor_pool.Default().FindMessageTypeByName(full_name)
    return message_factory.GetMessageClass(descriptor)()


def decode(full_name: str, value: Any, *, strict: bool = False) -> Message:
    # Parse (not ParseDict) so that non-object documents go through the same checks as wire bytes.
    message = new_message(full_name)
    json_format.Parse(json.dumps(value), message, ignore_unknown_fields=not strict)
    return message


def encode(message: Message) -> Any:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def _numeric_equal(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    num, text = (a, str(b)) if not isinstance(a, str) else (b, a)
    if isinstance(num, bool) or not isinstance(num, (int, float)):
        return False
    if float(num).is_integer() and _INTEGER.match(text):
        return int(text) == int(num)
    return bool(_NUMBER.match(text)) and float(text) == float(num)


def semantic_diff(actual: Any, expected: Any, path: str = "$") -> list[str]:
    """Deep JSON equality; numbers compare numerically, integers may be numbers or strings."""
    is_num = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)  # noqa: E731
    if is_num(actual) or is_num(expected):
        ok = isinstance(actual, (int, float, str)) and isinstance(expected, (int, float, str))
        ok = ok and not isinstance(actual, bool) and not isinstance(expected, bool)
        return [] if ok and _numeric_equal(actual, expected) else [f"{path}: {actual!r} != {expected!r}"]
    if isinstance(actual, list) or isinstance(expected, list):
        if not (isinstance(actual, list) and isinstance(expected, list)):
            return [f"{path}: {actual!r} != {expected!r}"]
        if len(actual) != len(expected):
            return [f"{path}: length {len(actual)} != {len(expected)}"]
        return [d for i, (a, e) in enumerate(zip(actual, expected)) for d in semantic_diff(a, e, f"{path}[{i}]")]
    if isinstance(actual, dict) and isinstance(expected, dict):
        diffs: list[str] = []
        for key in sorted(set(actual) | set(expected)):
            if key not in actual:
                diffs.append(f"{path}.{key}: missing")
            elif key not in expected:
                diffs.append(f"{path}.{key}: unexpected {actual[key]!r}")
            else:
                diffs.extend(semantic_diff(actual[key], expected[key], f"{path}.{key}"))
        return diffs
    return [] if actual == expected and type(actual) is type(expected) else [f"{path}: {actual!r} != {expected!r}"]


VALID = load(VECTORS)
INVALID = load(MALFORMED)


def test_vector_sets_are_not_empty() -> None:
    assert len(VALID) > 20
    assert len(INVALID) > 20


@pytest.mark.parametrize(("name", "vector"), VALID, ids=[n for n, _ in VALID])
def test_vector_round_trips_to_canonical(name: str, vector: dict[str, Any]) -> None:
    message = decode(vector["message"], vector["json"])
    assert semantic_diff(encode(message), vector["canonical"]) == []
    # The canonical form is a fixed point, also through the binary encoding.
    canonical = decode(vector["message"], vector["canonical"])
    via_binary = new_message(vector["message"])
    via_binary.ParseFromString(canonical.SerializeToString())
    assert semantic_diff(encode(via_binary), vector["canonical"]) == []


@pytest.mark.parametrize(("name", "vector"), INVALID, ids=[n for n, _ in INVALID])
def test_malformed_vector_is_rejected(name: str, vector: dict[str, Any]) -> None:
    with pytest.raises(json_format.ParseError):
        decode(vector["message"], vector["json"], strict=bool(vector.get("strict")))


def test_semantic_diff_rules() -> None:
    assert semantic_diff({"a": "12345", "b": 1}, {"a": 12345, "b": 1.0}) == []
    assert semantic_diff({"a": "18446744073709551615"}, {"a": "18446744073709551614"}) != []
    assert semantic_diff({"a": True}, {"a": "true"}) != []
    assert semantic_diff({"a": True}, {"a": 1}) != []
    assert semantic_diff({"a": None}, {}) != []
    assert semantic_diff([1, 2], [1]) != []


def test_connect_clients_are_generated_for_both_services() -> None:
    # Sync and async clients exist with one method per RPC (snake_case).
    for client in (task_connect.TaskServiceClient, task_connect.TaskServiceClientSync):
        for method in ("heartbeat", "complete", "emit_events", "publish_buffer", "get_credentials"):
            assert callable(getattr(client, method))
    for client in (worker_connect.WorkerServiceClient, worker_connect.WorkerServiceClientSync):
        for method in ("claim_task", "fetch_task"):
            assert callable(getattr(client, method))

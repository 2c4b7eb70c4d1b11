"""The Python SDK's config on the shared vector test/vectors/invocation_config_json_integers.json
(issue 11 §5): integers arrive as ints, exact beyond 2^53, in both the Lambda-mode TaskContext and
the bundle-mode BundleContext; without config_json (an older Dispatcher) integral doubles become ints."""

from __future__ import annotations

import json
from pathlib import Path

from trace_dispatcher_sdk import TaskContext
from trace_dispatcher_sdk.bundle import BundleContext

VECTOR = json.loads((Path(__file__).resolve().parents[2] / "vectors" / "invocation_config_json_integers.json").read_text())
EXPECTED = {
    "n": 100,
    "big": 9007199254740993,
    "neg": -9007199254740993,
    "u64_max": 18446744073709551615,
    "ratio": 1.5,
    "nested": {"ids": [12345678901234567890, 7]},
}


def test_task_context_reads_exact_integers() -> None:
    config = TaskContext(VECTOR["json"], dispatcher_url="http://unused.invalid").config
    assert config == EXPECTED
    assert isinstance(config["n"], int)


def test_bundle_context_reads_exact_integers() -> None:
    assert BundleContext(VECTOR["json"], dispatcher_url="http://unused.invalid").config == EXPECTED


def test_without_config_json_integral_doubles_become_ints() -> None:
    older = {k: v for k, v in VECTOR["json"].items() if k != "config_json"}
    config = TaskContext(older, dispatcher_url="http://unused.invalid").config
    assert config == {"n": 100, "ratio": 1.5}
    assert isinstance(config["n"], int)

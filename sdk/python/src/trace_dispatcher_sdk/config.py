"""The job's configuration as an operator sees it (issue 11 §5). The payload carries it twice:
``config``, a protobuf Struct (every number a double: ``100`` arrives as ``100.0``), and
``config_json``, the JSON text as registered. Reading config_json keeps integers ``int`` at any
size. Standard library only: bundles vendor this module."""

from __future__ import annotations

import json
from typing import Any


def _integral(value: Any) -> Any:
    """A Struct's doubles back to ints where they are integral (older Dispatchers: no config_json)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _integral(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_integral(item) for item in value]
    return value


def config_from(config_json: str, struct: dict[str, Any]) -> dict[str, Any]:
    """The job's configuration: `config_json` (the registered JSON text; Python ints are exact at
    any size) when the Dispatcher sent it, else the Struct with integral doubles made ints."""
    if config_json:
        value: object = json.loads(config_json)
        if isinstance(value, dict):
            return value
    integral: dict[str, Any] = _integral(struct)
    return integral

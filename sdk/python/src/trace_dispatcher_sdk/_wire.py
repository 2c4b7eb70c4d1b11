"""A minimal Connect (HTTP/JSON, unary) client for the task endpoints on the standard library
only, used by the bundle mode so that a bundle needs no protobuf runtime. Requests and replies are
proto3 JSON with proto field names; errors become the typed errors in `errors`."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from typing import Any

from .errors import TaskError, task_error

CAPABILITY_HEADER = "X-Trace-Task-Capability"
SERVICE = "/trace.dispatcher.v1.TaskService/"
DEFAULT_TIMEOUT_SECONDS = 30.0


def _reason_from_details(details: Any) -> str:
    """The ErrorDetail reason: decoded from the binary value (field 1, a string), else `debug`."""
    for detail in details if isinstance(details, list) else []:
        if not isinstance(detail, dict) or detail.get("type") != "trace.dispatcher.v1.ErrorDetail":
            continue
        value = detail.get("value")
        if isinstance(value, str):
            try:
                raw = base64.b64decode(value + "=" * (-len(value) % 4))
                if raw[:1] == b"\x0a":
                    length, pos, shift = 0, 1, 0
                    while pos < len(raw):
                        byte = raw[pos]
                        length |= (byte & 0x7F) << shift
                        pos += 1
                        shift += 7
                        if not byte & 0x80:
                            break
                    return raw[pos : pos + length].decode("utf-8")
            except (ValueError, UnicodeDecodeError):
                pass
        debug = detail.get("debug")
        reason = debug.get("reason") if isinstance(debug, dict) else None
        if isinstance(reason, str):
            return reason
    return ""


class WireClient:
    """Calls `/trace.dispatcher.v1.TaskService/<Method>` with the capability token."""

    def __init__(self, base_url: str, capability_token: str, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        self._base_url = base_url.rstrip("/")
        self._token = capability_token
        self._timeout = timeout

    def __repr__(self) -> str:  # never print the token
        return f"WireClient({self._base_url!r})"

    def call(self, method: str, body: dict[str, Any], service: str = SERVICE) -> dict[str, Any]:
        request = urllib.request.Request(
            self._base_url + service + method,
            data=json.dumps(body).encode("utf-8"),
            method="POST",
            headers={"Content-Type": "application/json", "Connect-Protocol-Version": "1", CAPABILITY_HEADER: self._token},
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310 - our own Dispatcher URL
                reply: dict[str, Any] = json.loads(response.read() or b"{}")
                return reply
        except urllib.error.HTTPError as error:
            payload = error.read()
            try:
                parsed = json.loads(payload)
            except ValueError:
                parsed = {}
            if not isinstance(parsed, dict):
                parsed = {}
            sent_code = parsed.get("code")
            code = sent_code if isinstance(sent_code, str) else _code_for_status(error.code)
            raise task_error(code, _reason_from_details(parsed.get("details")), str(parsed.get("message") or f"HTTP {error.code}")) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise TaskError(f"dispatcher unreachable: {error}", "unavailable") from None


def _code_for_status(status: int) -> str:
    return {400: "internal", 401: "unauthenticated", 403: "permission_denied", 404: "unimplemented"}.get(
        status, "unavailable" if status in (429, 502, 503, 504) else "unknown"
    )


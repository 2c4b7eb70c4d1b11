"""What an operator's exception becomes on the wire (issue 11 §1): its type as the category (data,
never parsed from text), its message bounded and scrubbed of anything secret-shaped, and whether
a retry may help, decided by the exception's type (``NonRetryableError`` ends the task).
Standard library only: bundles vendor this module."""

from __future__ import annotations

import re
from typing import Any

from .errors import NonRetryableError

#: Characters of the message kept; the wire's error_message is 1024 characters in all.
MAX_FAILURE_MESSAGE_CHARS = 900

_CATEGORY = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
_REDACTED = "[redacted]"
_SECRET_NAME = r"[A-Za-z0-9_.-]*(?:secret|passw(?:or)?d|pwd|token|session|credential|api[-_]?key|access[-_]?key|private[-_]?key|signature)[A-Za-z0-9_.-]*"
_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)"), _REDACTED),
    (re.compile(r"(https?://[^\s?#\"'<>]+)\?[^\s\"'<>]*(?:X-Amz-|Signature=|sig=)[^\s\"'<>]*", re.I), r"\1?" + _REDACTED),
    (re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), _REDACTED),
    (re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b"), _REDACTED),
    (re.compile(r"(" + _SECRET_NAME + r"[\"']?\s*[:=]\s*[\"']?)[^\s\"',;&}]+", re.I), r"\1" + _REDACTED),
)


def scrub(text: str, known_secrets: tuple[str, ...] | list[str] = ()) -> str:
    """`text` without known secret values (6+ characters) and secret shapes."""
    for secret in known_secrets:
        if len(secret) >= 6:
            text = text.replace(secret, _REDACTED)
    for pattern, replacement in _SHAPES:
        text = pattern.sub(replacement, text)
    return text


def failure_report(error: BaseException, known_secrets: tuple[str, ...] | list[str] = ()) -> dict[str, Any]:
    """``{"category", "message", "retryable"}`` for an exception an operator raised."""
    name = type(error).__name__
    message = scrub(str(error), known_secrets)
    if len(message) > MAX_FAILURE_MESSAGE_CHARS:
        message = message[: MAX_FAILURE_MESSAGE_CHARS - 1] + "…"
    return {
        "category": name if _CATEGORY.match(name) else "Exception",
        "message": message,
        "retryable": not isinstance(error, NonRetryableError),
    }

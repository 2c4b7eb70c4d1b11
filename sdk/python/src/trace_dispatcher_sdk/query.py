"""Query results from the Query Service (``POST /v1/task/query``) as Python rows.

Standard library only, shared by ``TaskContext.query`` / ``AsyncTaskContext.query`` (generated
client) and ``BundleContext.query`` (stdlib wire client). Rows are dicts keyed by column name;
64-bit and wider integer columns (strings on the wire) become ``int``, DECIMAL columns
``decimal.Decimal``; everything else is the JSON value the service sent (dates and timestamps
as strings, NULL as ``None``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

QUERY_SERVICE = "/trace.dispatcher.v1.QueryService/"
_INT_TYPES = frozenset({"BIGINT", "UBIGINT", "HUGEINT", "UHUGEINT"})


@dataclass(frozen=True)
class QueryColumn:
    name: str
    type: str


@dataclass(frozen=True)
class QueryResult:
    columns: list[QueryColumn]
    rows: list[dict[str, Any]]
    #: True when rows were cut by the limit or the response byte cap.
    truncated: bool
    row_count: int
    byte_count: int
    dataset_version: str = field(default="")


def _typed(column_type: str, value: Any) -> Any:
    if isinstance(value, str):
        if column_type in _INT_TYPES:
            return int(value)
        if column_type.startswith("DECIMAL"):
            return Decimal(value)
    return value


def query_request(task_id: str, attempt: int, sql: str, dataset: str, limit: int | None) -> dict[str, Any]:
    return {"task_id": task_id, "attempt": attempt, "dataset": dataset, "sql": sql, "limit": int(limit or 0)}


def query_result(reply: dict[str, Any]) -> QueryResult:
    """Builds the result from the reply in proto3 JSON (proto field names)."""
    columns = [QueryColumn(str(c.get("name", "")), str(c.get("type", ""))) for c in reply.get("columns") or []]
    rows = [{col.name: _typed(col.type, value) for col, value in zip(columns, row or [])} for row in reply.get("rows") or []]
    return QueryResult(
        columns=columns,
        rows=rows,
        truncated=bool(reply.get("truncated", False)),
        row_count=int(reply.get("row_count", len(rows))),
        byte_count=int(reply.get("byte_count", 0)),
        dataset_version=str(reply.get("dataset_version", "")),
    )

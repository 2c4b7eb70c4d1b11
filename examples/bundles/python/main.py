"""Sample operator (runtime: python).

Reads the TaskInvocation JSON on stdin and prints one result object on stdout: a cursor event
for config.dataset_uuid / config.dataset_version at config.cursor, or one past the highest input
cursor (1 when there is none). With config.query_dataset, it first reads that dataset through the
Query Service (POST /v1/task/query at TRACE_QUERY_URL, which the runner sets) with the task's
capability token, and reports what it read as outputs. Standard library only.
"""
import json
import os
import sys
import urllib.error
import urllib.request


def query(invocation: dict, dataset: str, sql: str) -> dict:
    """One SELECT over the relation `dataset`; the token in the payload is the only credential."""
    url = os.environ.get("TRACE_QUERY_URL") or os.environ["TRACE_DISPATCHER_URL"]
    body = {"task_id": invocation["task_id"], "attempt": invocation["attempt"], "dataset": dataset, "sql": sql, "limit": 100}
    request = urllib.request.Request(
        url.rstrip("/") + "/v1/task/query",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "X-Trace-Task-Capability": invocation["capability_token"]},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        raise SystemExit(f"query refused: HTTP {error.code} {error.read()[:300]!r}") from None


def main() -> int:
    invocation = json.load(sys.stdin)
    config = invocation.get("config") or {}
    dataset_uuid = config.get("dataset_uuid")
    dataset_version = config.get("dataset_version")
    if not isinstance(dataset_uuid, str) or not isinstance(dataset_version, str):
        print("config needs dataset_uuid and dataset_version", file=sys.stderr)
        return 2
    cursors = [int(event["cursor"]) for event in invocation.get("inputs") or [] if "cursor" in event]
    cursor = int(config["cursor"]) if "cursor" in config else max(cursors, default=0) + 1
    read = []
    if isinstance(config.get("query_dataset"), str):
        reply = query(invocation, config["query_dataset"], "SELECT sensor, count(*) AS n, round(avg(reading), 2) AS mean FROM dataset GROUP BY sensor ORDER BY sensor")
        names = [column["name"] for column in reply["columns"]]
        rows = [dict(zip(names, row)) for row in reply["rows"]]
        read = [
            {"name": "rows_read", "value": sum(int(row["n"]) for row in rows)},
            {"name": "by_sensor", "value": rows},
        ]
    json.dump(
        {
            "events": [{"dataset_uuid": dataset_uuid, "dataset_version": dataset_version, "cursor": str(cursor)}],
            "outputs": [
                {"name": "runtime", "value": "python"},
                {"name": "operator", "value": invocation.get("operator", "")},
                *read,
            ],
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

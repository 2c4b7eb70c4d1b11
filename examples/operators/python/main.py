"""Example operator (Python): emits one cursor event for the dataset named in its config, at
config.cursor or one past the highest input cursor.

Bundle entrypoint (``python3 main.py`` under the platform runner; the bundle carries the SDK's
standard-library modules, so no protobuf is needed) and Lambda handler (``main.handler``; the
function then ships ``trace-dispatcher-sdk`` with its dependencies)."""

import sys

from trace_dispatcher_sdk.bundle import run_bundle
from trace_dispatcher_sdk.errors import NonRetryableError


def operator(ctx):
    config = ctx.config
    dataset, version = config.get("dataset_uuid"), config.get("dataset_version")
    if not isinstance(dataset, str) or not isinstance(version, str):
        raise NonRetryableError("config needs dataset_uuid and dataset_version")
    cursors = [int(event["cursor"]) for event in ctx.inputs if "cursor" in event]
    cursor = int(config["cursor"]) if "cursor" in config else max(cursors, default=0) + 1
    return {
        "events": [{"dataset_uuid": dataset, "dataset_version": version, "cursor": str(cursor)}],
        "outputs": [{"name": "runtime", "value": "python"}, {"name": "operator", "value": ctx.operator}],
    }


def handler(event, context=None):
    from trace_dispatcher_sdk import lambda_handler  # Lambda mode: the SDK heartbeats and completes

    return lambda_handler(operator)(event, context)


if __name__ == "__main__":
    sys.exit(run_bundle(operator))

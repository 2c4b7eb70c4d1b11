"""Sample operator (runtime: python).

Reads the TaskInvocation JSON on stdin and prints one result object on stdout: a cursor event
for config.dataset_uuid / config.dataset_version at config.cursor, or one past the highest input
cursor (1 when there is none).
"""
import json
import sys


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
    json.dump(
        {
            "events": [{"dataset_uuid": dataset_uuid, "dataset_version": dataset_version, "cursor": str(cursor)}],
            "outputs": [
                {"name": "runtime", "value": "python"},
                {"name": "operator", "value": invocation.get("operator", "")},
            ],
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

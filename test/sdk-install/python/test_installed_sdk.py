"""The SDK as a user gets it: a fresh venv holding only the built wheels (and their pinned
dependencies from PyPI) runs an operator, from a directory where the repository's sources are not
importable, against a live Dispatcher: heartbeat, events, complete, credentials, cancel and a stale
attempt (installed_operator.py), and the README's operator in both of its modes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT, Dispatcher, Installed

HERE = Path(__file__).resolve().parent


def clean_env(dispatcher: Dispatcher) -> dict[str, str]:
    """No PYTHONPATH or virtualenv leaking in from the test runner."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "VIRTUAL_ENV"}
    return {**env, "TRACE_DISPATCHER_URL": dispatcher.url}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An operator author's directory outside the repository, holding only the operator."""
    shutil.copy(HERE / "installed_operator.py", tmp_path / "installed_operator.py")
    return tmp_path


def start_operator(installed: Installed, project: Path, dispatcher: Dispatcher, payload: dict[str, Any]) -> subprocess.Popen[str]:
    # -I: isolated mode; neither the script's directory, the cwd, PYTHONPATH nor user site-packages
    # are on sys.path, so everything it imports comes from the venv.
    payload_file = project / f"payload-{payload['task_id']}-{payload['attempt']}.json"
    payload_file.write_text(json.dumps(payload))
    with payload_file.open() as stdin:
        return subprocess.Popen(
            [str(installed.python), "-I", str(project / "installed_operator.py")],
            cwd=project,
            env=clean_env(dispatcher),
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


def finish(process: subprocess.Popen[str]) -> dict[str, Any]:
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def assert_from_the_venv(report: dict[str, Any], installed: Installed) -> None:
    for key in ("sdk_file", "proto_file"):
        path = Path(report[key]).resolve()
        assert path.is_relative_to(installed.venv.resolve()), f"{key} imported from {path}, not the venv"
        assert not path.is_relative_to(REPO_ROOT)


def test_heartbeat_events_credentials_and_complete(installed: Installed, each_venv: Path, project: Path, dispatcher: Dispatcher) -> None:
    # On every Python of the supported range this machine has (each_venv is named venv-X.Y).
    on = Installed(installed.dist, each_venv)
    task_id = dispatcher.new_task(params={"credentials": dispatcher.credentials})
    report = finish(start_operator(on, project, dispatcher, dispatcher.claim(task_id)))

    assert report["outcome"] == "completed"
    assert f"venv-{report['python']}" == each_venv.name
    assert_from_the_venv(report, on)
    seen = report["seen"]
    assert seen["heartbeat_cancel_requested"] is False and seen["accepted"] == 1
    if dispatcher.credentials:
        assert seen["credentials"] == ["aws_access_key_id", "aws_secret_access_key", "aws_session_token", "expiration"]
    detail = dispatcher.admin("/trace.dispatcher.v1.AdminService/GetTask", {"task_id": task_id})
    assert detail["task"]["state"] == "TASK_STATE_COMPLETED"
    assert sorted(e["event"]["cursor"] for e in detail["events"]) == ["1", "2"]
    assert [(o["name"], o["value"]) for o in detail["outputs"]] == [("installed", True)]


def test_cancel_reaches_the_operator_and_completes_canceled(installed: Installed, project: Path, dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task(params={"wait_for_cancel": True})
    process = start_operator(installed, project, dispatcher, dispatcher.claim(task_id))
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "started"
    dispatcher.cancel(task_id)

    assert finish(process)["outcome"] == "canceled"
    assert dispatcher.task(task_id)["state"] == "TASK_STATE_CANCELED"


def test_a_stale_attempt_is_abandoned_before_the_operator_runs(installed: Installed, project: Path, dispatcher: Dispatcher) -> None:
    task_id = dispatcher.new_task()
    first = dispatcher.claim(task_id)
    fence = {k: first[k] for k in ("task_id", "attempt", "lease_token")}
    dispatcher._post(
        "/v1/task/complete",
        {**fence, "status": "TASK_STATUS_FAILED", "error_message": "transient", "retryable": True},
        {"X-Trace-Task-Capability": first["capability_token"]},
    )
    second = dispatcher.claim(task_id, wait_seconds=30)
    assert second["attempt"] == 2

    stale = finish(start_operator(installed, project, dispatcher, first))
    assert (stale["outcome"], stale["seen"]) == ("abandoned", {})  # refused at the first heartbeat
    current = finish(start_operator(installed, project, dispatcher, second))
    assert current["outcome"] == "completed"
    detail = dispatcher.admin("/trace.dispatcher.v1.AdminService/GetTask", {"task_id": task_id})
    assert {e["attempt"] for e in detail["events"]} == {2}


def mypy(installed: Installed, project: Path, file: str) -> subprocess.CompletedProcess[str]:
    """mypy --strict resolving imports from the fresh venv only (PEP 561: typed packages)."""
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-executable", str(installed.python), file],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_installed_packages_are_typed(installed: Installed, project: Path) -> None:
    checked = mypy(installed, project, "installed_operator.py")
    assert checked.returncode == 0, checked.stdout
    # The types are real, not Any: a misuse of the SDK's and the generated package's types fails.
    (project / "wrong.py").write_text(
        "from trace_dispatcher_proto.trace.dispatcher.v1 import task_pb2\n"
        "from trace_dispatcher_sdk import TaskContext\n"
        "def f(ctx: TaskContext) -> str:\n"
        "    return ctx.heartbeat().cancel_requested\n"
        "task_pb2.HeartbeatRequest(attempt='two')\n"
    )
    wrong = mypy(installed, project, "wrong.py")
    assert wrong.returncode == 1
    assert 'Incompatible return value type (got "bool", expected "str")' in wrong.stdout
    assert 'Argument "attempt" to "HeartbeatRequest" has incompatible type "str"' in wrong.stdout


def readme_operator(project: Path) -> Path:
    """The first python block of sdk/python/README.md, as the author would save it: main.py."""
    readme = (REPO_ROOT / "sdk/python/README.md").read_text()
    block = re.search(r"```python\n(.*?)```", readme, re.S)
    assert block, "sdk/python/README.md has no python block"
    path = project / "main.py"
    path.write_text(block.group(1))
    return path


def test_the_readme_operator_as_a_lambda_handler(installed: Installed, project: Path, dispatcher: Dispatcher) -> None:
    readme_operator(project)
    task_id = dispatcher.new_task()
    # What the Lambda runtime does with handler "main.handler": import main from the task root.
    call = "import json, sys; sys.path.insert(0, '.'); import main; print(json.dumps(main.handler(json.load(sys.stdin), None)))"
    run = subprocess.run(
        [str(installed.python), "-I", "-c", call],
        cwd=project,
        env=clean_env(dispatcher),
        input=json.dumps(dispatcher.claim(task_id)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"outcome": "completed"}
    detail = dispatcher.admin("/trace.dispatcher.v1.AdminService/GetTask", {"task_id": task_id})
    assert detail["task"]["state"] == "TASK_STATE_COMPLETED"
    assert [e["event"]["cursor"] for e in detail["events"]] == ["1"]


def test_the_readme_bundle_runs_on_a_bare_python(installed: Installed, project: Path, dispatcher: Dispatcher) -> None:
    # The README's bundle recipe: main.py plus `pip install --no-deps --target build` of the SDK
    # wheel; the platform runner runs `python3 main.py` in it on an interpreter with no packages.
    build = project / "build"
    build.mkdir()
    shutil.copy(readme_operator(project), build / "main.py")
    (sdk_wheel,) = installed.dist.glob("trace_dispatcher_sdk-*.whl")
    subprocess.run(
        [str(installed.python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index", "--no-deps", "--target", str(build), str(sdk_wheel)],
        check=True,
    )
    bare = project / "bare"
    venv.create(bare, with_pip=False)  # no protobuf, no connectrpc: the standard library only
    payload = dispatcher.claim(dispatcher.new_task())
    run = subprocess.run(
        [str(bare / "bin/python"), "-s", "main.py"],
        cwd=build,
        env=clean_env(dispatcher),
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    config = payload["config"]
    assert json.loads(run.stdout)["events"] == [{"dataset_uuid": config["dataset_uuid"], "dataset_version": config["dataset_version"], "cursor": "1"}]
    dispatcher.cancel(payload["task_id"])  # the runner would complete it; here nobody does

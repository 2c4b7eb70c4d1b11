"""What scripts/ci/sdk-install-python.sh built: both wheels hold every module of their source tree
(generated *_pb2.py, .pyi stubs, *_connect.py, py.typed), carry the contract version and the
Python range we claim, the SDK depends on a proto range that contains this contract, and each
sdist builds a wheel with exactly the direct wheel's file list."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from conftest import REPO_ROOT, Installed
from packaging.requirements import Requirement

CONTRACT_VERSION = (REPO_ROOT / "proto/VERSION").read_text().strip()
PACKAGES = {
    # distribution name (wheel file prefix): its source tree in the repository
    "trace_dispatcher_proto": REPO_ROOT / "gen/python",
    "trace_dispatcher_sdk": REPO_ROOT / "sdk/python",
}


def wheel(installed: Installed, name: str) -> Path:
    (found,) = installed.dist.glob(f"{name}-*-py3-none-any.whl")
    return found


def metadata(path: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(path) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        message = Parser().parsestr(archive.read(name).decode())
    return {key: message.get_all(key) or [] for key in ("Name", "Version", "Requires-Python", "Requires-Dist")}


def source_modules(root: Path) -> set[str]:
    """Every file a package must ship, as wheel paths: modules, stubs and the py.typed marker."""
    src = root / "src"
    return {
        p.relative_to(src).as_posix()
        for p in src.rglob("*")
        if p.is_file() and (p.suffix in {".py", ".pyi"} or p.name == "py.typed") and "__pycache__" not in p.parts
    }


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_the_wheel_holds_every_module_stub_and_the_typed_marker(installed: Installed, name: str) -> None:
    expected = source_modules(PACKAGES[name])
    package = name
    assert f"{package}/py.typed" in expected
    with zipfile.ZipFile(wheel(installed, name)) as archive:
        shipped = {n for n in archive.namelist() if not n.split("/")[0].endswith(".dist-info")}
    assert shipped == expected


def test_the_generated_package_ships_messages_stubs_and_connect_clients(installed: Installed) -> None:
    with zipfile.ZipFile(wheel(installed, "trace_dispatcher_proto")) as archive:
        names = set(archive.namelist())
    v1 = "trace_dispatcher_proto/trace/dispatcher/v1/"
    for stem in ("task", "payload", "worker", "admin", "query", "errors", "options"):
        assert {f"{v1}{stem}_pb2.py", f"{v1}{stem}_pb2.pyi"} <= names
    for service in ("task", "worker", "admin", "query"):
        assert f"{v1}{service}_connect.py" in names


def test_versions_and_ranges(installed: Installed) -> None:
    proto = metadata(wheel(installed, "trace_dispatcher_proto"))
    sdk = metadata(wheel(installed, "trace_dispatcher_sdk"))
    assert proto["Version"] == [CONTRACT_VERSION]
    # connectrpc 0.13 needs 3.11: both packages say so, and this interpreter is inside the range.
    for meta in (proto, sdk):
        assert meta["Requires-Python"] == [">=3.11"]
    runtime = {Requirement(r).name: Requirement(r) for r in proto["Requires-Dist"]}
    assert set(runtime) == {"protobuf", "connectrpc"}
    (proto_requirement,) = [Requirement(r) for r in sdk["Requires-Dist"] if Requirement(r).name == "trace-dispatcher-proto"]
    assert CONTRACT_VERSION in proto_requirement.specifier, "the SDK must speak the contract version it is built with"


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_the_sdist_builds_the_same_wheel(installed: Installed, name: str, tmp_path: Path) -> None:
    (sdist,) = installed.dist.glob(f"{name}-*.tar.gz")
    with tarfile.open(sdist) as archive:
        # The "data" filter refuses links and paths out of the target; Python gained it in 3.11.4,
        # and Debian 12's python3 is 3.11.2. The archive is this run's own build output either way.
        if hasattr(tarfile, "data_filter"):
            archive.extractall(tmp_path / "src", filter="data")
        else:
            archive.extractall(tmp_path / "src")
    (unpacked,) = (tmp_path / "src").iterdir()
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(tmp_path / "out"), str(unpacked)],
        check=True,
        capture_output=True,
    )
    (rebuilt,) = (tmp_path / "out").glob("*.whl")
    assert rebuilt.name == wheel(installed, name).name
    with zipfile.ZipFile(rebuilt) as a, zipfile.ZipFile(wheel(installed, name)) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())


def test_a_python_below_the_range_is_refused(installed: Installed, tmp_path: Path) -> None:
    too_old = os.environ.get("TRACE_PY_TOO_OLD")
    if not too_old:
        pytest.skip("no Python 3.10 on this machine")
    subprocess.run([too_old, "-m", "venv", str(tmp_path / "venv")], check=True)
    refused = subprocess.run(
        [str(tmp_path / "venv/bin/python"), "-m", "pip", "install", "--disable-pip-version-check", "--no-index", "--find-links", str(installed.dist), "trace-dispatcher-sdk"],
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    assert "requires a different Python" in refused.stderr and "not in '>=3.11'" in refused.stderr

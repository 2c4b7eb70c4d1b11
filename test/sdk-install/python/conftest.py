"""The install test's fixtures: the live Dispatcher of the SDK's own suite (sdk/python/tests/conftest.py,
loaded under another module name so it is the same code, not a copy), and the fresh venv and dist
directories that scripts/ci/sdk-install-python.sh built and hands over in the environment."""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]

_spec = importlib.util.spec_from_file_location("sdk_live_fixtures", REPO_ROOT / "sdk/python/tests/conftest.py")
assert _spec is not None and _spec.loader is not None
sdk_live_fixtures = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = sdk_live_fixtures  # dataclasses look their module up while it executes
_spec.loader.exec_module(sdk_live_fixtures)
dispatcher = sdk_live_fixtures.dispatcher  # the session fixture, registered here by name
Dispatcher = sdk_live_fixtures.Dispatcher
wait_for = sdk_live_fixtures.wait_for


@dataclass(frozen=True)
class Installed:
    dist: Path  # the wheels and sdists that were built
    venv: Path  # a fresh venv holding only those wheels and their pinned dependencies

    @property
    def python(self) -> Path:
        return self.venv / "bin/python"


@pytest.fixture(scope="session")
def installed() -> Installed:
    dist, venv = os.environ.get("TRACE_PY_DIST"), os.environ.get("TRACE_PY_VENV")
    if not dist or not venv:
        pytest.fail("run through scripts/ci/sdk-install-python.sh, which builds the packages and the venv")
    return Installed(Path(dist), Path(venv))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`each_venv`: every fresh venv the script made, one per Python found (named venv-X.Y)."""
    if "each_venv" in metafunc.fixturenames:
        venvs = [Path(v) for v in os.environ.get("TRACE_PY_VENVS", "").split(os.pathsep) if v]
        if not venvs:
            pytest.fail("run through scripts/ci/sdk-install-python.sh, which builds the packages and the venvs")
        metafunc.parametrize("each_venv", venvs, ids=[v.name for v in venvs])

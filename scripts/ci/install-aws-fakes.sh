#!/usr/bin/env bash
# Installs the AWS fakes the tests start (moto server: an STS/S3-compatible endpoint speaking the
# real wire API) into a project-local venv at .venv-aws (gitignored). Idempotent: re-running with
# the pinned version already present does nothing. CI calls this before the tests.
# Tests look for .venv-aws/bin/moto_server (override with MOTO_SERVER_BIN).
set -euo pipefail
cd "$(dirname "$0")/../.."
MOTO_VERSION=5.2.5
venv=.venv-aws
python=${PYTHON:-python3}

if [ -x "$venv/bin/moto_server" ] && "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(0 if m.version('moto') == '$MOTO_VERSION' else 1)" 2>/dev/null; then
  echo "moto $MOTO_VERSION already installed in $venv"
  exit 0
fi

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
"$venv/bin/moto_server" --help >/dev/null
echo "moto $MOTO_VERSION installed in $venv"

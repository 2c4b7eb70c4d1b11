#!/usr/bin/env bash
# Installs the CloudFormation linters run against the synthesized CDK template (cfn-lint, checkov),
# pinned, into their own venv at .venv-infra (gitignored): checkov pulls a large dependency tree
# that must not disturb the codegen .venv. Idempotent: does nothing when both pinned versions are
# present. CI calls this from .ci/run; scripts/ci/infra-lint.sh uses it.
set -euo pipefail
cd "$(dirname "$0")/../.."
CFN_LINT_VERSION=1.58.0
CHECKOV_VERSION=3.3.30
venv=.venv-infra
python=${PYTHON:-python3}

installed() {
  "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(0 if m.version('cfn-lint') == '$CFN_LINT_VERSION' and m.version('checkov') == '$CHECKOV_VERSION' else 1)" 2>/dev/null
}
if [ -x "$venv/bin/cfn-lint" ] && [ -x "$venv/bin/checkov" ] && installed; then
  echo "cfn-lint $CFN_LINT_VERSION and checkov $CHECKOV_VERSION already installed in $venv"
  exit 0
fi
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "cfn-lint==$CFN_LINT_VERSION" "checkov==$CHECKOV_VERSION"
installed
echo "cfn-lint $CFN_LINT_VERSION and checkov $CHECKOV_VERSION installed in $venv"

#!/usr/bin/env bash
# Lints the synthesized CloudFormation (issue 9 §4): a dev and a production-shaped environment,
# each through cfn-lint (any error or warning fails) and checkov (any failed check fails:
# offline, checkov knows no severities, so "no high/critical" is enforced as "none at all").
# Suppressions live in infra/ beside the resource, each with its reason (infra/suppressions.ts).
# Needs scripts/ci/install-infra-lint.sh (.venv-infra). Offline: checkov runs with
# --skip-download (no Prisma Cloud calls) and synth never reaches out (test/infra/synth-offline).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$PATH"
venv=.venv-infra
out=$(mktemp -d /tmp/trace-infra-lint.XXXXXX)
trap 'rm -rf "$out"' EXIT

# Until the repository has its Dockerfile, synthesize against a registry image (no build needed).
image=()
[ -f Dockerfile ] || image=("imageUri=public.ecr.aws/trace/dispatcher:lint")

synth() { # $1: name; rest: context
  local name=$1; shift
  CDK_OUTDIR="$out/$name" node --import tsx infra/synth.ts "$@" "${image[@]}" | tail -1 | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).template)'
}
templates=(
  "$(synth dev envName=dev)"
  "$(synth prod envName=prod operatorCidr=10.20.0.0/16 dataBuckets=acme-data certificateArn=arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000 runnerPythonLayerArn=arn:aws:lambda:eu-west-1:123456789012:layer:python3:1 alarmTopicArn=arn:aws:sns:eu-west-1:123456789012:trace-alarms)"
)
for t in "${templates[@]}"; do
  echo "cfn-lint $t"
  "$venv/bin/cfn-lint" "$t"
  echo "checkov $t"
  "$venv/bin/checkov" -f "$t" --framework cloudformation --skip-download --quiet --compact -o cli
done
echo "infra lint: cfn-lint and checkov clean on ${#templates[@]} templates"

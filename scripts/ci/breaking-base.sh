#!/usr/bin/env bash
# Prints the commit `buf breaking` compares proto/ against (contract-gates.sh), and why on stderr:
#   1. the newest release tag (v*): its merge base with HEAD. Everything released must stay
#      compatible; what was added since the release may still change before the next one.
#   2. no release yet, HEAD off main: the merge base with main (origin/main, else main), so the
#      branch's whole change is checked, not only its last commit.
#   3. on main (or no main): HEAD^, the first parent: main before this commit or merge.
# A rule whose base is HEAD itself (HEAD is the tag, or on main) falls through to the next.
# Prints nothing when there is no earlier commit; exits 1 when a base exists but is not in this
# clone (a shallow clone: fetch the history, `git fetch --unshallow --tags`).
set -euo pipefail

head=$(git rev-parse HEAD)
say() { echo "buf breaking base: $*" >&2; }
missing() {
  say "$1 is not in this clone$([ "$(git rev-parse --is-shallow-repository)" = true ] && echo ' (shallow clone: git fetch --unshallow --tags)')"
  exit 1
}

# Prints the merge base of HEAD and $1 and ends the script, unless it is HEAD itself (then the
# next rule applies).
use_merge_base() {
  local base
  base=$(git merge-base HEAD "$1") || missing "the merge base with $2"
  if [ "$base" != "$head" ]; then
    say "$2 (merge base $base)"
    echo "$base"
    exit 0
  fi
}

tag=$(git tag --list 'v[0-9]*' --sort=-v:refname | head -n1)
if [ -n "$tag" ]; then use_merge_base "$tag" "release $tag"; fi

for ref in refs/remotes/origin/main refs/heads/main; do
  if git rev-parse --verify --quiet "$ref" >/dev/null; then
    use_merge_base "$ref" "${ref#refs/*/}"
    break
  fi
done

if git rev-parse --verify --quiet HEAD^ >/dev/null; then
  say "the previous commit on this line (HEAD^)"
  git rev-parse HEAD^
elif [ "$(git rev-parse --is-shallow-repository)" = true ]; then
  missing "the previous commit"
else
  say "no earlier commit: nothing to compare against"
fi

#!/usr/bin/env bash
# Checks what `ready` ships for other tools with validators ready did not write:
# - action.yml with action-validator (npm) and check-jsonschema's GitHub Actions schema;
# - docs/ci/github-workflow.yml and deploy/github/fleet.yml with action-validator and the GitHub
#   workflow schema;
# - .pre-commit-hooks.yaml with `pre-commit validate-manifest`, and its `-system` hooks run for
#   real with `pre-commit try-repo` on a temporary repository holding a good and a bad checklist.
# usage: scripts/check_hooks.sh READY_BINARY VENV ACTION_VALIDATOR
set -euo pipefail
ready=$(realpath "$1") venv=$(realpath "$2") validator=$(realpath "$3")
cd "$(dirname "$0")/.."
repo=$PWD

"$validator" action.yml
"$validator" docs/ci/github-workflow.yml
"$validator" deploy/github/fleet.yml
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows docs/ci/github-workflow.yml \
  deploy/github/fleet.yml
"$venv/bin/pre-commit" validate-manifest .pre-commit-hooks.yaml

# pre-commit's try-repo commits a snapshot of this repository when it has changes; a fresh CI
# machine has no git identity for that.
export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-ready tests} GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-tests@ready.invalid}
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-ready tests} GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-tests@ready.invalid}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/project/checklists"
ln -s "$ready" "$work/bin/ready"
cd "$work/project"
git init -q -b main
printf '# Launch\n## Must Have\n- [x] Backups restore\n- [x] Alerts page someone\n' > checklists/good.md
printf '# Launch\n## Must Have\n- [x] Backups restore\n- [ ] Pen test done\n' > checklists/bad.md
git add -A
export PATH="$work/bin:$PATH" PRE_COMMIT_HOME="$work/cache"
"$venv/bin/pre-commit" try-repo "$repo" ready-check-system --files checklists/good.md >"$work/good.log" 2>&1 ||
  { cat "$work/good.log"; echo "the good checklist failed the hook" >&2; exit 1; }
if "$venv/bin/pre-commit" try-repo "$repo" ready-check-system --files checklists/bad.md >"$work/bad.log" 2>&1; then
  cat "$work/bad.log"; echo "the bad checklist passed the hook" >&2; exit 1
fi
grep -q 'must-have-open' "$work/bad.log" || { cat "$work/bad.log"; echo "no blocker shown" >&2; exit 1; }
"$venv/bin/pre-commit" try-repo "$repo" ready-lint-system --files checklists/good.md >"$work/lint.log" 2>&1 ||
  { cat "$work/lint.log"; echo "the good checklist failed the lint hook" >&2; exit 1; }
echo "hooks: action.yml and the workflows valid (action-validator, check-jsonschema); pre-commit: good checklist passes, bad one fails with its blocker"

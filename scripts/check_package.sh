#!/usr/bin/env bash
# Checks that the crate packages and installs: `cargo package`,
# then `cargo install --offline` from the .crate file alone, and the installed `ready` starts a
# project from its templates, checks it, and prints its man page and completions — everything
# `ready init` and the docs need is in the package.
# usage: scripts/check_package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# No `cargo package` verification build: the offline install below builds the packaged sources
# itself, and the verification build, sharing this target directory, left the debug profile's
# record of `ready-gate` pointing at the packaged copy, so a later `cargo build` of the checkout
# thought a stale binary fresh.
cargo package --locked --quiet --allow-dirty --no-verify
version=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')
crate=target/package/ready-gate-$version.crate
work=$(mktemp -d)
# The extracted sources go with the work directory, so the release profile's record of the
# installed build points at files that no longer exist and the checkout's next build is a
# real one.
trap 'rm -rf "$work"' EXIT
tar -xzf "$crate" -C "$work"
# The build cache is shared so dependencies are not built again; nothing is fetched.
CARGO_TARGET_DIR=$PWD/target cargo install --offline --locked --quiet \
  --path "$work/ready-gate-$version" --root "$work/root"
ready=$work/root/bin/ready
mkdir "$work/project"
(cd "$work/project" && "$ready" init --template service-launch >/dev/null)
status=0
(cd "$work/project" && "$ready" check --no-probes -q) >"$work/verdict" || status=$?
[ "$status" -eq 1 ] && grep -q '^NO-GO' "$work/verdict" ||
  { cat "$work/verdict"; echo "the installed ready did not judge its own template (exit $status)" >&2; exit 1; }
"$ready" man | grep -q '^.TH ready 1' || { echo "no man page" >&2; exit 1; }
"$ready" completions bash | grep -q '_ready' || { echo "no completions" >&2; exit 1; }
echo "package: $(basename "$crate") ($(du -h "$crate" | cut -f1)) builds, installs offline, and its ready runs init, check, man and completions"

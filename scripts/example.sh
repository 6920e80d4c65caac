#!/usr/bin/env bash
# Runs the shipped example end to end: starts stand-in services for the payments API (a health
# endpoint, a SQLite ledger, a fresh backup; see examples/example_services.rs), then runs
# `ready check checklists/example` against them. Extra arguments go to `ready check`
# (for example --format json or --allow-exec). Exits with ready's exit code: 1, NO-GO, is the
# expected verdict for this example.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --bin ready --example example_services
state=$(mktemp -d)
coproc SERVICES { exec ./target/debug/examples/example_services "$state"; }
services_pid=$SERVICES_PID
trap 'kill "$services_pid" 2>/dev/null || true; rm -rf "$state"' EXIT
read -r line <&"${SERVICES[0]}"
export "${line?}" PAYMENTS_STATE="$state"
echo "+ PAYMENTS_API=$PAYMENTS_API PAYMENTS_STATE=$PAYMENTS_STATE ready check checklists/example $*" >&2
status=0
./target/debug/ready check checklists/example "$@" || status=$?
exit "$status"

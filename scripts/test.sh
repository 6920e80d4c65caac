#!/usr/bin/env bash
# Runs every test of `ready`, as CI does, on a fresh Debian machine with Rust.
# It installs what the tests need: the servers the probe tests start (PostgreSQL, MariaDB,
# Redis, dnsmasq, from Debian's packages, with apt-get when missing; the tests run them in temp
# dirs on free loopback ports, never as system services), Debian's Chromium (the HTML report is
# rendered headless and its DOM and screenshot checked), and in a virtual environment under
# target/: cmarkgfm (GitHub's own Markdown renderer), junitparser and prometheus_client (to load
# the JUnit and OpenMetrics reports with parsers ready did not write), pytest, coverage.py and ruff
# (whose JUnit, Cobertura, LCOV and SARIF reports the artifact probes read), jsonschema, and under
# target/node Microsoft's SARIF multitool from npm (both validate the SARIF reports), pre-commit,
# check-jsonschema and action-validator (for the GitHub Action, the workflow and the hooks),
# in-toto-attestation and securesystemslib (the attestations, parsed and DSSE-signed), and from
# Debian Prometheus' promtool, Pushgateway and node_exporter (the alert rules in deploy/ and the
# fleet end-to-end test, on loopback). Then it runs
# fmt, clippy, the Rust tests, the report check and, when the shared corpus sits beside the checkout, the
# task-count conformance check and a bounded run over mutated copies of the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server mariadb-client)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq-base)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v prlimit >/dev/null || missing+=(util-linux)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v curl >/dev/null || missing+=(curl)
[ -x /usr/bin/promtool ] || missing+=(prometheus)
[ -x /usr/bin/prometheus-pushgateway ] || missing+=(prometheus-pushgateway)
[ -x /usr/bin/prometheus-node-exporter ] || missing+=(prometheus-node-exporter)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing the probe tests' servers with apt-get: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # policy-rc.d exit 101: install the packages without starting them as system services.
  if [ ! -e /usr/sbin/policy-rc.d ] && [ -z "$sudo" ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

venv=target/pyenv
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p target
  if ! python3 -m venv "$venv" 2>/dev/null; then
    echo "python3-venv is missing; installing it with apt-get" >&2
    apt-get update -qq && apt-get install -y -qq python3-venv python3-pip >/dev/null
    python3 -m venv "$venv"
  fi
fi
{ "$venv/bin/python" -c 'import cmarkgfm, junitparser, prometheus_client, pytest, coverage, jsonschema, in_toto_attestation, securesystemslib, cryptography' &&
  [ -x "$venv/bin/ruff" ] && [ -x "$venv/bin/pre-commit" ] && [ -x "$venv/bin/check-jsonschema" ]; } 2>/dev/null ||
  "$venv/bin/pip" install --quiet cmarkgfm junitparser prometheus_client pytest coverage ruff jsonschema \
    pre-commit check-jsonschema in-toto-attestation securesystemslib cryptography

# Microsoft's SARIF multitool (a self-contained .NET build from the npm registry), which also
# carries the SARIF 2.1.0 JSON schema; the SARIF reports are validated with both.
# action-validator checks the GitHub Action and the workflow docs/ci.md shows.
sarif_tool=target/node/node_modules/@microsoft/sarif-multitool-linux
action_validator=target/node/node_modules/.bin/action-validator
if [ ! -x "$sarif_tool/Sarif.Multitool" ] || [ ! -x "$action_validator" ]; then
  npm install --silent --no-audit --no-fund --prefix target/node \
    @microsoft/sarif-multitool@5.7.0 @action-validator/cli@0.6.0
  chmod u+x "$sarif_tool/Sarif.Multitool"
fi

# The artifact tests read the JUnit report cargo nextest writes.
cargo nextest --version >/dev/null 2>&1 || cargo install --locked cargo-nextest

cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
# The fuzz entry points sit behind a feature nothing else turns on: checked here so they keep building.
cargo clippy --locked --all-targets --features fuzzing -- -D warnings
cargo build --locked --release
cargo test --locked

for checklist in tests/fixtures/reports checklists/example tests/fixtures/seeds/prime-spark.md \
                 tests/fixtures/seeds/memory-system.md; do
  "$venv/bin/python" scripts/check_reports.py target/release/ready "$checklist"
done
scripts/check_hooks.sh target/release/ready "$venv" "$action_validator"
scripts/check_package.sh
# The alert rules in deploy/ with Prometheus' own checker, and their unit tests (each alert
# fires on the series that should fire it and stays quiet on those that should not).
promtool check rules deploy/prometheus/ready-alerts.yaml
(cd deploy/prometheus && promtool test rules ready-alerts.test.yaml)
# Every YAML file we ship, and the JSON reports of the fixtures, against the published schemas.
schema() { "$venv/bin/check-jsonschema" --schemafile "schemas/$1.schema.json" "${@:2}"; }
schema ready-yaml checklists/example/ready.yaml tests/fixtures/reports/ready.yaml
schema checklist checklists/templates/service-launch.yaml
schema probes probes/payments-api.yaml probes/templates/service-launch.yaml
reports=$(mktemp -d)
for checklist in tests/fixtures/reports checklists/example tests/fixtures/seeds/prime-spark.md \
                 tests/fixtures/seeds/memory-system.md; do
  target/release/ready check --no-probes --format json "$checklist" \
    > "$reports/$(basename "$checklist").json" || [ $? -eq 1 ]
done
schema report "$reports"/*.json
target/release/ready summarize "$reports" --format json > "$reports.summary" || [ $? -eq 1 ]
schema summary "$reports.summary"
rm -rf "$reports" "$reports.summary"
"$venv/bin/python" scripts/check_sarif.py target/release/ready "$sarif_tool/Sarif.Multitool" \
  "$sarif_tool/sarif-2.1.0.json" tests/fixtures/reports checklists/example \
  tests/fixtures/seeds/prime-spark.md tests/fixtures/seeds/memory-system.md

# The in-toto statements of check and signoff, with in-toto-attestation and securesystemslib.
"$venv/bin/python" scripts/check_attestations.py target/release/ready tests/fixtures/reports \
  checklists/example tests/fixtures/seeds/prime-spark.md tests/fixtures/seeds/memory-system.md

corpus=../shared/corpus
if [ -d "$corpus/markdown" ]; then
  "$venv/bin/python" scripts/corpus_check.py target/release/ready "$corpus" tests/fixtures/seeds
  # Mutated copies of the corpus (truncated, flipped, shuffled, CRLF, invalid UTF-8) for a
  # bounded time: no panic, no hang, exit codes 0, 1 or 2 only.
  "$venv/bin/python" scripts/mutate_corpus.py target/release/ready "$corpus" 40
else
  echo "corpus check skipped: no $corpus beside the checkout"
fi

#!/usr/bin/env bash
# Runs every test of `ready`, as CI does, on a fresh Debian machine with Rust.
# It installs what the tests need (Python's cmarkgfm, GitHub's own Markdown renderer, in a
# virtual environment under target/), then runs fmt, clippy, the Rust tests and, when the
# shared corpus sits beside the checkout, the GitHub task-count conformance check.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/pyenv
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p target
  if ! python3 -m venv "$venv" 2>/dev/null; then
    echo "python3-venv is missing; installing it with apt-get" >&2
    apt-get update -qq && apt-get install -y -qq python3-venv python3-pip >/dev/null
    python3 -m venv "$venv"
  fi
fi
"$venv/bin/python" -c 'import cmarkgfm' 2>/dev/null || "$venv/bin/pip" install --quiet cmarkgfm

cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo build --locked --release
cargo test --locked

corpus=../shared/corpus
if [ -d "$corpus/markdown" ]; then
  "$venv/bin/python" scripts/corpus_check.py target/release/ready "$corpus" tests/fixtures/seeds
else
  echo "corpus check skipped: no $corpus beside the checkout"
fi

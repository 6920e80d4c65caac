#!/usr/bin/env bash
# Runs every fuzz target in turn for a while each, on one core, seeding the corpora from the
# shipped checklists, the test fixtures and (when it sits beside the checkout) the shared corpus.
# usage: [MAX_LEN=BYTES] fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]
# Logs go to fuzz/logs/TARGET.log; the last line of each names the executions and coverage.
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(markdown markdown_structured yaml_checklist probe_file config ledger)
mkdir -p logs
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  max_len=16384
  case $target in markdown|yaml_checklist) max_len=131072 ;; esac
  max_len=${MAX_LEN:-$max_len}
  cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >>"logs/$target.log" 2>&1 || echo "$target stopped: see logs/$target.log"
  grep -E '^#[0-9]+.*(DONE|pulse)' "logs/$target.log" | tail -1 || true
done

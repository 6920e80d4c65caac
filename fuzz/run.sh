#!/usr/bin/env bash
# Runs every fuzz target in turn for a while each, on one core. Each target's corpus starts from
# seeds: the checklists, probe files and configs we ship, the test fixtures and (when it sits
# beside the checkout) the shared corpus; those directories are read, never written.
# usage: [MAX_LEN=BYTES] [PLATEAU=SECONDS] fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]
# Logs go to fuzz/logs/TARGET.log, each line prefixed with the seconds since the run began, so
# the time `cov:` last rose says whether coverage was still growing.
# With PLATEAU set, a target stops early once that many seconds pass without a newly covered
# edge: the point at which more time stops finding coverage, which is what a run is meant to reach.
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(markdown markdown_structured yaml_checklist probe_file config ledger)
mkdir -p logs

# Seed directories for a target: files of the kinds it reads, gathered into one directory.
seed() {
  local target=$1 dir=seeds/$1
  rm -rf "$dir" && mkdir -p "$dir"
  local -a from=()
  case $target in
    markdown|markdown_structured) from=(../checklists ../tests/fixtures ../../shared/corpus/markdown ../../shared/seeds) ;;
    yaml_checklist) from=(../checklists ../tests/fixtures ../../shared/corpus/yaml) ;;
    probe_file) from=(../probes ../tests/fixtures) ;;
    config|ledger) from=(../tests/fixtures ../checklists) ;;
  esac
  for root in "${from[@]}"; do
    [ -d "$root" ] || continue
    find "$root" -type f -size -1024k | while read -r file; do
      case $target:$file in
        markdown*:*.md|markdown*:*.txt|markdown*:*/fuzz/markdown/*) ;;
        yaml_checklist:*.yaml|yaml_checklist:*.yml) ;;
        probe_file:*.yaml) ;;
        config:*ready.yaml|config:*/fuzz/config/*) ;;
        ledger:*.signoffs.yaml|ledger:*/fuzz/ledger/*) ;;
        *) continue ;;
      esac
      cp "$file" "$dir/$(sha1sum "$file" | cut -c1-16)"
    done
  done
  echo "$dir"
}

for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  seeds=$(seed "$target")
  max_len=16384
  case $target in markdown|yaml_checklist) max_len=131072 ;; esac
  max_len=${MAX_LEN:-$max_len}
  # Words a mutator would not spell by chance: schema keys and the constructs checklists use.
  dict=seeds/$target.dict
  python3 dict.py "$target" "$seeds" >"$dict"
  start=$SECONDS
  echo "== $(date -u +%FT%TZ) $target for ${seconds}s, seeds: $(ls "$seeds" | wc -l)" >>"logs/$target.log"
  # The fuzzer runs in its own process group so a plateau can stop all of it (cargo, the
  # target, the log stamper) with one signal; libFuzzer prints its final stats on SIGINT.
  setsid bash -c '
    cargo +nightly fuzz run -O "$1" "corpus/$1" "$2" -- \
      -max_total_time="$3" -max_len="$4" -dict="$5" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 |
      while IFS= read -r line; do printf "%6d %s\n" $((SECONDS)) "$line"; done >>"logs/$1.log"
  ' fuzz "$target" "$seeds" "$seconds" "$max_len" "$PWD/$dict" &
  group=$!
  while kill -0 "$group" 2>/dev/null; do
    sleep 15
    [ -n "${PLATEAU:-}" ] || continue
    # Seconds since this run's header (the log keeps earlier runs) at which the covered edges
    # (`cov:`) last grew, counting from the INITED line for a corpus that already covers all it
    # can. New inputs that only add features (hit counts, compared values) do not count.
    last=$(awk '/^== /{t=0; c=0; started=1; next}
      started && ($3 == "INITED" || $3 == "NEW" || $3 == "REDUCE") {
        for (i = 4; i < NF; i++) if ($i == "cov:") cov = $(i + 1) + 0
        if ($3 == "INITED" || cov > c) { c = cov; t = $1 }
      } END{print t+0}' "logs/$target.log")
    now=$((SECONDS - start))
    if [ "$last" -gt 0 ] && [ $((now - last)) -ge "$PLATEAU" ]; then
      echo "== plateau: no newly covered edge for ${PLATEAU}s (last at ${last}s), stopped at ${now}s" >>"logs/$target.log"
      kill -INT -- "-$group" 2>/dev/null || true
      sleep 5
      kill -KILL -- "-$group" 2>/dev/null || true
    fi
  done
  wait "$group" || echo "$target stopped: see logs/$target.log"
  grep -E '#[0-9]+.*(NEW|DONE)' "logs/$target.log" | tail -1 || true
done

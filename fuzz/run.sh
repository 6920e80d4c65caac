#!/usr/bin/env bash
# Runs every fuzz target in turn for a while each, on one core. Each target's corpus starts from
# seeds: the checklists, probe files and configs we ship, the test fixtures and (when it sits
# beside the checkout) the shared corpus; those directories are read, never written.
# usage: [MAX_LEN=BYTES] [PLATEAU=SECONDS] fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]
# Logs go to fuzz/logs/TARGET.log, each line prefixed with the seconds since the run began, so
# the time `cov:` last rose says whether coverage was still growing.
# With PLATEAU set, a target stops early once it has fuzzed for that many seconds of CPU time
# without covering a new point in ready's own code (`NEW_PC` lines under ../src/): the point at
# which more time stops finding coverage of what we wrote, which is what a run is meant to reach.
# CPU time rather than wall time, so a busy machine that starves the fuzzer does not fake a
# plateau; edges in dependencies (`cov:` counts those too) keep creeping up for hours and are
# their own projects' to fuzz, so they are logged but do not keep a target running.
# With CHECKS=1 the targets are built with debug assertions too, which turns on the checks a debug
# build makes of ready's own shortcuts (each pattern's ASCII form against the pattern, each
# guard's needs against its pattern): the fuzzer then hunts for a text that tells them apart.
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
  from=1
  [ ! -f "logs/$target.log" ] || from=$(($(wc -l <"logs/$target.log") + 1))
  echo "== $(date -u +%FT%TZ) $target for ${seconds}s, seeds: $(ls "$seeds" | wc -l)" >>"logs/$target.log"
  # The fuzzer runs in its own process group so a plateau can stop all of it (cargo, the
  # target, the log stamper) with one signal; libFuzzer prints its final stats on SIGINT.
  setsid bash -c '
    cargo +nightly fuzz run -O $6 "$1" "corpus/$1" "$2" -- \
      -max_total_time="$3" -max_len="$4" -dict="$5" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -print_pcs=1 2>&1 |
      while IFS= read -r line; do printf "%6d %s\n" $((SECONDS)) "$line"; done >>"logs/$1.log"
  ' fuzz "$target" "$seeds" "$seconds" "$max_len" "$PWD/$dict" "${CHECKS:+--debug-assertions}" &
  group=$!
  own_src="$(cd .. && pwd)/src/"
  # cpu_at: the target's CPU seconds when it last covered a new point of ours, or when it
  # finished replaying its corpus (`INITED`): replaying inputs already kept is not fuzzing, so
  # a plateau is counted from there.
  own=0 cpu_at=
  while kill -0 "$group" 2>/dev/null; do
    sleep 15
    [ -n "${PLATEAU:-}" ] || continue
    # This run's lines only (from its header on): the log keeps earlier runs. awk reads the
    # file itself: `tail | grep -q` fails under pipefail once grep stops reading early.
    awk -v from="$from" 'NR >= from && /INITED cov:/ {found = 1; exit} END {exit !found}' \
      "logs/$target.log" || continue
    # CPU seconds of the fuzz target itself (not cargo, not the log stamper).
    cpu=$(ps -eo pgid=,times=,args= | awk -v g="$group" -v t="/release/$target " \
      '$1 == g && index($0, t) {print $2; exit}')
    [ -n "$cpu" ] || continue
    now_own=$(awk -v from="$from" -v src=" ${own_src}" 'NR >= from && /NEW_PC: / && index($0, src) {n++}
      END {print n + 0}' "logs/$target.log")
    if [ -z "$cpu_at" ] || [ "$now_own" -ne "$own" ]; then own=$now_own cpu_at=$cpu; fi
    if [ $((cpu - cpu_at)) -ge "$PLATEAU" ]; then
      echo "== plateau: no new point in ready's own code for ${PLATEAU}s of fuzzing CPU time (${own} covered since its corpus was replayed, the last, or the replay's end, at ${cpu_at} CPU-s), stopped at ${cpu} CPU-s, $((SECONDS - start))s wall" >>"logs/$target.log"
      kill -INT -- "-$group" 2>/dev/null || true
      sleep 5
      kill -KILL -- "-$group" 2>/dev/null || true
    fi
  done
  wait "$group" || echo "$target stopped: see logs/$target.log"
  grep -E '#[0-9]+.*(NEW|DONE)' "logs/$target.log" | tail -1 || true
done

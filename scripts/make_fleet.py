#!/usr/bin/env python3
"""Writes N JSON reports as a fleet's CI jobs would leave them, for `ready summarize` benchmarks.

One real report (`ready check --format json` on the report fixture, which carries labels and
waivers) is the template; each copy gets its own service label, one of 40 owners, a verdict
and score, a report time within the last two days (so some are stale) and a commit.

usage: make_fleet.py N DIR READY_BINARY
"""
import json
import os
import random
import subprocess
import sys


def main():
    n, out, ready = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    run = subprocess.run(
        [ready, "check", "--no-probes", "--format", "json", "tests/fixtures/reports"],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode not in (0, 1):
        sys.exit(f"ready check failed: {run.stderr}")
    template = json.loads(run.stdout)
    rng = random.Random(7)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        report = dict(template)
        score = round(rng.uniform(40, 100), 2)
        verdict = "go" if score >= 90 else rng.choice(["no-go", "go-with-waivers"])
        report.update(
            verdict=verdict,
            score=score,
            labels={"service": f"svc-{i:05d}", "owner": f"team-{i % 40:02d}"},
            generated_at=f"2026-12-0{rng.choice([1, 2, 3])}T{rng.randrange(24):02d}:00:00Z",
            commit=f"{rng.getrandbits(160):040x}",
        )
        with open(os.path.join(out, f"svc-{i:05d}.json"), "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
    print(f"{n} reports of {len(run.stdout)} bytes each in {out}")


if __name__ == "__main__":
    main()

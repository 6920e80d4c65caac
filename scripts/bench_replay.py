#!/usr/bin/env python3
"""Times `ready check --replay` of N recorded probes against the same checklist judged by its
boxes alone (`--no-probes`), alternating the two, and prints the medians.

Writes a checklist of N items, each bound inline to its own probe, a probe file of N TCP probes
(never run), and an evidence bundle recording each as passed, bound to the files' digests.

usage: bench_replay.py N RUNS READY_BINARY
"""
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def inputs(directory, n):
    def path(name):
        return os.path.join(directory, name)

    with open(path("launch.md"), "w") as f:
        f.write("# Fleet\n## Services\n")
        for i in range(n):
            f.write(f"- [x] Service {i} reachable <!-- probe: p{i} -->\n")
    with open(path("probes.yaml"), "w") as f:
        f.write("probes:\n")
        for i in range(n):
            f.write(f"  - id: p{i}\n    tcp: {{ address: \"127.0.0.1:{1000 + i % 50000}\" }}\n")

    def digest(name):
        with open(path(name), "rb") as f:
            return "sha256:" + hashlib.sha256(f.read()).hexdigest()

    bundle = {
        "format": 1,
        "recorded_at": "2026-12-03T06:00:00Z",
        "ready_version": "bench",
        "digests": {
            "checklists": [{"path": "launch.md", "digest": digest("launch.md")}],
            "probe_files": [{"path": "probes.yaml", "digest": digest("probes.yaml")}],
            "policy": "sha256:bench",
        },
        "probes": [
            {"id": f"p{i}", "kind": "tcp", "target": f"127.0.0.1:{1000 + i % 50000}",
             "outcome": "pass", "attempts": 1, "duration_ms": 1, "message": "connected",
             "file": "probes.yaml", "line": 2 + 2 * i}
            for i in range(n)
        ],
        "bindings": [
            {"checklist": "launch.md", "item": f"services/{i + 1}", "probes": [f"p{i}"]}
            for i in range(n)
        ],
    }
    os.makedirs(path("bundle"), exist_ok=True)
    with open(path("bundle/evidence.json"), "w") as f:
        json.dump(bundle, f)


def measure(command, cwd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    run = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode not in (0, 1):
        sys.exit(f"{command} exited {run.returncode}: {run.stderr.decode()[:300]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    n, runs, ready = int(sys.argv[1]), int(sys.argv[2]), os.path.abspath(sys.argv[3])
    with tempfile.TemporaryDirectory() as directory:
        inputs(directory, n)
        commands = {
            "replay": [ready, "check", "--probes", "probes.yaml", "--replay", "bundle",
                       "--format", "json", "launch.md"],
            "boxes only": [ready, "check", "--no-probes", "--format", "json", "launch.md"],
        }
        times = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(measure(command, directory))
        for name, samples in times.items():
            print(f"{name}: {n} items, median wall {statistics.median(s[0] for s in samples):.3f} s, "
                  f"median CPU {statistics.median(s[1] for s in samples):.3f} s over {runs} runs")


if __name__ == "__main__":
    main()

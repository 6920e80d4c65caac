#!/usr/bin/env python3
"""Times `ready check` binding N probes, each by `match:` to its own item.

Writes a checklist of N items and a probe file of N TCP probes against a closed loopback port
(so the probes take no time and binding is what is measured), runs the given binaries on them
RUNS times each, alternating, and prints the median wall and CPU seconds and peak memory.

usage: bench_binding.py N RUNS READY_BINARY [OTHER_READY_BINARY]
"""
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def inputs(directory, n):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with open(os.path.join(directory, "bind.md"), "w") as f:
        f.write("# Fleet\n## Services\n")
        for i in range(n):
            f.write(f"- [x] Service {i:05d} answers its health check\n")
    with open(os.path.join(directory, "bind.yaml"), "w") as f:
        f.write("probes:\n")
        for i in range(n):
            f.write(f'  - id: s{i}\n    match: "service {i:05d} answers"\n'
                    f'    tcp: {{ address: "127.0.0.1:{port}" }}\n')


def run(binary, directory):
    start = time.monotonic()
    process = subprocess.Popen(
        [binary, "check", "--format", "json", "--threshold", "0", "--concurrency", "256",
         "--probes", "bind.yaml", "bind.md"],
        cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    n, runs = int(sys.argv[1]), int(sys.argv[2])
    binaries = [os.path.abspath(b) for b in sys.argv[3:]]
    with tempfile.TemporaryDirectory() as directory:
        inputs(directory, n)
        figures = {b: [] for b in binaries}
        for _ in range(runs):
            for binary in binaries:
                figures[binary].append(run(binary, directory))
        for binary, rows in figures.items():
            wall, cpu, peak = (statistics.median(r[i] for r in rows) for i in range(3))
            print(f"{binary}: {n} probes, median wall {wall:.2f} s, cpu {cpu:.2f} s, "
                  f"peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()

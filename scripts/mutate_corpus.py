#!/usr/bin/env python3
"""Feeds `ready` mutated copies of real checklists and checks that it never panics or hangs.

Every file of CORPUS/markdown and CORPUS/yaml is mutated the ways broken inputs arrive
(truncated at a random point, bytes flipped, lines shuffled, CRLF mixed in, a line repeated,
invalid UTF-8 spliced in), each variant is checked with `ready check --no-probes`, linted with
`ready lint --format sarif` and diffed against its original with `ready diff`, and every run
must end with exit code 0, 1 or 2, within its timeout, with no panic on stderr. The mutations
come from a fixed seed, so a failure reproduces; the run stops when its time budget is spent.

usage: mutate_corpus.py READY_BINARY CORPUS_DIR [SECONDS]
"""
import os
import random
import subprocess
import sys
import tempfile
import time


def mutations(data, rng):
    """The mutated variants of one file's bytes."""
    lines = data.split(b"\n")
    yield "truncated", data[: rng.randrange(len(data) + 1)]
    flipped = bytearray(data)
    for _ in range(max(1, len(data) // 200)):
        if flipped:
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    yield "bytes flipped", bytes(flipped)
    shuffled = lines[:]
    rng.shuffle(shuffled)
    yield "lines shuffled", b"\n".join(shuffled)
    yield "crlf mixed", b"".join(
        line + (b"\r\n" if rng.random() < 0.5 else b"\n") for line in lines
    )
    if lines:
        i = rng.randrange(len(lines))
        yield "line repeated", b"\n".join(lines[:i] + [lines[i]] * 50 + lines[i:])
    cut = rng.randrange(len(data) + 1)
    yield "invalid utf-8", data[:cut] + b"\xff\xfe\xc3" + data[cut:]


def main():
    binary, corpus = os.path.abspath(sys.argv[1]), sys.argv[2]
    budget = float(sys.argv[3]) if len(sys.argv) > 3 else 45.0
    rng = random.Random(20261201)
    files = []
    for kind in ("markdown", "yaml"):
        folder = os.path.join(corpus, kind)
        if os.path.isdir(folder):
            files += [os.path.join(folder, f) for f in sorted(os.listdir(folder))]
    started = time.monotonic()
    runs, problems = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        while time.monotonic() - started < budget:
            for path in files:
                if time.monotonic() - started >= budget:
                    break
                data = open(path, "rb").read()
                suffix = os.path.splitext(path)[1]
                original = os.path.join(tmp, "original" + suffix)
                with open(original, "wb") as out:
                    out.write(data)
                for name, variant in mutations(data, rng):
                    target = os.path.join(tmp, "mutant" + suffix)
                    with open(target, "wb") as out:
                        out.write(variant)
                    # The gate, the linter, and the diff of the original against its mutant.
                    for command in (["check", "--no-probes", "--format", "json", target],
                                    ["lint", "--format", "sarif", target],
                                    ["diff", "--format", "json", original, target]):
                        try:
                            run = subprocess.run(
                                [binary, *command], capture_output=True, timeout=20, cwd=tmp,
                            )
                        except subprocess.TimeoutExpired:
                            problems.append(
                                f"{os.path.basename(path)} {name} {command[0]}: no answer in 20 s")
                            continue
                        runs += 1
                        stderr = run.stderr.decode("utf-8", "replace")
                        if run.returncode not in (0, 1, 2) or "panicked" in stderr:
                            keep = os.path.join(tmp, "..", f"ready-mutant-{runs}{suffix}")
                            with open(keep, "wb") as out:
                                out.write(variant)
                            problems.append(
                                f"{os.path.basename(path)} {name} {command[0]}: exit "
                                f"{run.returncode}, kept as {os.path.abspath(keep)}: "
                                f"{stderr.strip()[:300]}"
                            )
    for problem in problems:
        print(problem)
    print(f"mutations: {runs} runs over {len(files)} files in {time.monotonic() - started:.0f} s, "
          f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

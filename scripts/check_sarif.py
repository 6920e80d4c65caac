#!/usr/bin/env python3
"""Validates ready's SARIF with tools ready did not write.

`ready check --format sarif` and `ready lint --format sarif` on a checklist must pass the SARIF
2.1.0 JSON schema (Python `jsonschema`, with the schema Microsoft ships in the SARIF multitool)
and Microsoft's SARIF multitool `validate` with its GitHub rules as well as the SARIF ones: no result of level error from either. The check log must hold one result per
blocker and lint finding, and every result must point at a line.

usage: check_sarif.py READY_BINARY MULTITOOL SCHEMA CHECKLIST...
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from jsonschema import Draft202012Validator


def ready(binary: str, *args: str) -> str:
    result = subprocess.run([binary, *args], capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        sys.exit(f"ready {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result.stdout


def multitool_errors(multitool: str, log: Path, out: Path) -> list[str]:
    errors = []
    # Both rule sets: SARIF's own and GitHub's ingestion rules (`--rule-kind Gh` alone runs none).
    for kinds in ("Sarif;Gh",):
        report = out / "validation.sarif"
        # Invariant globalization: the .NET build needs no ICU library on the machine.
        env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1")
        subprocess.run(
            [multitool, "validate", str(log), "--output", str(report), "--rule-kind", kinds,
             "--log", "ForceOverwrite", "--quiet"],
            capture_output=True, text=True, check=False, env=env)
        if not report.exists():
            sys.exit(f"the SARIF multitool wrote no report for {log}")
        validation = json.loads(report.read_text())
        for run in validation.get("runs", []):
            for result in run.get("results", []):
                # Errors, and warnings too except SARIF2005 (no `informationUri`: ready has no
                # public home page to name).
                if result.get("level", "warning") in ("error", "warning") and \
                        result.get("ruleId") != "SARIF2005":
                    errors.append(f"{kinds} {result.get('ruleId')}: {result['message'].get('text')}")
            for notification in run.get("invocations", [{}])[0].get(
                    "toolExecutionNotifications", []):
                if notification.get("level") == "error":
                    errors.append(f"{kinds} tool: {notification['message'].get('text')}")
    return errors


def main() -> int:
    binary, multitool, schema_path = sys.argv[1:4]
    validator = Draft202012Validator(json.loads(Path(schema_path).read_text()))
    for checklist in sys.argv[4:]:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            check_json = json.loads(ready(binary, "check", "--no-probes", "--format", "json", checklist))
            logs = {
                "check": ready(binary, "check", "--no-probes", "--format", "sarif", checklist),
                "lint": ready(binary, "lint", "--format", "sarif", checklist),
            }
            for name, text in logs.items():
                log = json.loads(text)
                problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                            for e in validator.iter_errors(log)]
                path = out / f"{name}.sarif"
                path.write_text(text)
                problems += multitool_errors(multitool, path, out)
                if problems:
                    print(f"{checklist}: ready {name} --format sarif is not valid SARIF:",
                          *problems, sep="\n  ", file=sys.stderr)
                    return 1
                results = [r for run in log["runs"] for r in run["results"]]
                for result in results:
                    region = result["locations"][0]["physicalLocation"]["region"]
                    assert region["startLine"] >= 1, result
                    assert result["partialFingerprints"]["readySubject/v1"], result
                if name == "check":
                    blockers = [r for r in results if r["ruleId"].startswith("blocker/")]
                    assert len(blockers) == len(check_json["blockers"]), (
                        len(blockers), len(check_json["blockers"]))
                print(f"sarif: {checklist}: ready {name}: {len(results)} results in "
                      f"{len(log['runs'])} runs (jsonschema, SARIF multitool: valid)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

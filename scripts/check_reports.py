#!/usr/bin/env python3
"""Loads ready's JUnit and OpenMetrics reports with parsers ready did not write.

JUnit goes through junitparser (what many CI report tools build on) and OpenMetrics through
the Prometheus project's own Python client parser; both must accept the files and read back
the numbers the JSON report gives.

usage: check_reports.py READY_BINARY CHECKLIST_DIR
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from junitparser import Failure, JUnitXml, Skipped
from prometheus_client.openmetrics.parser import text_string_to_metric_families


def main() -> int:
    ready, checklist = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as out:
        junit = Path(out) / "ready.xml"
        metrics = Path(out) / "ready.prom"
        result = subprocess.run(
            [ready, "check", "--no-probes", "--format", "json",
             "--report", f"junit={junit}", "--report", f"openmetrics={metrics}", checklist],
            capture_output=True, text=True, check=False)
        if result.returncode not in (0, 1):
            print(result.stderr, file=sys.stderr)
            return 1
        report = json.loads(result.stdout)

        xml = JUnitXml.fromfile(str(junit))
        suites = list(xml)
        categories = [c for c in report["categories"] if c["weight"] > 0]
        assert len(suites) == len(categories) + 1, (len(suites), len(categories))
        cases = [case for suite in suites[:-1] for case in suite]
        assert len(cases) == report["summary"]["counted"], (len(cases), report["summary"]["counted"])
        failures = [case for suite in suites for case in suite
                    if any(isinstance(r, Failure) for r in case.result)]
        assert len(failures) == len(report["blockers"]), (len(failures), len(report["blockers"]))
        for case in cases:
            assert case._elem.get("file") and case._elem.get("line", "").isdigit(), case.name
        skipped = sum(1 for case in cases if any(isinstance(r, Skipped) for r in case.result))

        families = {f.name: f for f in text_string_to_metric_families(metrics.read_text())}
        score = families["ready_score"].samples[0].value
        assert abs(score - report["score"]) < 0.01, (score, report["score"])
        verdict = {s.labels["verdict"]: s.value for s in families["ready_verdict"].samples}
        assert verdict[report["verdict"]] == 1.0, verdict
        assert families["ready_blockers"].samples[0].value == len(report["blockers"])
        assert len(families["ready_category_score"].samples) == len(
            [c for c in categories if c["score"] is not None])

    print(f"reports: {checklist}: JUnit {len(suites)} suites, {len(cases)} cases, "
          f"{len(failures)} failures, {skipped} skipped (junitparser); "
          f"OpenMetrics {len(families)} families (prometheus_client)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

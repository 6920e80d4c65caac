"""Checks ready's in-toto statements with tools ready did not write.

- `ready check --format intoto` on each given checklist: the statement parses strictly into the
  in-toto Statement v1 protobuf (PyPI in-toto-attestation; unknown fields are errors) and
  validates, its predicate parses into the test-result predicate and matches the verdict, and
  every subject digest is the sha256 of the file it names.
- `ready signoff sign --attest` in a scratch copy: the statement parses and validates the same
  way with the SCAI attribute-report predicate, its target and evidence digests match the
  checklist and the ledger.
- Each statement is signed into a DSSE envelope with a throw-away Ed25519 key (PyPI
  securesystemslib), verified offline, and a tampered copy is refused.

usage: check_attestations.py READY_BINARY CHECKLIST_OR_DIR...
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

from google.protobuf import json_format
from in_toto_attestation.predicates.scai.v0 import scai_pb2
from in_toto_attestation.predicates.scai.v0.scai import AttributeReport
from in_toto_attestation.predicates.test_result.v0 import test_result_pb2
from in_toto_attestation.v1 import statement_pb2
from in_toto_attestation.v1.statement import Statement
from securesystemslib.dsse import Envelope
from securesystemslib.exceptions import VerificationError
from securesystemslib.signer import CryptoSigner

RESULTS = {"go": "PASSED", "go-with-waivers": "WARNED", "no-go": "FAILED"}


def fail(message):
    print(f"check_attestations: {message}", file=sys.stderr)
    sys.exit(1)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def parse_statement(text, predicate_message, where):
    """Strict protobuf parse of the statement and its predicate, then the library's checks."""
    try:
        proto = json_format.Parse(text, statement_pb2.Statement())
        statement = Statement.copy_from_pb(proto)
        statement.validate()
        predicate = json_format.ParseDict(
            json.loads(text)["predicate"], predicate_message
        )
    except (json_format.ParseError, ValueError) as e:
        fail(f"{where}: not a valid in-toto statement: {e}")
    return json.loads(text), predicate


def sign_and_verify(text, where):
    """DSSE over the statement with a fresh key; verification must pass, a tamper must fail."""
    signer = CryptoSigner.generate_ed25519()
    envelope = Envelope(
        payload=text.encode(), payload_type="application/vnd.in-toto+json", signatures={}
    )
    envelope.sign(signer)
    round_trip = Envelope.from_dict(json.loads(json.dumps(envelope.to_dict())))
    round_trip.verify([signer.public_key], 1)
    round_trip.payload = round_trip.payload.replace(b'"result": "', b'"result": "NOT ', 1) + b" "
    try:
        round_trip.verify([signer.public_key], 1)
    except VerificationError:
        return
    fail(f"{where}: a tampered envelope verified")


def check_run(ready, target):
    run = subprocess.run(
        [ready, "check", "--no-probes", "--format", "intoto", target],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode not in (0, 1):
        fail(f"{target}: exit {run.returncode}: {run.stderr}")
    report = subprocess.run(
        [ready, "check", "--no-probes", "--format", "json", target],
        capture_output=True,
        text=True,
        check=False,
    )
    verdict = json.loads(report.stdout)["verdict"]
    statement, predicate = parse_statement(
        run.stdout, test_result_pb2.TestResult(), target
    )
    if statement["predicateType"] != "https://in-toto.io/attestation/test-result/v0.1":
        fail(f"{target}: predicate type {statement['predicateType']}")
    if predicate.result != RESULTS[verdict]:
        fail(f"{target}: result {predicate.result} for verdict {verdict}")
    if run.returncode == 1 and not predicate.failed_tests:
        fail(f"{target}: NO-GO without a failed test")
    files = [s for s in statement["subject"] if "sha256" in s["digest"]]
    if not files:
        fail(f"{target}: no checklist among the subjects")
    for subject in files:
        if subject["digest"]["sha256"] != sha256(subject["name"]):
            fail(f"{target}: the digest of {subject['name']} is not its bytes'")
    sign_and_verify(run.stdout, target)
    return len(predicate.passed_tests) + len(predicate.warned_tests) + len(predicate.failed_tests)


def check_signoff(ready):
    work = tempfile.mkdtemp()
    try:
        path = os.path.join(work, "launch.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(
                "# Launch\n\n## Must Have\n- [x] Backups restore\n\n"
                "## Sign-off\n- [ ] SRE Lead\n"
            )
        run = subprocess.run(
            [ready, "signoff", "sign", "--role", "SRE Lead", "--name", "Ana",
             "--note", "reviewed the runbook", "--attest", path],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            fail(f"signoff sign --attest: exit {run.returncode}: {run.stderr}")
        folder = os.path.join(work, "launch.attestations")
        written = os.listdir(folder)
        if len(written) != 1:
            fail(f"expected one statement in {folder}, found {written}")
        with open(os.path.join(folder, written[0]), encoding="utf-8") as f:
            text = f.read()
        statement, predicate = parse_statement(
            text, scai_pb2.AttributeReport(), written[0]
        )
        # (AttributeReport.copy_from_pb fails on current protobuf; build it from the parts.)
        AttributeReport(list(predicate.attributes), predicate.producer).validate()
        attribute = predicate.attributes[0]
        if attribute.attribute != "signed-off" or attribute.conditions["role"] != "SRE Lead":
            fail(f"{written[0]}: attribute {attribute}")
        if attribute.target.digest["sha256"] != sha256(path):
            fail(f"{written[0]}: the target digest is not the checklist's")
        ledger = os.path.join(work, os.path.basename(attribute.evidence.name))
        if attribute.evidence.digest["sha256"] != sha256(ledger):
            fail(f"{written[0]}: the evidence digest is not the ledger's")
        if statement["subject"][0]["digest"]["sha256"] != sha256(path):
            fail(f"{written[0]}: the subject digest is not the checklist's")
        sign_and_verify(text, written[0])
    finally:
        shutil.rmtree(work)


def main():
    if len(sys.argv) < 3:
        fail(__doc__)
    ready = os.path.abspath(sys.argv[1])
    tests = sum(check_run(ready, target) for target in sys.argv[2:])
    check_signoff(ready)
    print(
        f"attestations: {len(sys.argv) - 2} check statements ({tests} items as tests) and a "
        "sign-off statement valid (in-toto-attestation), signed and verified offline (DSSE, "
        "securesystemslib), tampering refused"
    )


if __name__ == "__main__":
    main()

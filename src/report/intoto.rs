//! in-toto attestations, unsigned: a release process signs them with the tools it trusts
//! (`cosign attest-blob`, GitHub's `actions/attest`) and a deploy policy verifies them.
//!
//! - `ready check --format intoto`: a Statement v1 with the test-result predicate — GO, GO WITH
//!   WAIVERS and NO-GO as PASSED, WARNED and FAILED, the items as tests, the policy, `ready.yaml`
//!   and probe files as configuration; its subjects are the checklists' bytes and, in git, the
//!   commit judged.
//! - `ready signoff sign --attest`: a Statement v1 with the SCAI attribute-report predicate, one
//!   per signature: the attribute `signed-off`, the role, name and time as conditions, the
//!   checklist as target and the ledger as evidence.

use crate::hash::HashSet;
use std::io;

use serde_json::{Value, json};

use crate::gate::{Assessment, Verdict, WaiverState};
use crate::model::{InputDigests, Status};
use crate::report::Report;

/// The Statement layer's type.
pub(crate) const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";
/// The vetted test-result predicate.
pub(crate) const TEST_RESULT_TYPE: &str = "https://in-toto.io/attestation/test-result/v0.1";
/// The vetted SCAI attribute-report predicate.
pub(crate) const SCAI_TYPE: &str = "https://in-toto.io/attestation/scai/attribute-report/v0.2";

#[derive(Debug, Clone, Copy)]
pub(crate) struct IntotoReport;

/// A `ResourceDescriptor` for a file read by digest: `sha256:ab…` becomes `{"sha256": "ab…"}`.
pub(crate) fn descriptor(name: &str, digest: &str) -> Value {
    let (algorithm, hex) = digest.split_once(':').unwrap_or(("sha256", digest));
    json!({ "name": name, "digest": { algorithm: hex } })
}

/// The tests of the statement: what passed, what passed with a warning, what failed.
#[derive(Debug, Default)]
struct Tests {
    passed: Vec<String>,
    warned: Vec<String>,
    failed: Vec<String>,
}

/// Items are tests, named `path#id title`: failed when it still blocks, warned when a waiver
/// set its blocker aside; of the other items that count toward the score, warned when open,
/// partial or its probe passed only on a retry, passed when done or verified. A rule that blocks the run without an item
/// (the score, a sign-off, the waiver cap, a regression) is a failed test of its own.
fn tests(a: &Assessment) -> Tests {
    let blocking: HashSet<(&str, u32)> = a
        .blockers
        .iter()
        .filter_map(|b| b.item.as_ref())
        .map(|t| (&*t.span.file, t.span.line))
        .collect();
    let waived: HashSet<(&str, u32)> = a
        .waivers
        .iter()
        .filter(|w| w.state == WaiverState::Active)
        .flat_map(|w| w.blockers.iter())
        .filter_map(|b| b.item.as_ref())
        .map(|t| (&*t.span.file, t.span.line))
        .collect();
    let counted = a.counted_items();
    let mut tests = Tests::default();
    for checklist in &a.checklists {
        let counted = counted.of(&checklist.path);
        for (place, item) in checklist.items().enumerate() {
            let name = || format!("{}#{} {}", checklist.path, item.id, item.title);
            let at = (&*item.span.file, item.span.line);
            if blocking.contains(&at) {
                tests.failed.push(name());
            } else if waived.contains(&at) {
                tests.warned.push(name());
            } else if counted.contains(place) {
                let name = name();
                match item.status() {
                    Status::Done | Status::Verified => tests.passed.push(name),
                    Status::NotApplicable => {}
                    Status::Open | Status::Partial | Status::Flaky | Status::Contradicted => {
                        tests.warned.push(name);
                    }
                }
            }
        }
    }
    for blocker in a.blockers.iter().filter(|b| b.item.is_none()) {
        tests
            .failed
            .push(format!("{}: {}", blocker.rule.label(), blocker.message));
    }
    tests
}

/// The statement for an assessment.
pub(crate) fn statement(a: &Assessment) -> Value {
    let empty = InputDigests::default();
    let digests = a.provenance.digests.as_ref().unwrap_or(&empty);
    let mut subject: Vec<Value> = digests
        .checklists
        .iter()
        .map(|(path, digest)| descriptor(path, digest))
        .collect();
    if let Some(commit) = &a.provenance.commit {
        subject.push(json!({ "name": "commit", "digest": { "gitCommit": commit } }));
    }
    let mut configuration = vec![json!({
        "name": "policy",
        "digest": { "sha256": digests.policy.trim_start_matches("sha256:") },
        "annotations": { "threshold": a.policy.threshold },
    })];
    configuration.extend(digests.config.iter().map(|(p, d)| descriptor(p, d)));
    configuration.extend(digests.probe_files.iter().map(|(p, d)| descriptor(p, d)));
    let result = match a.verdict {
        Verdict::Go => "PASSED",
        Verdict::GoWithWaivers => "WARNED",
        Verdict::NoGo => "FAILED",
    };
    let tests = tests(a);
    json!({
        "_type": STATEMENT_TYPE,
        "subject": subject,
        "predicateType": TEST_RESULT_TYPE,
        "predicate": {
            "result": result,
            "configuration": configuration,
            "passedTests": tests.passed,
            "warnedTests": tests.warned,
            "failedTests": tests.failed,
        },
    })
}

impl Report for IntotoReport {
    fn write(&self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        crate::report::write_json(&statement(a), out)
    }
}

/// One signature in a sign-off ledger, as its attestation states it.
#[derive(Debug, Clone)]
pub(crate) struct SignOffFacts<'a> {
    /// The checklist as named, and the digest of its bytes.
    pub(crate) checklist: (&'a str, &'a str),
    /// The ledger as named, and the digest of its bytes with this signature in it.
    pub(crate) ledger: (&'a str, &'a str),
    pub(crate) role: &'a str,
    pub(crate) name: &'a str,
    pub(crate) note: Option<&'a str>,
    pub(crate) signed_at: &'a str,
    /// The digest of the scored content the signature is bound to (the ledger's own).
    pub(crate) content_digest: &'a str,
}

/// The statement for one sign-off: the checklist is the subject and the attribute's target,
/// the ledger its evidence.
pub(crate) fn signoff_statement(facts: &SignOffFacts<'_>) -> Value {
    let checklist = descriptor(facts.checklist.0, facts.checklist.1);
    let mut conditions = json!({
        "role": facts.role,
        "name": facts.name,
        "signedAt": facts.signed_at,
        "contentDigest": facts.content_digest,
    });
    if let Some(note) = facts.note {
        conditions["note"] = json!(note);
    }
    json!({
        "_type": STATEMENT_TYPE,
        "subject": [checklist],
        "predicateType": SCAI_TYPE,
        "predicate": {
            "attributes": [{
                "attribute": "signed-off",
                "target": checklist,
                "conditions": conditions,
                "evidence": descriptor(facts.ledger.0, facts.ledger.1),
            }],
            "producer": {
                "name": "ready",
                "annotations": { "version": env!("CARGO_PKG_VERSION") },
            },
        },
    })
}

/// The statement as a file's bytes: pretty JSON ending in a newline.
pub(crate) fn to_bytes(statement: &Value) -> Vec<u8> {
    crate::report::pretty::to_text(statement)
        .unwrap_or_default()
        .into_bytes()
}

//! The two checklists the product was specified from. Both must come out NO-GO, for the right
//! reasons, with the evidence pointing at the right lines.

use crate::support::{check_json, fixture, run, strings};

const PRIME: &str = "seeds/prime-spark.md";
const MEMORY: &str = "seeds/memory-system.md";

#[test]
fn prime_spark_is_no_go_because_of_two_pending_must_haves() {
    let (code, report) = check_json(&[&fixture(PRIME)]);
    assert_eq!(code, 1);
    assert_eq!(report["verdict"], "no-go");
    assert_eq!(report["declared_score"], 90.0);
    assert_eq!(report["threshold"], 90.0);
    // Computed from the items, not taken from the document's "90%".
    assert_eq!(report["score"], 94.87);
    assert_eq!(
        report["summary"]["items"], 320,
        "GitHub renders 320 task boxes"
    );
    assert_eq!(report["summary"]["checked"], 213);

    let must: Vec<&serde_json::Value> = report["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .filter(|b| b["rule"] == "must-have-open")
        .collect();
    let titles: Vec<&str> = must
        .iter()
        .map(|b| b["item"]["title"].as_str().expect("title"))
        .collect();
    assert_eq!(titles, ["1-week load test passed", "DR drill successful"]);
    assert_eq!(must[0]["item"]["section"], "17.1 Go-Live Decision Criteria");
    assert_eq!(must[0]["item"]["span"]["line"], 584);
    assert!(
        must[0]["message"]
            .as_str()
            .expect("message")
            .contains("prime-spark.md:527")
    );

    let should: Vec<String> = report["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .filter(|b| b["rule"] == "should-have-open")
        .map(|b| b["item"]["title"].as_str().expect("title").to_owned())
        .collect();
    assert_eq!(
        should,
        ["Team trained", "Runbooks finalized", "On-call rotation"]
    );
    assert!(
        report["blockers"]
            .as_array()
            .expect("blockers")
            .iter()
            .all(|b| b["rule"] != "score-below-threshold"),
        "94.87% clears the 90% threshold: the verdict hangs on the must-haves"
    );
}

#[test]
fn prime_spark_computed_categories_sit_beside_declared_ones() {
    let (_, report) = check_json(&[&fixture(PRIME)]);
    let categories = report["categories"].as_array().expect("categories");
    let weighted: Vec<(String, f64, f64, f64)> = categories
        .iter()
        .filter(|c| c["weight"].as_f64() > Some(0.0))
        .map(|c| {
            (
                c["name"].as_str().expect("name").to_owned(),
                c["weight"].as_f64().expect("weight"),
                c["score"].as_f64().expect("score"),
                c["declared_score"].as_f64().expect("declared"),
            )
        })
        .collect();
    let expected = [
        ("1 Feature Completeness", 20.0, 100.0, 100.0),
        ("2 Testing & Quality Assurance", 15.0, 85.71, 85.0),
        ("3 Performance Validation", 15.0, 100.0, 95.0),
        ("4 Security Compliance", 15.0, 100.0, 100.0),
        ("5 Infrastructure Readiness", 10.0, 100.0, 100.0),
        ("6 Monitoring & Observability", 10.0, 100.0, 100.0),
        ("7 Backup & Recovery", 5.0, 91.67, 90.0),
        ("8 Documentation", 5.0, 94.74, 95.0),
        ("9 Operational Readiness", 5.0, 53.85, 50.0),
    ];
    let expected: Vec<(String, f64, f64, f64)> = expected
        .iter()
        .map(|(n, w, s, d)| ((*n).to_owned(), *w, *s, *d))
        .collect();
    assert_eq!(weighted, expected);

    let (_, table, _) = run(&["check", &fixture(PRIME)]);
    assert!(
        table.starts_with("NO-GO  readiness 94.9% (threshold 90%, declared 90%)"),
        "{table}"
    );
    assert!(
        table.contains(
            "│ 9 Operational Readiness       ┆   5.0% ┆    53.8% ┆    50.0% ┆  +3.8 ┆  7/13 │"
        ),
        "{table}"
    );
}

#[test]
fn prime_spark_mojibake_is_repaired_and_reported() {
    let (_, report) = check_json(&[&fixture(PRIME)]);
    let warnings = strings(&report["warnings"], "message");
    assert!(
        warnings[0].contains("repaired 87 mojibake sequences") && warnings[0].contains("Mac Roman"),
        "{warnings:?}"
    );
    assert_eq!(report["warnings"][0]["span"]["line"], 20);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("RECOMMENDATION: CONDITIONAL GO") && w.contains("NO-GO")),
        "{warnings:?}"
    );
    let (_, yaml, _) = run(&["export", &fixture(PRIME)]);
    assert!(
        yaml.contains("✅ 100% Complete"),
        "declared statuses come out repaired"
    );
    assert!(!yaml.contains("‚úÖ"));
}

#[test]
fn prime_spark_signoffs_are_all_pending() {
    let (_, report) = check_json(&[&fixture(PRIME)]);
    let signoffs = report["signoffs"].as_array().expect("signoffs");
    assert_eq!(signoffs.len(), 13);
    assert!(signoffs.iter().all(|s| s["signed"] == false));
    assert_eq!(signoffs[0]["group"], "Technical");
    assert_eq!(signoffs[0]["role"], "System Architect");
    assert_eq!(signoffs[12]["group"], "Business");
}

#[test]
fn memory_system_is_no_go_below_threshold() {
    let (code, report) = check_json(&[&fixture(MEMORY)]);
    assert_eq!(code, 1);
    assert_eq!(report["verdict"], "no-go");
    assert_eq!(report["score"], 85.71);
    assert_eq!(report["declared_score"], serde_json::Value::Null);
    assert_eq!(report["summary"]["items"], 62);
    assert_eq!(report["summary"]["checked"], 35);
    let names = strings(&report["categories"], "name");
    assert_eq!(
        names,
        [
            "1 Code Quality and Testing",
            "2 Performance Requirements",
            "3 Security and Compliance",
            "4 Infrastructure and Deployment",
            "5 Operational Readiness",
            "8 Pre-Production Checklist",
            "9 Go-Live Checklist",
        ],
        "the numbered ### sections with items are the categories; post-launch section 10 is not"
    );
    let blockers = report["blockers"].as_array().expect("blockers");
    assert_eq!(blockers.len(), 1);
    assert_eq!(blockers[0]["rule"], "score-below-threshold");
    assert!(
        blockers[0]["message"]
            .as_str()
            .expect("message")
            .contains("9 Go-Live Checklist 0% (12 open)")
    );
    let warnings = strings(&report["warnings"], "message");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("APPROVED FOR PRODUCTION")),
        "{warnings:?}"
    );
}

#[test]
fn memory_system_shows_seven_blank_signoffs_as_pending() {
    let (code, stdout, _) = run(&["signoff", &fixture(MEMORY)]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("memory_system_signoffs", stdout);
    let (_, json, _) = run(&["signoff", "--format", "json", &fixture(MEMORY)]);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        (doc["signed"].as_u64(), doc["pending"].as_u64()),
        (Some(0), Some(7))
    );
    assert_eq!(doc["signoffs"][4]["group"], "Business");
    assert_eq!(doc["signoffs"][4]["role"], "Product Owner");
}

#[test]
fn seed_table_reports_are_stable() {
    for (name, seed) in [
        ("prime_spark_table", PRIME),
        ("memory_system_table", MEMORY),
    ] {
        // The day after prime-spark's own date: its go-live is still ahead.
        let (_, stdout, _) = run(&["check", "--today", "2025-11-06", &fixture(seed)]);
        insta::assert_snapshot!(name, stdout);
    }
}

//! `ready export`: the criteria tree of any checklist, and the promise that checking the exported
//! YAML gives the same score, verdict and counts as checking the original.

use std::path::Path;

use crate::support::{check_json, fixture, root, run};

/// What the boxes say: probes are off, so the tree alone is compared (the exported YAML keeps
/// the items' probe bindings, but a temp dir has no probe files).
fn verdict_of(path: &str) -> serde_json::Value {
    let (_, report) = check_json(&[path, "--no-probes"]);
    let categories: Vec<serde_json::Value> = report["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| {
            serde_json::json!([
                c["name"],
                c["weight"],
                c["score"],
                c["declared_score"],
                c["counted"]
            ])
        })
        .collect();
    let rules: Vec<&serde_json::Value> = report["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .map(|b| &b["rule"])
        .collect();
    serde_json::json!({
        "verdict": report["verdict"],
        "score": report["score"],
        "declared": report["declared_score"],
        "summary": [report["summary"]["items"], report["summary"]["checked"], report["summary"]["counted"]],
        "categories": categories,
        "rules": rules,
        "signoffs": report["signoffs"].as_array().map(|s| s.iter().map(|x| (x["role"].clone(), x["signed"].clone())).collect::<Vec<_>>()),
    })
}

fn round_trip(source: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let exported = dir.path().join("exported.yaml");
    let exported_str = exported.to_str().expect("path");
    let (code, _, stderr) = run(&["export", source, "--output", exported_str]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        verdict_of(exported_str),
        verdict_of(source),
        "export of {source} checks differently"
    );

    // And once more: YAML → YAML is a fixed point.
    let again = dir.path().join("again.yaml");
    let (code, _, _) = run(&[
        "export",
        exported_str,
        "--output",
        again.to_str().expect("path"),
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(&exported).expect("read"),
        std::fs::read_to_string(&again).expect("read")
    );
}

#[test]
fn exported_yaml_checks_the_same_as_markdown() {
    for source in [
        fixture("seeds/prime-spark.md"),
        fixture("seeds/memory-system.md"),
        "checklists/templates/service-launch.md".to_owned(),
        "checklists/templates/service-launch.yaml".to_owned(),
        "checklists/example/payments-api.md".to_owned(),
    ] {
        round_trip(&source);
    }
}

#[test]
fn json_export_carries_the_same_tree() {
    let (code, json, _) = run(&[
        "export",
        "--format",
        "json",
        &fixture("seeds/prime-spark.md"),
    ]);
    assert_eq!(code, 0);
    let tree: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(tree["declared_score"], 90.0);
    let first = &tree["sections"][0];
    assert_eq!(
        first["title"],
        "Prime Spark AI - Production Readiness Checklist"
    );
    let feature = &first["sections"][0];
    assert_eq!(
        (feature["number"].as_str(), feature["weight"].as_f64()),
        (Some("1"), Some(20.0))
    );
    assert_eq!(
        feature["sections"][0]["items"][0]["title"],
        "KVA Storage Layer - Operational"
    );
}

#[test]
fn export_to_a_file_is_atomic_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("tree.yaml");
    std::fs::write(&target, "old contents").expect("write");
    let (code, _, _) = run(&[
        "export",
        &fixture("seeds/memory-system.md"),
        "-o",
        target.to_str().expect("path"),
    ]);
    assert_eq!(code, 0);
    let written = std::fs::read_to_string(&target).expect("read");
    assert!(
        written.starts_with("title: Memory System Production Readiness Checklist\n"),
        "{written}"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["tree.yaml"]);
    assert!(Path::new(&root()).exists());
}

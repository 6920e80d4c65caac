//! What ships in the repository: every template, example and probe file is loaded and checked,
//! so the documentation cannot drift from what the tool accepts.

use crate::support::{check_json, root, run};

fn files_under(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(path) = stack.pop() {
        for entry in std::fs::read_dir(&path).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(root()).expect("under root");
                out.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_shipped_checklist_loads() {
    let files = files_under("checklists");
    assert!(files.len() >= 3, "{files:?}");
    for file in files.iter().filter(|f| !f.ends_with("ready.yaml")) {
        let (code, report) = check_json(&[file]);
        assert!(code == 0 || code == 1);
        assert!(
            report["summary"]["items"].as_u64() > Some(0),
            "{file} has items"
        );
    }
}

#[test]
fn templates_start_out_no_go_and_name_their_must_haves() {
    for template in [
        "checklists/templates/service-launch.md",
        "checklists/templates/service-launch.yaml",
    ] {
        let (code, report) = check_json(&[template]);
        assert_eq!(code, 1, "{template}");
        assert_eq!(report["score"], 0.0);
        let rules: Vec<&str> = report["blockers"]
            .as_array()
            .expect("blockers")
            .iter()
            .map(|b| b["rule"].as_str().expect("rule"))
            .collect();
        assert!(rules.contains(&"must-have-open"), "{template}: {rules:?}");
        let categories: Vec<(String, f64)> = report["categories"]
            .as_array()
            .expect("categories")
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().expect("name").to_owned(),
                    c["weight"].as_f64().expect("weight"),
                )
            })
            .collect();
        assert_eq!(
            categories[0],
            ("1 Reliability".to_owned(), 30.0),
            "{template}"
        );
        assert_eq!(categories.len(), 5, "{template}: {categories:?}");
        assert!(report["signoffs"].as_array().expect("signoffs").len() >= 3);
    }
}

#[test]
fn the_example_explains_its_no_go() {
    let (code, stdout, _) = run(&["check", "checklists/example"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("example_table", stdout);
}

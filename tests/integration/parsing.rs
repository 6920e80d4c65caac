//! How checklists are read: task boxes exactly as GitHub renders them, and the conventions
//! people write (tags, emoji, priorities, phases, sign-offs, encodings).

use crate::support::{check_json, fixture, run_in, write};

#[test]
fn task_boxes_are_counted_as_github_renders_them() {
    // cmark-gfm renders 15 boxes (7 ticked) in this file; it leaves the box inside the block
    // quote as text, which GitHub.com shows as a box, so we count 16 (8).
    let (_, report) = check_json(&["--threshold", "0", &fixture("markdown/task-edge-cases.md")]);
    assert_eq!(report["summary"]["items"], 16);
    assert_eq!(report["summary"]["checked"], 8);
    let titles: Vec<String> = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["title"].as_str().expect("title").to_owned())
        .collect();
    assert!(titles.contains(&"a tab after the box".to_owned()));
    assert!(
        !titles
            .iter()
            .any(|t| t.contains("fenced") || t.contains("table") || t.contains("comment"))
    );
    let parent = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["title"] == "parent")
        .expect("parent");
    assert_eq!(parent["children"][0]["title"], "child");
    assert_eq!(
        parent["children"][0]["children"][0]["id"], "nesting/2.1.1",
        "a lone H1 does not prefix ids"
    );
}

#[test]
fn tags_and_emoji_change_what_a_box_is_worth() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "# T\n## A\n- [x] Done\n- [x] Ticked but PENDING\n- [x] Ticked but waiting ⏳\n- [ ] Half - PARTIAL\n- [ ] Extra - OPTIONAL\n- [ ] Not ours (N/A)\n## B\n- [x] b\n";
    let path = write(dir.path(), "t.md", text);
    let (_, report) = check_json(&[path.to_str().expect("path")]);
    let a = &report["categories"][0];
    assert_eq!(
        (a["counted"].as_u64(), a["done"].as_f64()),
        (Some(4), Some(1.5))
    );
    let statuses: Vec<&str> = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["status"].as_str().expect("status"))
        .collect();
    assert_eq!(
        statuses,
        ["done", "open", "open", "partial", "open", "n/a", "done"]
    );
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("Ticked but PENDING\\\" is ticked but says PENDING; counted as open"),
        "{warnings}"
    );
    assert!(
        warnings.contains("Ticked but waiting\\\" is ticked but says ⏳"),
        "{warnings}"
    );
}

#[test]
fn priority_groups_block_and_link_to_the_items_they_restate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "# T\n## 1. Ops\n- [ ] On-call rotation established - PENDING\n- [x] Backups run\n## 2. Gate\n**Must Have:**\n- [x] On-call rotation\n\n**Nice to Have:**\n- [ ] Backups run\n";
    let path = write(dir.path(), "t.md", text);
    let (code, report) = check_json(&["--threshold", "0", path.to_str().expect("path")]);
    assert_eq!(code, 1);
    let blocker = &report["blockers"][0];
    assert_eq!(blocker["rule"], "must-have-open");
    assert!(
        blocker["message"]
            .as_str()
            .expect("message")
            .contains("is ticked, but the item it restates is open"),
        "{blocker}"
    );
    let must = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["priority"] == "must")
        .expect("must item");
    assert_eq!(must["restates"][0], "1/1");
}

#[test]
fn should_have_minimum_comes_from_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "# T\n## A\n- [x] a\n### Should Have\n- [x] s1\n- [ ] s2\n- [x] s3\n";
    write(dir.path(), "t.md", text);
    let (code, _, _) = run_in(dir.path(), &["check", "--threshold", "0", "t.md"]);
    assert_eq!(code, 1, "by default every should-have must be done");
    write(dir.path(), "ready.yaml", "policy:\n  should_have_min: 2\n");
    let (code, stdout, _) = run_in(dir.path(), &["check", "--threshold", "0", "t.md"]);
    assert_eq!(code, 0, "{stdout}");
    write(
        dir.path(),
        "ready.yaml",
        "policy:\n  should_have_min: \"100%\"\n",
    );
    let (code, _, _) = run_in(dir.path(), &["check", "--threshold", "0", "t.md"]);
    assert_eq!(code, 1);
}

#[test]
fn crlf_bom_and_invalid_utf8_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "w.md",
        b"\xEF\xBB\xBF# Title\r\n- [x] one\r\n- [ ] two \xFF\xFE here\r\n",
    );
    let (_, report) = check_json(&["--threshold", "0", path.to_str().expect("path")]);
    assert_eq!(report["summary"]["items"], 2);
    assert_eq!(
        report["items"][1]["title"], "two \u{FFFD}\u{FFFD} here",
        "one U+FFFD per invalid byte"
    );
    assert_eq!(report["items"][1]["span"]["line"], 3);
    let warning = &report["warnings"][0];
    assert!(
        warning["message"]
            .as_str()
            .expect("message")
            .contains("invalid UTF-8 replaced with U+FFFD on line 3")
    );
}

#[test]
fn signoff_lines_tables_and_boxes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "# T\n- [x] a\n## Approvals\n### Technical\n- [x] SRE Lead — Ana Diaz (2026-11-02)\n- [ ] Security Lead\n### Business\n| Role | Name | Date |\n|---|---|---|\n| Product Owner | Kim Lee | 2026-11-03 |\n| Legal | ____ | |\n\n**CTO:** ________ Date: ______\n";
    write(dir.path(), "t.md", text);
    let (_, stdout, _) = run_in(dir.path(), &["signoff", "--format", "json", "t.md"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let rows: Vec<(String, String, bool)> = doc["signoffs"]
        .as_array()
        .expect("signoffs")
        .iter()
        .map(|s| {
            (
                s["group"].as_str().unwrap_or("").to_owned(),
                s["role"].as_str().expect("role").to_owned(),
                s["signed"].as_bool().expect("signed"),
            )
        })
        .collect();
    let expected = [
        ("Technical", "SRE Lead", true),
        ("Technical", "Security Lead", false),
        ("Business", "Product Owner", true),
        ("Business", "Legal", false),
        ("Business", "CTO", false),
    ];
    let expected: Vec<(String, String, bool)> = expected
        .iter()
        .map(|(g, r, s)| ((*g).into(), (*r).into(), *s))
        .collect();
    assert_eq!(rows, expected);
    assert_eq!(doc["signoffs"][0]["name"], "Ana Diaz");
    assert_eq!(doc["signoffs"][0]["date"], "2026-11-02");
}

/// Read as its authors meant it, end to end: a title naming approval, criteria under a sign-off
/// heading, a P0 heading, and a rollback procedure (issue 10, classes 1, 2, 5 and 6).
#[test]
fn release_checklists_are_read_as_their_authors_meant() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "release.md",
        "# Release Approval Checklist\n\
         ## P0 - Must Be True Before Launch\n- [x] unit tests pass\n- [ ] data migration rehearsed\n\
         ## Release Sign-off Checklist\n- [x] Test plan is in place\n- [ ] QA Lead\n\
         ## Rollback Procedure\n- [ ] Revert the deployment\n- [ ] Restore the database\n",
    );
    let (code, stdout, stderr) = run_in(dir.path(), &["check", "--format", "json", "release.md"]);
    assert_eq!(code, 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    // 2 of 3 criteria done: the rollback steps are shown, not scored; QA Lead is a sign-off.
    assert_eq!(report["summary"]["counted"], 3, "{report:#}");
    let rules: Vec<String> = crate::support::strings(&report["blockers"], "rule");
    assert!(rules.contains(&"must-have-open".to_owned()), "{rules:?}");
    let signoff_roles = crate::support::strings(&report["signoffs"], "role");
    assert_eq!(signoff_roles, ["QA Lead"]);
    let phases: Vec<&str> = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["phase"].as_str())
        .collect();
    assert_eq!(
        phases.iter().filter(|p| **p == "contingency").count(),
        2,
        "{phases:?}"
    );
}

/// When nothing is left to gate, the error says what the boxes are instead (class 1).
#[test]
fn nothing_to_gate_names_the_real_cause() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "approvals.md",
        "# Launch\n## Approvals\n- [x] SRE Lead\n- [ ] QA Lead\n## After launch\n- [ ] Retro\n",
    );
    let (code, _, stderr) = run_in(dir.path(), &["check", "approvals.md"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "its task boxes are 2 sign-off boxes, 1 item planned for launch day or later"
        ),
        "{stderr}"
    );
}

/// What a checklist says about its own gate is kept: its NO-GO conditions stop the launch when
/// ticked, and its stated rule holds even where `ready.yaml` allows fewer should-haves.
#[test]
fn the_checklists_own_rules_reach_the_verdict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "# Launch\n\n> Do not launch if any P1 item is unchecked.\n\n\
                ## P0 - Must Be True Before Launch\n- [x] Backups restore\n\
                ## P1\n- [x] Runbook\n- [ ] Dashboards\n\
                ## Go/No-Go\n### NO-GO Conditions\n- [ ] Data loss seen\n- [x] Provider unstable\n";
    write(
        dir.path(),
        "ready.yaml",
        "policy:\n  should_have_min: 1\n  threshold: 50\n",
    );
    let path = write(dir.path(), "launch.md", text);
    let (code, report) = check_json(&[path.to_str().expect("path")]);
    assert_eq!(code, 1);
    let blockers: Vec<(String, u64)> = report["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .map(|b| {
            (
                b["rule"].as_str().expect("rule").to_owned(),
                b["item"]["span"]["line"].as_u64().expect("line"),
            )
        })
        .collect();
    assert_eq!(
        blockers,
        [
            ("stop-condition".to_owned(), 13),
            ("stated-rule".to_owned(), 9)
        ]
    );
    let message = report["blockers"][1]["message"].as_str().expect("message");
    assert!(
        message.contains("\"Do not launch if any P1 item is unchecked.\"")
            && message.contains(":3)"),
        "{message}"
    );
    let tags: Vec<String> = report["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["title"] == "Provider unstable")
        .map(|i| i["tags"].to_string())
        .collect();
    assert_eq!(tags, ["[\"stop-condition\"]"]);
    // The stop conditions are no work: 3 of 5 boxes are counted.
    assert_eq!(report["summary"]["counted"], 3);
}

/// A checklist longer than a block (1 MiB) is read from its file a block at a time; written
/// with CRLF line ends, the same checklist is read whole. Every report must be the same:
/// items, claims, the front matter's policy, lint findings and their columns.
#[test]
fn a_long_checklist_reads_the_same_in_blocks_as_whole() {
    let mut text = String::from(
        "---\nready:\n  threshold: 80\n---\n# Launch\n\n**Overall readiness: 90%**\n\n",
    );
    for s in 1..=2_600 {
        text.push_str(&format!(
            "## {s}. Area {s}\n\n**Status:** ✅ 100% Complete\n\n"
        ));
        for i in 1..=12 {
            let open = (s + i) % 5 == 0;
            let mark = if open { " " } else { "x" };
            text.push_str(&format!(
                "- [{mark}] Item {s}.{i}: `svc-{i}` answers within the SLO (owner: @team)\n"
            ));
        }
        text.push_str("  - [x] sub-check *documented*\n\n");
        if s % 100 == 0 {
            text.push_str("```sh\n\n# not a heading\n- [x] not an item\n```\n\n");
        }
    }
    assert!(text.len() > 2 << 20, "{} bytes: three blocks", text.len());
    let in_blocks = tempfile::tempdir().expect("tempdir");
    let whole = tempfile::tempdir().expect("tempdir");
    write(in_blocks.path(), "c.md", &text);
    write(whole.path(), "c.md", text.replace('\n', "\r\n"));
    let read = |dir: &std::path::Path, args: &[&str]| {
        let (code, stdout, stderr) = run_in(dir, args);
        assert!(code == 0 || code == 1, "exit {code}: {stderr}");
        let mut value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
        value.as_object_mut().map(|o| o.remove("generated_at"));
        value
    };
    for args in [
        &["check", "c.md", "--no-probes", "--format", "json"][..],
        &["lint", "c.md", "--format", "sarif"],
    ] {
        let read_in_blocks = read(in_blocks.path(), args);
        assert_eq!(read_in_blocks, read(whole.path(), args), "{args:?}");
        if args[0] == "check" {
            assert_eq!(read_in_blocks["threshold"], 80.0);
            assert_eq!(read_in_blocks["summary"]["items"], 2_600 * 13);
        }
    }
}

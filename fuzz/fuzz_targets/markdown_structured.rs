//! Checklists as people write them, generated from the fuzzer's bytes: headings with the words
//! that carry meaning (priorities, phases, sign-offs, NO-GO conditions, points, numbers, icons),
//! nested task lists with tags and status emoji, weight, status and sign-off tables, bold
//! labels, fill-in lines, code blocks and mojibake. Raw bytes rarely reach these shapes; here
//! every input is one.
#![no_main]

use std::fmt::Write as _;

use arbitrary::{Arbitrary, Unstructured};

const HEADING_WORDS: &[&str] = &[
    "Security", "Must Have", "Should Have", "Nice to Have", "P0 - Blockers", "P1", "Optional",
    "Post-Launch", "Launch Day", "Rollback Procedure", "Hotfix", "Sign-off", "Approvals",
    "Freigabe", "审批", "承認", "NO-GO Conditions", "GO Conditions", "Go/No-Go Criteria",
    "Overview", "PRE-DEPLOYMENT PHASE", "Infrastructure (30/40)", "Testing ✅", "✅ READY?",
    "Bonus", "Средний приоритет", "部署后检查", "How is it enabled?", "Abort criteria",
];

const ITEM_WORDS: &[&str] = &[
    "Backups restore", "Load test passed", "QA Lead", "Tech Lead: ____ Date: ___", "Security",
    "Overview", "Yes", "No", "Other", "Runbook - PENDING", "Docs (optional)", "Half - PARTIAL",
    "Not ours (N/A)", "(R) Test plan", "[P0] Fix login", "**CRIT-001:** Fix injection",
    "![High][h] Doctype", "⏳ waiting", "❌ failed", "✅ done", "‚úÖ mojibake", "<!-- probe: x -->",
    "Do not launch if any P1 item is unchecked", "`code`", "[link](#security)",
];

const LINES: &[&str] = &[
    "**Status:** ✅ Complete", "**Current Readiness:** 90%", "TOTAL: 55/70",
    "Recommendation: CONDITIONAL GO", "**Must Have:**", "**Approval Signatures**:",
    "**CTO / IT Director:**", "Signature: ____", "Print Name: ____", "Date: ____",
    "> Do not launch if any P0 item is unchecked.", "[h]: h.png", "---", "<details>",
    "**NO-GO if:**", "All Critical items must be done before launch.",
];

const TABLES: &[&str] = &[
    "| Category | Weight | Score |\n|---|---|---|\n| Security | 30% | 80% |\n| Testing | 70 | 90 |",
    "| Area | Ready? |\n|---|---|\n| Security | ✅ |\n| Overview | Yes |",
    "| Role | Name | Date |\n|---|---|---|\n| QA Lead | Ana | 2026-01-01 |\n| [REPLACE: Role] | | |",
    "| Rôle | Nom | Signature |\n|---|---|---|\n| CTO | | |",
];

#[derive(Debug, Arbitrary)]
enum Block {
    Heading { level: u8, word: u8, number: Option<u8> },
    Item { depth: u8, ticked: bool, word: u8, extra: Option<u8> },
    Line(u8),
    Table(u8),
    Code { boxes: u8 },
    Raw(String),
}

fn pick<'a>(list: &[&'a str], index: u8) -> &'a str {
    list[usize::from(index) % list.len()]
}

fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading { level, word, number } => {
                let hashes = "#".repeat(usize::from(level % 6) + 1);
                let number = number.map(|n| format!("{}. ", n % 20)).unwrap_or_default();
                let _ = writeln!(out, "\n{hashes} {number}{}\n", pick(HEADING_WORDS, *word));
            }
            Block::Item { depth, ticked, word, extra } => {
                let indent = "  ".repeat(usize::from(depth % 20));
                let mark = if *ticked { "x" } else { " " };
                let extra = extra.map(|e| format!(" {}", pick(ITEM_WORDS, e))).unwrap_or_default();
                let _ = writeln!(out, "{indent}- [{mark}] {}{extra}", pick(ITEM_WORDS, *word));
            }
            Block::Line(index) => {
                let _ = writeln!(out, "\n{}", pick(LINES, *index));
            }
            Block::Table(index) => {
                let _ = writeln!(out, "\n{}\n", pick(TABLES, *index));
            }
            Block::Code { boxes } => {
                out.push_str("\n```\n");
                for _ in 0..boxes % 8 {
                    out.push_str("- [ ] inside code\n");
                }
                out.push_str("```\n");
            }
            Block::Raw(text) => out.push_str(text),
        }
    }
    out
}

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let mut input = Unstructured::new(bytes);
    if let Ok(blocks) = Vec::<Block>::arbitrary(&mut input) {
        let front = if bytes.first().is_some_and(|b| b % 7 == 0) {
            "---\nready:\n  threshold: 80\n---\n"
        } else {
            ""
        };
        let text = format!("{front}{}", render(&blocks));
        ready_gate::workflow::fuzz::markdown_checklist(text.as_bytes());
    }
});

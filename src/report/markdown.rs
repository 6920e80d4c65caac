//! Markdown for pull-request comments and GitHub's job summary (`$GITHUB_STEP_SUMMARY`): the
//! verdict, the score against the threshold, the category table, the blockers with links to
//! the checklist lines, waivers and sign-offs. Everything the checklist author wrote is escaped,
//! so an item title cannot break the table or inject markup.

use std::io;

use crate::gate::Assessment;
use crate::gate::Verdict;
use crate::gate::WaiverState;
use crate::model::format_count;
use crate::report::fmt::{self, percent};
use crate::report::{Links, Report};

#[derive(Debug, Clone)]
pub(crate) struct MarkdownReport {
    pub(crate) links: Links,
}

/// Backslash-escapes the characters that would turn text into markup (CommonMark allows a
/// backslash before any ASCII punctuation), and keeps a cell on one line.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

impl Report for MarkdownReport {
    fn write(&self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        let icon = match a.verdict {
            Verdict::Go => "✅",
            Verdict::GoWithWaivers => "⚠️",
            Verdict::NoGo => "❌",
        };
        writeln!(
            out,
            "## {icon} {}: readiness {:.1}% (threshold {}%)\n",
            a.verdict.label(),
            a.score,
            format_count(a.policy.threshold)
        )?;
        let paths: Vec<String> = a
            .checklists
            .iter()
            .map(|c| format!("`{}`", c.path.replace('`', "'")))
            .collect();
        let mut facts = vec![
            paths.join(", "),
            format!(
                "{} task boxes, {} ticked",
                a.summary.items, a.summary.checked
            ),
            format!(
                "{} blocker{}",
                a.blockers.len(),
                fmt::plural(a.blockers.len())
            ),
        ];
        if let Some(declared) = a.declared_score {
            facts.push(format!("declared {}%", format_count(declared)));
        }
        let p = &a.summary.probes;
        if p.total > 0 {
            facts.push(format!(
                "{} probes: {} passed, {} failed, {} skipped",
                p.total,
                p.pass,
                p.failed(),
                p.skipped
            ));
        }
        writeln!(out, "{}\n", facts.join(" · "))?;

        writeln!(
            out,
            "| Category | Weight | Computed | Declared | Done |\n|---|--:|--:|--:|--:|"
        )?;
        for c in a.categories.iter().filter(|c| c.weight > 0.0) {
            let mark = match c.score {
                Some(s) if a.policy.meets_threshold(s) => "",
                Some(_) => " 🔻",
                None => "",
            };
            writeln!(
                out,
                "| {} | {:.1}% | {}{mark} | {} | {}/{} |",
                escape(&c.name),
                c.weight,
                percent(c.score),
                percent(c.declared_score),
                format_count(c.done),
                c.counted
            )?;
        }

        if !a.blockers.is_empty() {
            writeln!(out, "\n### Blockers ({})\n", a.blockers.len())?;
            for b in &a.blockers {
                let place = b
                    .item
                    .as_ref()
                    .map(|t| {
                        format!(
                            " [{}]({})",
                            escape(&t.span.to_string()),
                            self.links.href(&t.span)
                        )
                    })
                    .unwrap_or_default();
                writeln!(
                    out,
                    "- **{}**{place}: {}",
                    b.rule.label(),
                    escape(&b.message)
                )?;
            }
        }

        let waivers: Vec<_> = a
            .waivers
            .iter()
            .filter(|w| w.state != WaiverState::Unused)
            .collect();
        if !waivers.is_empty() {
            writeln!(
                out,
                "\n### Waivers ({})\n\n| Item | State | Expires | Approved by | Reason |\n|---|---|---|---|---|",
                waivers.len()
            )?;
            for w in waivers {
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    escape(&w.waiver.item),
                    w.state.label(),
                    w.waiver.expires,
                    escape(&w.waiver.approved_by),
                    escape(&w.waiver.reason)
                )?;
            }
        }

        let approvals: Vec<_> = a.checklists.iter().flat_map(|c| &c.approvals).collect();
        if !approvals.is_empty() {
            writeln!(
                out,
                "\n### Sign-offs\n\n| Role | Ledger | Signed by | At | Checklist says |\n|---|---|---|---|---|"
            )?;
            for s in approvals {
                let declared = s.declared_label();
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {declared} |",
                    escape(&s.role),
                    s.status.label(),
                    escape(s.name.as_deref().unwrap_or("")),
                    s.signed_at.as_deref().unwrap_or(""),
                )?;
            }
        }

        if !a.warnings.is_empty() {
            writeln!(
                out,
                "\n<details><summary>Warnings ({})</summary>\n",
                a.warnings.len()
            )?;
            for w in &a.warnings {
                writeln!(out, "- {}", escape(&w.to_string()))?;
            }
            writeln!(out, "\n</details>")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_table_breaks() {
        assert_eq!(
            super::escape("a|b <script> *x*\nnext"),
            "a\\|b \\<script\\> \\*x\\* next"
        );
    }
}

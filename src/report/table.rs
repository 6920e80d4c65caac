//! The terminal report for the engineer running `ready check`: the verdict first, then the
//! category table (computed beside declared), then what blocks and what looks wrong.

use std::io;

use anstyle::{AnsiColor, Style as Ansi};
use comfy_table::{Cell, CellAlignment, Color};

use crate::gate::Assessment;
use crate::gate::Verdict;
use crate::gate::WaiverState;
use crate::model::format_count;
use crate::model::{ApprovalStatus, Checklist, Status};
use crate::report::fmt::{self, percent};
use crate::report::probes::{counts_line, outcome_cell};
use crate::report::{Report, Style};

#[derive(Debug, Clone, Copy)]
pub(crate) struct TableReport {
    pub(crate) style: Style,
}

impl TableReport {
    fn paint(self, style: Ansi, text: &str) -> String {
        fmt::paint(self.style, style, text)
    }
}

impl TableReport {
    /// One row per probe result on an item: what the box says, what the probe saw, and the
    /// status that follows. Only items with probes appear.
    fn evidence(self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        let items: Vec<_> = a
            .checklists
            .iter()
            .flat_map(Checklist::items)
            .filter(|i| !i.evidence.is_empty())
            .collect();
        if items.is_empty() {
            return Ok(());
        }
        let mut table = fmt::table(
            self.style,
            ["Item", "Box", "Status", "Probe", "Outcome", "Evidence"],
        );
        fmt::keep_whole(&mut table, 3);
        for item in items {
            let status = item.status();
            let mut status_cell = Cell::new(status.label());
            if self.style.color {
                status_cell = status_cell.fg(match status {
                    Status::Contradicted => Color::Red,
                    Status::Flaky => Color::Yellow,
                    Status::Verified => Color::Green,
                    _ => Color::Reset,
                });
            }
            for (n, evidence) in item.evidence.iter().enumerate() {
                let first = n == 0;
                table.add_row([
                    Cell::new(if first {
                        format!("{}\n{}", item.title, item.span)
                    } else {
                        String::new()
                    }),
                    Cell::new(match (first, item.checked) {
                        (false, _) => "",
                        (true, true) => "[x]",
                        (true, false) => "[ ]",
                    }),
                    if first {
                        status_cell.clone()
                    } else {
                        Cell::new("")
                    },
                    Cell::new(format!("{} ({})", evidence.id, evidence.kind)),
                    outcome_cell(evidence, self.style),
                    Cell::new(&evidence.message),
                ]);
            }
        }
        writeln!(out)?;
        writeln!(out, "{}", self.paint(Ansi::new().bold(), "Evidence"))?;
        writeln!(out, "{table}")
    }
}

impl TableReport {
    /// Waivers in effect or expired: the debt the verdict carries.
    fn waivers(self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        let shown: Vec<_> = a
            .waivers
            .iter()
            .filter(|w| w.state != WaiverState::Unused)
            .collect();
        if shown.is_empty() {
            return Ok(());
        }
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            self.paint(Ansi::new().bold(), &format!("Waivers ({})", shown.len()))
        )?;
        for w in shown {
            let mark = match w.state {
                WaiverState::Expired => {
                    self.paint(Ansi::new().fg_color(Some(AnsiColor::Red.into())), "✗")
                }
                _ => self.paint(Ansi::new().fg_color(Some(AnsiColor::Yellow.into())), "~"),
            };
            let (when, effect) = match w.state {
                WaiverState::Expired => {
                    (format!("expired on {}", w.waiver.expires), "blocking again")
                }
                _ => (format!("until {}", w.waiver.expires), "set aside"),
            };
            writeln!(
                out,
                "  {mark} {:?} {when}, approved by {}: {} ({}; {} blocker{} {effect})",
                w.waiver.item,
                w.waiver.approved_by,
                w.waiver.reason,
                w.waiver.span,
                w.blockers.len(),
                fmt::plural(w.blockers.len()),
            )?;
        }
        Ok(())
    }
}

impl Report for TableReport {
    fn write(&self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        let bold = Ansi::new().bold();
        let verdict_color = match a.verdict {
            Verdict::Go => AnsiColor::Green,
            Verdict::GoWithWaivers => AnsiColor::Yellow,
            Verdict::NoGo => AnsiColor::Red,
        };
        let verdict_style = bold.fg_color(Some(verdict_color.into()));
        let declared = a
            .declared_score
            .map(|d| format!(", declared {}%", format_count(d)))
            .unwrap_or_default();
        writeln!(
            out,
            "{}  readiness {:.1}% (threshold {}%{declared})",
            self.paint(verdict_style, a.verdict.label()),
            a.score,
            format_count(a.policy.threshold),
        )?;
        let paths: Vec<&str> = a.checklists.iter().map(|c| c.path.as_str()).collect();
        // Signed means what it means everywhere: a current signature in the ledger.
        let approvals: Vec<_> = a.checklists.iter().flat_map(|c| &c.approvals).collect();
        let signed = approvals
            .iter()
            .filter(|s| s.status == ApprovalStatus::Signed)
            .count();
        // A folder of many checklists is named by its count, not a line wider than any terminal.
        let shown = match paths.as_slice() {
            [first, second, _, _, ..] => {
                format!("{} checklists ({first}, {second}, …)", paths.len())
            }
            _ => paths.join(", "),
        };
        writeln!(
            out,
            "{} · {} task boxes, {} ticked · {} blocker{} · {} of {} sign-offs signed",
            shown,
            a.summary.items,
            a.summary.checked,
            a.blockers.len(),
            fmt::plural(a.blockers.len()),
            signed,
            approvals.len(),
        )?;
        if a.summary.probes.total > 0 {
            writeln!(
                out,
                "{} · {} item{} verified, {} contradicted",
                counts_line(&a.summary.probes),
                a.summary.verified + a.summary.flaky,
                if a.summary.verified + a.summary.flaky == 1 {
                    ""
                } else {
                    "s"
                },
                a.summary.contradicted
            )?;
        }
        writeln!(out)?;

        let mut table = fmt::table(
            self.style,
            [
                "Category", "Weight", "Computed", "Declared", "Delta", "Done",
            ],
        );
        for c in &a.categories {
            let delta = match (c.score, c.declared_score) {
                (Some(s), Some(d)) => format!("{:+.1}", s - d),
                _ => String::new(),
            };
            let mut computed = Cell::new(percent(c.score)).set_alignment(CellAlignment::Right);
            if self.style.color {
                let color = match c.score {
                    Some(s) if a.policy.meets_threshold(s) => Color::Green,
                    Some(_) => Color::Red,
                    None => Color::Reset,
                };
                computed = computed.fg(color);
            }
            table.add_row([
                Cell::new(&c.name),
                Cell::new(if c.weight > 0.0 {
                    format!("{:.1}%", c.weight)
                } else {
                    "—".into()
                })
                .set_alignment(CellAlignment::Right),
                computed,
                Cell::new(percent(c.declared_score)).set_alignment(CellAlignment::Right),
                Cell::new(delta).set_alignment(CellAlignment::Right),
                Cell::new(format!("{}/{}", format_count(c.done), c.counted))
                    .set_alignment(CellAlignment::Right),
            ]);
        }
        writeln!(out, "{table}")?;
        self.evidence(a, out)?;

        if !a.blockers.is_empty() {
            writeln!(out)?;
            let red = Ansi::new().fg_color(Some(AnsiColor::Red.into()));
            writeln!(
                out,
                "{}",
                self.paint(bold, &format!("Blockers ({})", a.blockers.len()))
            )?;
            for blocker in &a.blockers {
                writeln!(
                    out,
                    "  {} [{}] {}",
                    self.paint(red, "✗"),
                    blocker.rule.label(),
                    blocker.message
                )?;
            }
        }
        self.waivers(a, out)?;
        if !a.warnings.is_empty() {
            writeln!(out)?;
            let yellow = Ansi::new().fg_color(Some(AnsiColor::Yellow.into()));
            writeln!(
                out,
                "{}",
                self.paint(bold, &format!("Warnings ({})", a.warnings.len()))
            )?;
            for warning in &a.warnings {
                writeln!(out, "  {} {warning}", self.paint(yellow, "!"))?;
            }
        }
        Ok(())
    }
}

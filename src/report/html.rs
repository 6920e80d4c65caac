//! One self-contained HTML page for the release manager to print or pass around: the verdict
//! banner, a score gauge against the threshold, each category's computed score beside the one
//! the document declares, the blockers, waivers, sign-offs, and the whole item tree with the
//! evidence behind each status.
//!
//! No scripts, fonts, images or links to fetch: CSS and SVG are inline, so the file reads the
//! same offline, in a mail attachment or as a CI artifact. Every value from the checklist, the
//! probes or the ledger goes through [`escape`].

use std::io;

use crate::gate::Assessment;
use crate::gate::Verdict;
use crate::gate::WaiverState;
use crate::model::format_count;
use crate::model::{Item, Section, Status};
use crate::report::Report;
use crate::report::fmt;

#[derive(Debug, Clone)]
pub(crate) struct HtmlReport {
    /// Earlier runs and this one, drawn as a trend when there are any.
    pub(crate) history: Vec<crate::model::HistoryEntry>,
}

/// Escapes text for HTML element content and double-quoted attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

pub(crate) const STYLE: &str = r#"
:root{--go:#1a7f37;--warn:#9a6700;--nogo:#cf222e;--ink:#1f2328;--mute:#656d76;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
main{max-width:980px;margin:0 auto;padding:0 24px 48px}
header.verdict{color:#fff;padding:20px 24px;display:flex;align-items:center;gap:24px}
header.go{background:var(--go)}header.go-with-waivers{background:var(--warn)}header.no-go{background:var(--nogo)}
header.verdict h1{margin:0;font-size:34px;letter-spacing:.5px}
header.verdict p{margin:2px 0 0;opacity:.95}
section{margin-top:28px}
h2{font-size:19px;border-bottom:1px solid var(--line);padding-bottom:4px}
.summary{display:flex;gap:32px;align-items:center;flex-wrap:wrap}
.gauge text{font-weight:600}
.facts{margin:0;padding:0;list-style:none;color:var(--mute)}
.category{display:grid;grid-template-columns:220px 1fr 150px;gap:12px;align-items:center;margin:8px 0}
.bars{position:relative;height:26px;background:var(--bg);border:1px solid var(--line);border-radius:4px}
.bar{position:absolute;left:0;height:12px}
.bar.computed{top:1px;background:var(--go)}.bar.computed.low{background:var(--nogo)}
.bar.declared{bottom:1px;background:#8c959f}
.threshold{position:absolute;top:-3px;bottom:-3px;width:2px;background:var(--ink)}
.num{font-variant-numeric:tabular-nums;color:var(--mute);font-size:13px}
ul.blockers li{margin:6px 0}
.rule{font:12px ui-monospace,monospace;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:1px 5px}
.where{color:var(--mute);font-size:13px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--bg)}
.nowrap{white-space:nowrap}
details{margin:4px 0 4px 4px}
summary{cursor:pointer;font-weight:600}
ul.items{list-style:none;padding-left:18px;margin:4px 0}
li.item{margin:3px 0;break-inside:avoid}
.chip{display:inline-block;min-width:92px;text-align:center;font-size:12px;border-radius:10px;padding:0 6px;margin-right:6px;color:#fff;background:#8c959f}
.chip.done,.chip.verified,.chip.signed,.chip.active{background:var(--go)}
.chip.open,.chip.pending,.chip.unused{background:#8c959f}
.chip.partial,.chip.flaky,.chip.stale{background:var(--warn)}
.chip.contradicted,.chip.expired{background:var(--nogo)}
.chip.na{background:#d0d7de;color:var(--ink)}
ul.evidence{margin:2px 0 4px 104px;padding:0;list-style:none;font-size:13px;color:var(--mute)}
.pass{color:var(--go)}.fail,.error,.timeout{color:var(--nogo)}.skipped{color:var(--mute)}
footer{margin-top:40px;color:var(--mute);font-size:12px}
@media print{header.verdict{-webkit-print-color-adjust:exact;print-color-adjust:exact}details{display:block}}
"#;

impl Report for HtmlReport {
    fn write(&self, a: &Assessment, out: &mut dyn io::Write) -> io::Result<()> {
        // io::Write's own write_fmt carries an I/O error through the formatting, so the page
        // goes to the writer as it renders (tens of megabytes for a large checklist).
        render(a, &self.history, out)
    }
}

fn render(
    a: &Assessment,
    history: &[crate::model::HistoryEntry],
    h: &mut dyn io::Write,
) -> io::Result<()> {
    let class = a.verdict.name();
    let paths: Vec<&str> = a.checklists.iter().map(|c| c.path.as_str()).collect();
    let title = a
        .checklists
        .iter()
        .find_map(|c| c.title.as_deref())
        .unwrap_or("Production readiness");
    writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>{}: {} · ready</title><style>{STYLE}</style></head><body>",
        a.verdict.label(),
        escape(title)
    )?;
    writeln!(
        h,
        "<header id=\"verdict\" class=\"verdict {class}\" data-verdict=\"{class}\">\
         <div><h1>{}</h1><p>{} · readiness {:.1}% against a threshold of {}%</p></div></header><main>",
        a.verdict.label(),
        escape(title),
        a.score,
        format_count(a.policy.threshold)
    )?;

    // Summary: gauge and facts.
    writeln!(h, "<section class=\"summary\" id=\"summary\">")?;
    gauge(a, h)?;
    writeln!(h, "<ul class=\"facts\">")?;
    writeln!(h, "<li>Checklists: {}</li>", escape(&paths.join(", ")))?;
    writeln!(
        h,
        "<li>{} task boxes, {} ticked; {} counted items, {} done</li>",
        a.summary.items,
        a.summary.checked,
        a.summary.counted,
        format_count(a.summary.done)
    )?;
    if let Some(declared) = a.declared_score {
        writeln!(
            h,
            "<li>The document declares {}%; computed {:.1}%</li>",
            format_count(declared),
            a.score
        )?;
    }
    let p = &a.summary.probes;
    if p.total > 0 {
        writeln!(
            h,
            "<li>{} probes: {} passed, {} failed, {} skipped; {} items verified, {} contradicted</li>",
            p.total,
            p.pass,
            p.failed(),
            p.skipped,
            a.summary.verified + a.summary.flaky,
            a.summary.contradicted
        )?;
    }
    writeln!(h, "<li>{} blockers</li></ul></section>", a.blockers.len())?;

    if !history.is_empty() {
        writeln!(
            h,
            "<section id=\"trend\"><h2>Trend ({} runs)</h2>{}</section>",
            history.len(),
            crate::report::history::svg(history, escape)
        )?;
    }
    categories(a, h)?;
    blockers(a, h)?;
    waivers(a, h)?;
    signoffs(a, h)?;
    items(a, h)?;
    if !a.warnings.is_empty() {
        writeln!(
            h,
            "<section id=\"warnings\"><h2>Warnings ({})</h2><ul>",
            a.warnings.len()
        )?;
        for w in &a.warnings {
            writeln!(h, "<li>{}</li>", escape(&w.to_string()))?;
        }
        writeln!(h, "</ul></section>")?;
    }
    writeln!(
        h,
        "<footer>Generated by ready {} from {}.</footer></main></body></html>",
        env!("CARGO_PKG_VERSION"),
        escape(&paths.join(", "))
    )
}

/// A half-circle gauge: the score as an arc, the threshold as a tick.
fn gauge(a: &Assessment, h: &mut dyn io::Write) -> io::Result<()> {
    let color = match a.verdict {
        Verdict::Go => "var(--go)",
        Verdict::GoWithWaivers => "var(--warn)",
        Verdict::NoGo => "var(--nogo)",
    };
    let angle = std::f64::consts::PI * (1.0 - a.policy.threshold / 100.0);
    let (cos, sin) = (angle.cos(), angle.sin());
    let point = |r: f64| (100.0 + r * cos, 100.0 - r * sin);
    let (x1, y1) = point(64.0);
    let (x2, y2) = point(96.0);
    writeln!(
        h,
        "<svg class=\"gauge\" id=\"gauge\" width=\"220\" height=\"130\" viewBox=\"0 0 200 120\" role=\"img\" \
         aria-label=\"readiness {score:.1}% against a threshold of {threshold}%\" data-score=\"{score:.2}\" data-threshold=\"{threshold}\">\
         <path d=\"M20 100 A80 80 0 0 1 180 100\" fill=\"none\" stroke=\"#eaeef2\" stroke-width=\"18\"/>\
         <path d=\"M20 100 A80 80 0 0 1 180 100\" fill=\"none\" stroke=\"{color}\" stroke-width=\"18\" pathLength=\"100\" stroke-dasharray=\"{dash:.2} 100\"/>\
         <line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"#1f2328\" stroke-width=\"3\"/>\
         <text x=\"100\" y=\"92\" text-anchor=\"middle\" font-size=\"28\">{score:.1}%</text>\
         <text x=\"100\" y=\"114\" text-anchor=\"middle\" font-size=\"11\" fill=\"#656d76\">threshold {threshold}%</text></svg>",
        score = a.score,
        threshold = format_count(a.policy.threshold),
        dash = a.score.clamp(0.0, 100.0),
    )
}

fn categories(a: &Assessment, h: &mut dyn io::Write) -> io::Result<()> {
    writeln!(
        h,
        "<section id=\"categories\"><h2>Categories: computed and declared</h2>"
    )?;
    for c in a.categories.iter().filter(|c| c.weight > 0.0) {
        let score = c.score.unwrap_or(0.0);
        let low = if a.policy.meets_threshold(score) {
            ""
        } else {
            " low"
        };
        let declared = c.declared_score.map_or_else(
            || "not declared".to_owned(),
            |d| format!("declared {}%", format_count(d)),
        );
        write!(
            h,
            "<div class=\"category\" data-category=\"{}\" data-score=\"{score:.2}\"><div>{}<br><span class=\"num\">weight {:.1}% · {}/{} done</span></div>\
             <div class=\"bars\"><div class=\"bar computed{low}\" style=\"width:{score:.1}%\"></div>",
            escape(&c.name),
            escape(&c.name),
            c.weight,
            format_count(c.done),
            c.counted
        )?;
        if let Some(d) = c.declared_score {
            write!(
                h,
                "<div class=\"bar declared\" style=\"width:{:.1}%\"></div>",
                d.clamp(0.0, 100.0)
            )?;
        }
        writeln!(
            h,
            "<div class=\"threshold\" style=\"left:{:.1}%\"></div></div>\
             <div class=\"num\">computed {}<br>{}</div></div>",
            a.policy.threshold,
            c.score
                .map_or_else(|| "—".to_owned(), |s| format!("{s:.1}%")),
            declared
        )?;
    }
    writeln!(
        h,
        "<p class=\"num\">Upper bar: computed from the items; lower bar: what the document declares; line: the threshold.</p></section>"
    )
}

fn blockers(a: &Assessment, h: &mut dyn io::Write) -> io::Result<()> {
    writeln!(
        h,
        "<section id=\"blockers\"><h2>Blockers ({})</h2>",
        a.blockers.len()
    )?;
    if a.blockers.is_empty() {
        return writeln!(h, "<p>Nothing blocks the release.</p></section>");
    }
    writeln!(h, "<ul class=\"blockers\">")?;
    for b in &a.blockers {
        let place = b
            .item
            .as_ref()
            .map(|t| {
                format!(
                    " <span class=\"where\">{}</span>",
                    escape(&t.span.to_string())
                )
            })
            .unwrap_or_default();
        writeln!(
            h,
            "<li><span class=\"rule\">{}</span> {}{place}</li>",
            b.rule.label(),
            escape(&b.message)
        )?;
    }
    writeln!(h, "</ul></section>")
}

fn waivers(a: &Assessment, h: &mut dyn io::Write) -> io::Result<()> {
    if a.waivers.is_empty() {
        return Ok(());
    }
    writeln!(
        h,
        "<section id=\"waivers\"><h2>Waivers</h2><table><tr><th>Item</th><th>State</th><th>Expires</th><th>Approved by</th><th>Reason</th><th>Set aside</th></tr>"
    )?;
    for w in &a.waivers {
        let state = w.state.label();
        let set_aside = match w.state {
            WaiverState::Expired => format!("{} (blocking again)", w.blockers.len()),
            _ => w.blockers.len().to_string(),
        };
        writeln!(
            h,
            "<tr><td>{}</td><td><span class=\"chip {state}\">{state}</span></td><td class=\"nowrap\">{}</td><td>{}</td><td>{}</td><td>{set_aside}</td></tr>",
            escape(&w.waiver.item),
            w.waiver.expires,
            escape(&w.waiver.approved_by),
            escape(&w.waiver.reason)
        )?;
    }
    writeln!(h, "</table></section>")
}

fn signoffs(a: &Assessment, h: &mut dyn io::Write) -> io::Result<()> {
    let approvals: Vec<_> = a.checklists.iter().flat_map(|c| &c.approvals).collect();
    if approvals.is_empty() {
        return Ok(());
    }
    writeln!(
        h,
        "<section id=\"signoffs\"><h2>Sign-offs</h2><table><tr><th>Role</th><th>Ledger</th><th>Signed by</th><th>At</th><th>Note</th><th>Checklist says</th></tr>"
    )?;
    for s in approvals {
        let status = s.status.label();
        let declared = s.declared_label();
        writeln!(
            h,
            "<tr><td>{}</td><td><span class=\"chip {status}\">{status}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{declared}</td></tr>",
            escape(&s.role),
            escape(s.name.as_deref().unwrap_or("")),
            escape(s.signed_at.as_deref().unwrap_or("")),
            escape(s.note.as_deref().unwrap_or("")),
        )?;
    }
    writeln!(
        h,
        "</table><p class=\"num\">Only ledger signatures against the current checklist count; a stale one was made before the checklist last changed.</p></section>"
    )
}

fn items(a: &Assessment, h: &mut dyn io::Write) -> io::Result<()> {
    writeln!(h, "<section id=\"items\"><h2>Items</h2>")?;
    for checklist in &a.checklists {
        if a.checklists.len() > 1 {
            writeln!(h, "<h3>{}</h3>", escape(&checklist.path))?;
        }
        item_list(&checklist.loose_items, h)?;
        for section in &checklist.root {
            section_tree(section, h)?;
        }
    }
    writeln!(h, "</section>")
}

/// Sections nest as open `<details>`, so a reader can fold what they have seen. The depth is
/// bounded by heading levels (six) and the loaders' nesting cap.
fn section_tree(s: &Section, h: &mut dyn io::Write) -> io::Result<()> {
    if s.signoff || s.all_items().next().is_none() {
        return Ok(());
    }
    writeln!(
        h,
        "<details open><summary>{} <span class=\"where\">{}</span></summary>",
        escape(&s.heading()),
        escape(&s.span.to_string())
    )?;
    item_list(&s.items, h)?;
    for child in &s.sections {
        section_tree(child, h)?;
    }
    writeln!(h, "</details>")
}

fn item_list(items: &[Item], h: &mut dyn io::Write) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(h, "<ul class=\"items\">")?;
    for item in items {
        let status = item.status();
        let class = match status {
            Status::NotApplicable => "na",
            other => other.label(),
        };
        let tags: Vec<String> = item.tags.iter().map(|t| t.label().to_uppercase()).collect();
        let priority = item
            .priority
            .map(|p| format!(" <span class=\"rule\">{}</span>", p.label()))
            .unwrap_or_default();
        writeln!(
            h,
            "<li class=\"item\" data-id=\"{}\" data-status=\"{}\"><span class=\"chip {class}\">{}</span>{} {}{priority}{} <span class=\"where\">{}</span>",
            escape(&item.id.as_str()),
            status.label(),
            status.label(),
            if item.checked { "☑" } else { "☐" },
            escape(&item.title),
            if tags.is_empty() {
                String::new()
            } else {
                format!(
                    " <span class=\"where\">[{}]</span>",
                    escape(&tags.join(", "))
                )
            },
            escape(&item.span.to_string())
        )?;
        if !item.evidence.is_empty() {
            writeln!(h, "<ul class=\"evidence\">")?;
            for e in &item.evidence {
                writeln!(
                    h,
                    "<li class=\"probe\" data-probe=\"{}\"><span class=\"{}\">{}</span> probe {} ({}) on {}: {} <span class=\"num\">{} ms, {} attempt{}</span></li>",
                    escape(&e.id),
                    e.outcome.label(),
                    e.outcome.label(),
                    escape(&e.id),
                    escape(&e.kind),
                    escape(&e.target),
                    escape(&e.message),
                    e.duration_ms,
                    e.attempts,
                    fmt::plural(e.attempts)
                )?;
            }
            writeln!(h, "</ul>")?;
        }
        item_list(&item.children, h)?;
        writeln!(h, "</li>")?;
    }
    writeln!(h, "</ul>")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            super::escape(r#"<img src=x onerror="a('b')">&"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
        );
    }
}

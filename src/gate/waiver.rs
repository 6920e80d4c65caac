//! Waivers in a run: which blockers each active waiver sets aside, which expired waivers leave
//! their blockers in place (and say so), and the cap on how many may be in effect.
//!
//! A waiver is debt with a due date. It lives in `ready.yaml` with the item it covers, why, who
//! approved it and when it expires (all four required, so no waiver is anonymous or forever).
//! Until it expires, the blockers on its item are set aside and the verdict can at best be
//! `go-with-waivers`; from the day after `expires`, they block again and say the waiver expired.
//! Only item blockers can be waived: a low overall score or a missing sign-off cannot.

use jiff::civil::Date;

use crate::error::{Error, Location, Result};
use crate::gate::policy::{Blocker, Rule};
use crate::model::{Checklist, Notice, Waiver, did_you_mean};

/// Whether the waiver sets this blocker aside: a waivable rule on the item it names.
fn covers(waiver: &Waiver, blocker: &Blocker) -> bool {
    blocker.rule.is_waivable()
        && blocker
            .item
            .as_ref()
            .is_some_and(|t| waiver.matches(&t.id, &t.title))
}

/// Whether a waiver names an item or section of the checklist.
pub(crate) fn names(waiver: &Waiver, checklist: &Checklist) -> bool {
    checklist
        .items()
        .any(|i| i.id.with_str(|id| waiver.matches(id, &i.title)))
        || checklist.sections().any(|s| s.id == waiver.item)
}

/// What became of a waiver in this run. The names are part of the JSON contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WaiverState {
    /// In date and setting aside at least one blocker.
    Active,
    /// In date, but its item blocks nothing any more: it can be removed.
    Unused,
    /// Past its date: its item blocks again.
    Expired,
}

impl WaiverState {
    pub(crate) fn label(self) -> &'static str {
        match self {
            WaiverState::Active => "active",
            WaiverState::Unused => "unused",
            WaiverState::Expired => "expired",
        }
    }
}

/// A waiver and what it did.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WaiverUse {
    pub(crate) waiver: Waiver,
    pub(crate) state: WaiverState,
    /// The blockers it set aside (or, expired or under `--strict`, would have).
    pub(crate) blockers: Vec<Blocker>,
}

/// Every waiver must name an item or section that exists: a typo would otherwise waive
/// nothing while everyone believes the exception is in place.
pub(crate) fn check_targets(waivers: &[Waiver], checklists: &[Checklist]) -> Result<()> {
    for waiver in waivers {
        if checklists.iter().any(|c| names(waiver, c)) {
            continue;
        }
        let known: Vec<String> = checklists
            .iter()
            .flat_map(Checklist::items)
            .map(|i| i.id.to_string())
            .collect();
        let hint = did_you_mean(&waiver.item, known.iter().map(String::as_str))
            .map(|s| format!("; did you mean {s:?}?"))
            .unwrap_or_default();
        return Err(Error::invalid(
            Location::new(&*waiver.span.file, waiver.span.line),
            format!(
                "waiver names item {:?}, which no checklist has (use an item id from `ready check --format json`, or the item's title){hint}",
                waiver.item
            ),
        ));
    }
    Ok(())
}

/// The blockers that remain once waivers are applied, and what each waiver did.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Applied {
    pub(crate) blockers: Vec<Blocker>,
    pub(crate) waivers: Vec<WaiverUse>,
    pub(crate) notices: Vec<Notice>,
}

/// Sets aside the blockers that active waivers cover. Expired waivers leave their blockers in
/// place with a note; under `strict` active ones do too. `max_waivers` caps how many may be in
/// effect, itself a blocker when exceeded.
pub(crate) fn apply(
    blockers: Vec<Blocker>,
    waivers: &[Waiver],
    today: Date,
    strict: bool,
    max_waivers: Option<u32>,
) -> Applied {
    let mut uses: Vec<WaiverUse> = waivers
        .iter()
        .map(|w| WaiverUse {
            waiver: w.clone(),
            state: if w.is_active(today) {
                WaiverState::Unused
            } else {
                WaiverState::Expired
            },
            blockers: Vec::new(),
        })
        .collect();
    let mut remaining = Vec::new();
    for mut blocker in blockers {
        // The first waiver in date wins; else the first expired one explains the blocker.
        let chosen = uses
            .iter()
            .position(|u| u.state != WaiverState::Expired && covers(&u.waiver, &blocker))
            .or_else(|| uses.iter().position(|u| covers(&u.waiver, &blocker)));
        let Some(index) = chosen else {
            remaining.push(blocker);
            continue;
        };
        let using = &mut uses[index];
        let w = &using.waiver;
        using.blockers.push(blocker.clone());
        if using.state == WaiverState::Expired {
            blocker.message.push_str(&format!(
                "; its waiver expired on {} (approved by {}: {})",
                w.expires, w.approved_by, w.reason
            ));
            remaining.push(blocker);
        } else {
            using.state = WaiverState::Active;
            if strict {
                blocker.message.push_str(&format!(
                    "; waived until {} by {}, but --strict counts waivers as blockers",
                    w.expires, w.approved_by
                ));
                remaining.push(blocker);
            }
        }
    }
    let mut notices = Vec::new();
    for using in &uses {
        let w = &using.waiver;
        match using.state {
            WaiverState::Unused => notices.push(Notice::new(
                format!(
                    "waiver for {:?} waives nothing (the item no longer blocks); remove it",
                    w.item
                ),
                Some(w.span.clone()),
            )),
            WaiverState::Expired if using.blockers.is_empty() => notices.push(Notice::new(
                format!(
                    "waiver for {:?} expired on {} and is no longer needed; remove it",
                    w.item, w.expires
                ),
                Some(w.span.clone()),
            )),
            _ => {}
        }
    }
    let active = uses
        .iter()
        .filter(|u| u.state == WaiverState::Active)
        .count();
    if let Some(max) = max_waivers
        && active > max as usize
    {
        let items: Vec<String> = uses
            .iter()
            .filter(|u| u.state == WaiverState::Active)
            .map(|u| format!("{:?} ({})", u.waiver.item, u.waiver.span))
            .collect();
        remaining.push(Blocker {
            item: None,
            rule: Rule::TooManyWaivers,
            message: format!(
                "{active} waivers are in effect, the policy allows at most {max}: {}",
                items.join(", ")
            ),
        });
    }
    Applied {
        blockers: remaining,
        waivers: uses,
        notices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::policy::Target;
    use crate::model::Span;

    fn waiver(item: &str, expires: &str) -> Waiver {
        Waiver {
            item: item.into(),
            reason: "vendor fix due".into(),
            approved_by: "CTO".into(),
            expires: expires.parse().expect("date"),
            span: Span::new("ready.yaml", 3),
        }
    }

    fn blocker(id: &str) -> Blocker {
        Blocker {
            item: Some(Target {
                id: id.into(),
                title: "Load test".into(),
                section: None,
                span: Span::new("a.md", 9),
            }),
            rule: Rule::MustHaveOpen,
            message: "must-have \"Load test\" is not done".into(),
        }
    }

    fn today() -> Date {
        "2026-06-15".parse().expect("date")
    }

    #[test]
    fn active_waiver_sets_blocker_aside_through_its_last_day() {
        let applied = apply(
            vec![blocker("load-test")],
            &[waiver("load-test", "2026-06-15")],
            today(),
            false,
            None,
        );
        assert!(applied.blockers.is_empty());
        assert_eq!(applied.waivers[0].state, WaiverState::Active);
        assert_eq!(applied.waivers[0].blockers.len(), 1);
    }

    #[test]
    fn expired_waiver_blocks_again_and_says_so() {
        let applied = apply(
            vec![blocker("load-test")],
            &[waiver("Load Test", "2026-06-14")],
            today(),
            false,
            None,
        );
        assert_eq!(applied.blockers.len(), 1);
        assert!(
            applied.blockers[0]
                .message
                .contains("its waiver expired on 2026-06-14 (approved by CTO: vendor fix due)"),
            "{}",
            applied.blockers[0].message
        );
        assert_eq!(applied.waivers[0].state, WaiverState::Expired);
    }

    #[test]
    fn strict_keeps_waived_blockers_and_cap_blocks() {
        let applied = apply(
            vec![blocker("load-test")],
            &[waiver("load-test", "2026-12-31")],
            today(),
            true,
            None,
        );
        assert_eq!(applied.blockers.len(), 1);
        assert!(applied.blockers[0].message.contains("--strict"));
        let applied = apply(
            vec![blocker("a"), blocker("b")],
            &[waiver("a", "2026-12-31"), waiver("b", "2026-12-31")],
            today(),
            false,
            Some(1),
        );
        assert_eq!(applied.blockers.len(), 1);
        assert_eq!(applied.blockers[0].rule, Rule::TooManyWaivers);
    }

    #[test]
    fn score_blockers_cannot_be_waived() {
        let mut score = blocker("x");
        score.rule = Rule::ScoreBelowThreshold;
        let applied = apply(
            vec![score],
            &[waiver("x", "2026-12-31")],
            today(),
            false,
            None,
        );
        assert_eq!(applied.blockers.len(), 1);
        assert_eq!(applied.waivers[0].state, WaiverState::Unused);
        assert_eq!(applied.notices.len(), 1);
    }
}

//! The verdict, decided in one place from what is left blocking and what waivers set aside.

/// Whether the release may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Go,
    /// Nothing blocks but what active waivers set aside: the release may go, with that debt.
    GoWithWaivers,
    NoGo,
}

impl Verdict {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Verdict::Go => "GO",
            Verdict::GoWithWaivers => "GO WITH WAIVERS",
            Verdict::NoGo => "NO-GO",
        }
    }

    /// The name in JSON and metrics: `go`, `go-with-waivers`, `no-go`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Verdict::Go => "go",
            Verdict::GoWithWaivers => "go-with-waivers",
            Verdict::NoGo => "no-go",
        }
    }

    /// The verdict a report names, read back from JSON.
    pub(crate) fn from_name(name: &str) -> Option<Verdict> {
        [Verdict::Go, Verdict::GoWithWaivers, Verdict::NoGo]
            .into_iter()
            .find(|v| v.name() == name)
    }

    /// How bad: GO < GO WITH WAIVERS < NO-GO, for "the worst of" and worst-first tables.
    pub(crate) fn severity(self) -> u8 {
        match self {
            Verdict::Go => 0,
            Verdict::GoWithWaivers => 1,
            Verdict::NoGo => 2,
        }
    }
}

/// The one verdict rule: anything still blocking is NO-GO; otherwise GO, or GO WITH WAIVERS
/// when an active waiver set something aside (unless `strict` counts waivers as blockers, in
/// which case the waived blockers are still among `remaining`).
pub(crate) fn decide(remaining_blockers: usize, waived: bool, strict: bool) -> Verdict {
    match (remaining_blockers == 0, waived && !strict) {
        (false, _) => Verdict::NoGo,
        (true, true) => Verdict::GoWithWaivers,
        (true, false) => Verdict::Go,
    }
}

#[cfg(test)]
mod tests {
    use super::{Verdict, decide};

    #[test]
    fn blockers_decide_then_waivers() {
        let cases = [
            (0, false, false, Verdict::Go),
            (0, true, false, Verdict::GoWithWaivers),
            (0, true, true, Verdict::Go),
            (1, false, false, Verdict::NoGo),
            (1, true, false, Verdict::NoGo),
            (2, true, true, Verdict::NoGo),
        ];
        for (blockers, waived, strict, want) in cases {
            assert_eq!(
                decide(blockers, waived, strict),
                want,
                "{blockers} {waived} {strict}"
            );
        }
    }
}

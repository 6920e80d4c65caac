//! Readiness scores: which sections are the categories, what each item is worth, and the
//! weighted mean.
//!
//! Rules (documented in docs/policy.md, "Scoring"):
//! - An item counts 1 when done (or verified or flaky by its probes), ½ when PARTIAL, 0 when
//!   open or contradicted by a probe. OPTIONAL items leave the
//!   denominator unless done; N/A items and launch-day or post-launch items leave it entirely.
//!   Nested items count like any other item.
//! - With a weight table, the weighted sections are the categories. Sections at the same level
//!   that the table leaves out are shown with weight 0 and a warning.
//! - Without one, the categories are the sections of the first heading level that splits the
//!   counted items into two or more sections, weighted equally.
//! - The overall score is the weighted mean of the categories that count anything.

use crate::hash::{HashMap, HashSet};
use crate::model::{Checklist, FileName, Item, Notice, Section, SectionId, Span, Status};

/// What an item adds to its category, or `None` when it is not counted.
pub(crate) fn credit(item: &Item) -> Option<f64> {
    if !item.phase.is_pre_launch() {
        return None;
    }
    match item.status() {
        Status::NotApplicable => None,
        Status::Done | Status::Verified | Status::Flaky => Some(1.0),
        Status::Partial => Some(0.5),
        Status::Open | Status::Contradicted if item.is_optional() => None,
        Status::Open | Status::Contradicted => Some(0.0),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Category {
    /// The id of the section this category is, shared with it (or the checklist path for a
    /// whole-file category).
    pub(crate) id: SectionId,
    pub(crate) name: String,
    /// Share of the overall score, in percent; the weights of a run add up to 100.
    pub(crate) weight: f64,
    /// Computed score 0–100, or `None` when no item in it counts.
    pub(crate) score: Option<f64>,
    pub(crate) declared_score: Option<f64>,
    /// Number of counted items, and their summed credit.
    pub(crate) counted: usize,
    pub(crate) done: f64,
    pub(crate) span: Span,
    /// Where the counted items stand in the checklist's document order ([`Checklist::items`]),
    /// in that order: places rather than copies of the ids, which with the set the reports
    /// built from them were a fifth of a long checklist's memory at its peak.
    pub(crate) places: Places,
    /// The checklist's path, shared by its categories (a long checklist has a hundred thousand).
    pub(crate) checklist: FileName,
}

/// Places in document order, as runs of consecutive places (start and length). The counted
/// items of a category are mostly one run, every item of its section: kept in place, that run
/// costs a long checklist's hundred thousand categories no list each (a list of four bytes a
/// place was 9 MB of a 100 MB checklist's peak).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Places {
    One([(u32, u32); 1]),
    /// Where items the score leaves out fall between counted ones.
    Runs(Box<[(u32, u32)]>),
}

/// From places in increasing order.
impl FromIterator<u32> for Places {
    fn from_iter<I: IntoIterator<Item = u32>>(places: I) -> Places {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        let mut last: Option<(u32, u32)> = None;
        for place in places {
            match &mut last {
                Some((start, len)) if start.checked_add(*len) == Some(place) => *len += 1,
                _ => runs.extend(last.replace((place, 1))),
            }
        }
        match (runs.is_empty(), last) {
            (_, None) => Places::One([(0, 0)]),
            (true, Some(run)) => Places::One([run]),
            (false, Some(run)) => {
                runs.push(run);
                Places::Runs(runs.into_boxed_slice())
            }
        }
    }
}

impl Places {
    /// Every place, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let runs: &[(u32, u32)] = match self {
            Places::One(run) => run,
            Places::Runs(runs) => runs,
        };
        runs.iter()
            .flat_map(|&(start, len)| start..start.saturating_add(len))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChecklistScore {
    pub(crate) score: Option<f64>,
    pub(crate) categories: Vec<Category>,
    pub(crate) notices: Vec<Notice>,
}

/// Scores one checklist. Category weights are shares within this checklist (summing to 100).
pub(crate) fn score(checklist: &Checklist) -> ChecklistScore {
    let mut notices = Vec::new();
    let chosen = choose_categories(checklist, &mut notices);
    let total_weight: f64 = chosen.iter().map(|c| c.weight).sum();
    let starts = section_starts(checklist);
    let path = FileName::new(&checklist.path);
    let categories: Vec<Category> = chosen
        .into_iter()
        .map(|c| {
            let mut counted = 0;
            let mut done = 0.0;
            let first = match c.holds {
                Holds::Subtree(section) | Holds::Own(section) => {
                    starts[&std::ptr::from_ref(section)]
                }
                Holds::Loose | Holds::All => 0,
            };
            let places = (first..)
                .zip(c.holds.items(checklist))
                .filter_map(|(place, item)| {
                    let value = credit(item)?;
                    counted += 1;
                    done += value;
                    Some(u32::try_from(place).unwrap_or(u32::MAX))
                })
                .collect();
            let (id, name, declared_score, span) = c.holds.identity(checklist);
            Category {
                id,
                name,
                weight: if total_weight > 0.0 {
                    c.weight / total_weight * 100.0
                } else {
                    0.0
                },
                score: (counted > 0).then(|| done / counted as f64 * 100.0),
                declared_score,
                counted,
                done,
                span,
                places,
                checklist: path.clone(),
            }
        })
        .collect();
    let score = weighted_mean(&categories);
    ChecklistScore {
        score,
        categories,
        notices,
    }
}

/// The weighted mean of the categories that count anything, or `None` if none do.
pub(crate) fn weighted_mean(categories: &[Category]) -> Option<f64> {
    weighted_mean_of(&categories.iter().collect::<Vec<_>>())
}

/// [`weighted_mean`] over some of a run's categories (one checklist's, in a run of several).
pub(crate) fn weighted_mean_of(categories: &[&Category]) -> Option<f64> {
    let (sum, weight) = categories
        .iter()
        .filter(|c| c.weight > 0.0)
        .filter_map(|c| c.score.map(|s| (s * c.weight, c.weight)))
        .fold((0.0, 0.0), |(s, w), (ds, dw)| (s + ds, w + dw));
    (weight > 0.0).then(|| sum / weight)
}

/// A category chosen, before its items are counted: its weight and what it holds, from which
/// its id, name and place follow ([`Holds::identity`]). A long checklist chooses a hundred
/// thousand categories, and each kept its id, name and span here while the categories were
/// built beside them, at the run's peak.
#[derive(Clone, Copy)]
struct Chosen<'a> {
    weight: f64,
    holds: Holds<'a>,
}

impl<'a> Chosen<'a> {
    fn subtree(section: &'a Section, weight: f64) -> Self {
        Chosen {
            weight,
            holds: Holds::Subtree(section),
        }
    }

    /// The line the category starts at, which orders the categories.
    fn line(&self) -> u32 {
        match self.holds {
            Holds::Subtree(section) | Holds::Own(section) => section.span.line,
            Holds::Loose | Holds::All => 1,
        }
    }
}

/// Which items a category holds. Each is a run of consecutive items in document order
/// ([`Checklist::items`]), so an item's place is the run's first place plus its index: a map
/// from every item to its place was a sixth of a long checklist's memory at its peak, and the
/// lists of the items each category held another twentieth.
#[derive(Clone, Copy)]
enum Holds<'a> {
    /// A section with everything under it.
    Subtree(&'a Section),
    /// Only the items written directly under a section, with their children.
    Own(&'a Section),
    /// The items before the first heading.
    Loose,
    /// Every item of the checklist.
    All,
}

impl<'a> Holds<'a> {
    /// The id, name, declared score and place of the category holding these items: a
    /// section's own, or the checklist's (by its path, named by its title).
    fn identity(self, checklist: &Checklist) -> (SectionId, String, Option<f64>, Span) {
        let whole = |name: fn(&Checklist) -> String| {
            let name = checklist.title.clone().unwrap_or_else(|| name(checklist));
            let span = Span::new(&checklist.path, 1);
            (checklist.path.as_str().into(), name, None, span)
        };
        match self {
            Holds::Subtree(section) | Holds::Own(section) => (
                section.id.clone(),
                section.heading(),
                section.declared_score,
                section.span.clone(),
            ),
            Holds::Loose => whole(|_| "(before the first heading)".into()),
            Holds::All => whole(|c| file_stem(&c.path)),
        }
    }

    fn items(self, checklist: &'a Checklist) -> Box<dyn Iterator<Item = &'a Item> + 'a> {
        match self {
            Holds::Subtree(section) => Box::new(section.all_items()),
            Holds::Own(section) => Box::new(section.items.iter().flat_map(Item::walk)),
            Holds::Loose => Box::new(checklist.loose_items.iter().flat_map(Item::walk)),
            Holds::All => Box::new(checklist.items()),
        }
    }
}

/// Where each section's items begin in document order: after the items before the first
/// heading and those of every section before it, since a section's own items come before its
/// subsections'.
fn section_starts(checklist: &Checklist) -> HashMap<*const Section, usize> {
    let mut next = checklist.loose_items.iter().flat_map(Item::walk).count();
    checklist
        .sections()
        .map(|section| {
            let start = next;
            next += section.items.iter().flat_map(Item::walk).count();
            (std::ptr::from_ref(section), start)
        })
        .collect()
}

fn counts_anything(section: &Section) -> bool {
    section.all_items().any(|i| credit(i).is_some())
}

/// A "Go/No-Go criteria" section whose every item is a Must/Should/Nice entry: a digest of
/// items that live in the other sections, not a category of its own.
fn is_priority_digest(section: &Section) -> bool {
    let mut items = section.all_items().peekable();
    items.peek().is_some() && items.all(|i| i.priority.is_some())
}

/// A section whose every item restates an item elsewhere; counting it would count twice.
fn only_restates(section: &Section) -> bool {
    let mut items = section.all_items().peekable();
    items.peek().is_some() && items.all(|i| !i.restates().is_empty())
}

/// A heading that only groups the work by when it happens or in which part it is.
fn is_wrapper(title: &str) -> bool {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() <= 4
        && words
            .iter()
            .any(|w| matches!(w.as_str(), "phase" | "stage" | "part" | "fase" | "étape"))
}

/// A category named after a file without headings: its stem, never a local path that a
/// shared report would leak.
fn file_stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned())
}

fn choose_categories<'a>(checklist: &'a Checklist, notices: &mut Vec<Notice>) -> Vec<Chosen<'a>> {
    let weighted: Vec<&Section> = checklist
        .sections()
        .filter(|s| s.weight.is_some() && !s.signoff)
        .collect();
    if !weighted.is_empty() {
        if weighted.iter().any(|s| counts_anything(s)) {
            return weighted_categories(checklist, &weighted, notices);
        }
        notices.push(Notice::new(
            "the sections the weight table names hold no task boxes; \
             the items are scored by section instead, with equal weights",
            Some(weighted[0].span.clone()),
        ));
    }

    let sections: Vec<&Section> = checklist.sections().collect();
    let deepest = sections.iter().map(|s| s.level).max().unwrap_or(0);
    for level in 1..=deepest {
        let at_level: Vec<&Section> = sections
            .iter()
            .copied()
            .filter(|s| s.level == level && counts_anything(s) && !only_restates(s))
            .collect();
        // Phase wrappers (`## PRE-DEPLOYMENT PHASE`, `## DEPLOYMENT PHASE`) hold the areas a
        // person would call categories (`### 1. SECURITY`); look one level deeper.
        let wrappers = at_level
            .iter()
            .all(|s| s.number.is_none() && is_wrapper(&s.title));
        if wrappers && level < deepest {
            continue;
        }
        if at_level.len() >= 2 {
            let mut chosen: Vec<Chosen> = at_level
                .into_iter()
                .map(|s| Chosen::subtree(s, 1.0))
                .collect();
            chosen.extend(leftovers(checklist, level));
            chosen.sort_by_key(Chosen::line);
            return chosen;
        }
    }
    // Everything sits in one section (or none): that section is the one category, named as the
    // author named it (`## Checklist` under `# Operational Readiness Review`), or the whole
    // checklist when items sit outside every section. Sign-off boxes are sign-offs, not items,
    // so they are not in it.
    if let Some(section) = only_counting_section(checklist) {
        return vec![Chosen::subtree(section, 1.0)];
    }
    vec![Chosen {
        weight: 1.0,
        holds: Holds::All,
    }]
}

/// The deepest section that holds every counted item, if one does.
fn only_counting_section(checklist: &Checklist) -> Option<&Section> {
    let counts = |items: &[Item]| {
        items
            .iter()
            .flat_map(Item::walk)
            .any(|i| credit(i).is_some())
    };
    if counts(&checklist.loose_items) {
        return None;
    }
    let mut level: &[Section] = &checklist.root;
    let mut found = None;
    loop {
        let mut counting = level.iter().filter(|s| counts_anything(s));
        match (counting.next(), counting.next()) {
            (Some(only), None) => {
                found = Some(only);
                if counts(&only.items) {
                    return found;
                }
                level = &only.sections;
            }
            _ => return found,
        }
    }
}

/// Counted items that sit above the category level (directly under a higher heading, or before
/// any heading) each form a category of their container, and so does a deeper section under no
/// section of that level, so no item goes uncounted.
fn leftovers(checklist: &Checklist, level: u8) -> Vec<Chosen<'_>> {
    let mut out = Vec::new();
    if Holds::Loose.items(checklist).any(|i| credit(i).is_some()) {
        out.push(Chosen {
            weight: 1.0,
            holds: Holds::Loose,
        });
    }
    for section in checklist.sections().filter(|s| s.level < level) {
        if Holds::Own(section)
            .items(checklist)
            .any(|i| credit(i).is_some())
        {
            out.push(Chosen {
                weight: 1.0,
                holds: Holds::Own(section),
            });
        }
    }
    // Sections deeper than the category level but under no section at it (`### Readiness
    // Checklist` before the `## Summary`, `## Testing` areas) are categories of their own.
    let mut stack: Vec<&Section> = checklist.root.iter().collect();
    while let Some(section) = stack.pop() {
        if section.level < level {
            stack.extend(&section.sections);
        } else if section.level > level && counts_anything(section) && !only_restates(section) {
            out.push(Chosen::subtree(section, 1.0));
        }
    }
    out
}

fn weighted_categories<'a>(
    checklist: &'a Checklist,
    weighted: &[&'a Section],
    notices: &mut Vec<Notice>,
) -> Vec<Chosen<'a>> {
    let raw_total: f64 = weighted.iter().filter_map(|s| s.weight).sum();
    if weighted.len() > 1 && (raw_total - 100.0).abs() > 0.5 && (raw_total - 1.0).abs() > 0.005 {
        notices.push(Notice::new(
            format!(
                "the weights add up to {raw_total}, not 100; each is taken as a share of the total"
            ),
            Some(weighted[0].span.clone()),
        ));
    }
    let mut chosen: Vec<Chosen> = weighted
        .iter()
        .map(|s| Chosen::subtree(s, s.weight.unwrap_or(0.0)))
        .collect();

    // Sections at the weighted levels that the table leaves out: shown with weight 0.
    let levels: Vec<u8> = weighted.iter().map(|s| s.level).collect();
    let covered: HashSet<&str> = weighted
        .iter()
        .flat_map(|s| s.walk_sections().map(|d| d.id.as_str()))
        .collect();
    let unweighted: Vec<&Section> = checklist
        .sections()
        .filter(|s| {
            levels.contains(&s.level) && s.weight.is_none() && !covered.contains(s.id.as_str())
        })
        .filter(|s| s.phase.is_pre_launch() && counts_anything(s) && !is_priority_digest(s))
        .filter(|s| !s.walk_sections().any(|d| covered.contains(d.id.as_str())))
        .collect();
    if !unweighted.is_empty() {
        let names: Vec<String> = unweighted
            .iter()
            .map(|s| format!("\"{}\"", s.heading()))
            .collect();
        notices.push(Notice::new(
            format!(
                "the weight table gives no weight to {}: shown with weight 0, not counted in the score \
                 (their must-have and should-have items still block)",
                names.join(", ")
            ),
            Some(unweighted[0].span.clone()),
        ));
        chosen.extend(unweighted.into_iter().map(|s| Chosen::subtree(s, 0.0)));
        chosen.sort_by_key(Chosen::line);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::parse;
    use crate::files::Format;

    #[test]
    fn places_are_kept_as_runs_and_given_back_in_order() {
        for places in [
            vec![],
            vec![0],
            vec![7, 8, 9, 10],
            vec![0, 1, 3, 4, 5, 9],
            vec![2, 4, 6],
            vec![u32::MAX - 1],
        ] {
            let kept: Places = places.iter().copied().collect();
            assert_eq!(kept.iter().collect::<Vec<_>>(), places);
            let one_run = places.windows(2).all(|w| w[1] == w[0] + 1);
            assert_eq!(matches!(kept, Places::One(_)), one_run, "{places:?}");
        }
        #[cfg(target_pointer_width = "64")]
        assert_eq!(std::mem::size_of::<Places>(), 16);
    }
    fn scored(markdown: &str) -> ChecklistScore {
        score(&parse("t.md", markdown.as_bytes(), Format::Markdown).expect("parses"))
    }

    #[test]
    fn counts_partial_half_and_skips_optional_and_na() {
        let s = scored(
            "# A\n- [x] one\n- [ ] two - PARTIAL\n- [ ] three - OPTIONAL\n- [ ] four (N/A)\n- [ ] five\n# B\n- [x] b\n",
        );
        let a = &s.categories[0];
        assert_eq!((a.counted, a.done), (3, 1.5));
        assert_eq!(a.score, Some(50.0));
        assert_eq!(s.score, Some(75.0));
    }

    #[test]
    fn picks_the_first_level_that_splits() {
        let s = scored(
            "# Title\n## Part\n### One\n- [x] a\n### Two\n- [ ] b\n## Sign-off\n- [ ] CTO\n",
        );
        let names: Vec<&str> = s.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["One", "Two"]);
        assert_eq!(s.score, Some(50.0));
    }

    #[test]
    fn leaves_post_launch_out() {
        let s = scored(
            "## Build\n- [x] a\n## Docs\n- [x] b\n## Post-Launch\n- [ ] watch\n### First Week\n- [ ] review\n",
        );
        assert_eq!(s.categories.len(), 2);
        assert_eq!(s.score, Some(100.0));
    }

    #[test]
    fn weight_table_over_empty_sections_falls_back_to_sections() {
        let s = scored(
            "## Phase 1\nAll good.\n## Phase 2\nFine.\n| Phase | Weight |\n|---|---|\n| Phase 1 | 50% |\n| Phase 2 | 50% |\n## Checklist\n### Before\n- [x] a\n### After launch\n- [ ] b\n",
        );
        assert_eq!(s.score, Some(100.0));
        assert!(s.notices[0].message.contains("hold no task boxes"));
    }

    #[test]
    fn weight_table_sets_categories() {
        let s = scored(
            "## 1. Build\n- [x] a\n## 2. Docs\n- [ ] b\n## 3. Extra\n- [ ] c\n## Score\n| Category | Weight |\n|---|---|\n| Build | 75% |\n| Docs | 25% |\n",
        );
        let weights: Vec<(String, f64)> = s
            .categories
            .iter()
            .map(|c| (c.name.clone(), c.weight))
            .collect();
        assert_eq!(
            weights,
            [
                ("1 Build".to_owned(), 75.0),
                ("2 Docs".to_owned(), 25.0),
                ("3 Extra".to_owned(), 0.0)
            ]
        );
        assert_eq!(s.score, Some(75.0));
        assert!(s.notices[0].message.contains("3 Extra"));
    }

    /// Class 8 of the reading issue: phase wrappers are not categories; the areas under them are.
    #[test]
    fn criteria_under_a_signoff_heading_make_a_category() {
        let s = scored(
            "# Launch Gate\n## 1. Code\n- [x] lint passes\n## 2. Final Sign-off\n\
             - [x] All items above checked\n- [ ] `pnpm run verify` exits 0 on a clean checkout\n",
        );
        let names: Vec<&str> = s.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["1 Code", "2 Final Sign-off"]);
        assert_eq!(s.categories[1].counted, 2);
    }

    /// Class 8, categories mixed across heading levels: `### Readiness Checklist` before the
    /// `## Summary` areas is a category too, and its boxes are scored.
    #[test]
    fn a_deeper_section_under_no_category_is_one() {
        let s = scored(
            "### Readiness Checklist\n- [ ] open an issue\n- [x] add a due date\n\
             ## Summary\n- [x] a\n## Testing\n- [ ] b\n",
        );
        let names: Vec<&str> = s.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Readiness Checklist", "Summary", "Testing"]);
        let counted: usize = s.categories.iter().map(|c| c.counted).sum();
        assert_eq!(counted, 4, "no box goes unscored");
    }

    #[test]
    fn one_counting_section_names_the_only_category() {
        let s = scored(
            "# Operational Readiness Review\n## Purpose\nWhy.\n## Checklist\n- [x] a\n- [ ] b\n",
        );
        let names: Vec<&str> = s.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Checklist"]);
        let loose = scored("# Title\n- [x] a\n## Notes\n- [ ] b\n");
        assert_eq!(loose.categories.len(), 1);
        assert_eq!(
            (
                loose.categories[0].name.as_str(),
                loose.categories[0].counted
            ),
            ("Title", 2),
            "a box right under the title keeps the whole document one category"
        );
    }

    #[test]
    fn phase_wrappers_give_way_to_the_areas_beneath() {
        let s = scored(
            "## PRE-DEPLOYMENT PHASE\n### 1. SECURITY\n- [x] a\n### 2. TESTING\n- [ ] b\n\
             ## DEPLOYMENT PHASE\n### 3. MONITORING\n- [x] c\n",
        );
        let names: Vec<&str> = s.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["1 SECURITY", "2 TESTING", "3 MONITORING"]);
    }

    /// Class 8: with no heading, the category is named after the file, never its full path.
    #[test]
    fn a_checklist_without_headings_is_named_by_its_stem_or_front_matter() {
        let list = parse(
            "/home/ada/work/launch-list.md",
            b"- [x] a\n- [ ] b\n",
            Format::Markdown,
        )
        .expect("parses");
        assert_eq!(score(&list).categories[0].name, "launch-list");
        let list = parse(
            "/home/ada/work/x.md",
            b"---\nname: Launch checklist\n---\n- [x] a\n",
            Format::Markdown,
        )
        .expect("parses");
        assert_eq!(score(&list).categories[0].name, "Launch checklist");
    }

    /// Class 9: the answers to a question are not work, whichever is ticked.
    #[test]
    fn options_of_a_choice_are_not_scored() {
        let s = scored(
            "## Feature\n- [x] flag documented\n\nHow can this feature be enabled?\n\n\
             - [x] Feature gate\n- [ ] Other\n## Ops\n- [x] c\n- [ ] Rollout reviewed?\n  - [ ] Yes\n  - [ ] No\n",
        );
        let counted: Vec<usize> = s.categories.iter().map(|c| c.counted).collect();
        assert_eq!(counted, [1, 2], "the options leave the denominator");
        assert_eq!(s.score, Some(75.0));
        let s = scored("## A\nWhich checks did you run?\n\n- [x] unit\n- [x] e2e\n- [ ] load\n");
        assert_eq!(
            s.categories[0].counted, 3,
            "several ticked answers are a task list, not a choice"
        );
    }

    /// Class 9 as the KEP template writes it: the question is a heading, and the options
    /// carry remarks in parentheses.
    #[test]
    fn options_under_a_question_heading_are_not_scored() {
        let s = scored(
            "## Feature\n- [x] flag documented\n\
             ###### How can this feature be enabled / disabled in a live cluster?\n\n\
             <!--\nPick one.\n-->\n\n\
             - [ ] Feature gate (also fill in values in `kep.yaml`)\n- [ ] Other (treat as last resort)\n\
             ## Backups\n### Are backups tested?\n- [x] Daily backups\n- [ ] Restore drill\n\
             ## Monitoring\n- [x] dashboards\n\
             * **How can someone know that it is working?**\n\n  - [x] Metrics\n    - Metric name: x\n  - [x] Other (treat as last resort)\n",
        );
        let counted: Vec<usize> = s.categories.iter().map(|c| c.counted).collect();
        assert_eq!(
            counted,
            [1, 2, 1],
            "options leave the score, ticked or not; work under a question heading stays"
        );
    }
}

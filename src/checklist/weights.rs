//! Weight tables: `| Category | Weight | Score |` rows, mapped onto the sections they name.
//!
//! Authors abbreviate freely (`Testing & QA` for `2. Testing & Quality Assurance`,
//! `Operations` for `9. Operational Readiness`), so rows are matched by section number when the
//! row has one, otherwise by words: exact, close spelling (Jaro-Winkler) or an acronym. Each
//! section takes at most one row, and once a section is taken its ancestors and descendants are
//! not, so no item is weighted twice.

use crate::hash::{HashMap, HashSet};

use crate::checklist::markers;
use crate::model::{Section, Span, WeightTable, WeightTableRow};

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WeightRow {
    pub(crate) name: String,
    pub(crate) weight: f64,
    pub(crate) declared_score: Option<f64>,
    /// The weighted column (`12.75%`), kept for the linter to redo the arithmetic.
    pub(crate) weighted: Option<f64>,
    pub(crate) span: Span,
}

/// A weight table: its rows, and the `Total` row when the author wrote one.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct WeightRows {
    pub(crate) rows: Vec<WeightRow>,
    pub(crate) total: Option<TotalRow>,
}

/// `| **Total** | 100% | | 90% |`: what the author says the columns add up to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TotalRow {
    pub(crate) name: String,
    pub(crate) weight: Option<f64>,
    pub(crate) weighted: Option<f64>,
    pub(crate) span: Span,
}

/// Words too common to say which section a row means.
const STOPWORDS: [&str; 6] = ["and", "the", "of", "for", "a", "to"];

/// Spelling similarity above which two words are the same word (`operations`, `operational`).
const SAME_WORD: f64 = 0.88;

impl WeightRow {
    /// Reads a weight table; `None` when the table has no weight column or fewer than two rows.
    pub(crate) fn from_table(
        header: &[String],
        rows: &[(Vec<String>, Span)],
    ) -> Option<WeightRows> {
        let lower: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
        let weight_col = lower.iter().position(|h| {
            (h.contains("weight") && !h.contains("weighted")) || h == "gewicht" || h == "peso"
        })?;
        let name_col = lower
            .iter()
            .position(|h| {
                [
                    "category",
                    "area",
                    "section",
                    "pillar",
                    "domain",
                    "dimension",
                    "component",
                    "criteri",
                    "name",
                ]
                .iter()
                .any(|w| h.contains(w))
            })
            .filter(|&c| c != weight_col)
            .or((weight_col != 0).then_some(0))?;
        let score_col = lower.iter().position(|h| {
            (h.contains("score") || h == "current" || h == "actual" || h == "status")
                && !h.contains("weighted")
                && !h.contains("max")
        });
        let weighted_col = lower
            .iter()
            .position(|h| h.contains("weighted") || h == "contribution" || h == "points");

        let mut total = None;
        let parsed: Vec<WeightRow> = rows
            .iter()
            .filter_map(|(cells, span)| {
                let name = markers::strip_marks(cells.get(name_col)?);
                let name = name
                    .trim_matches(|c: char| c == '*' || c.is_whitespace())
                    .to_owned();
                let first = crate::files::lowercase_words(&name)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                let weighted = weighted_col
                    .and_then(|c| cells.get(c))
                    .and_then(|c| parse_number(&markers::strip_marks(c)));
                if ["total", "sum", "overall"].contains(&first.as_str()) {
                    total.get_or_insert(TotalRow {
                        name,
                        weight: cells.get(weight_col).and_then(|c| parse_number(c)),
                        weighted,
                        span: span.clone(),
                    });
                    return None;
                }
                if name.is_empty() {
                    return None;
                }
                let weight = parse_number(cells.get(weight_col)?)?;
                let declared_score = score_col
                    .and_then(|c| cells.get(c))
                    .and_then(|c| parse_score(c));
                Some(WeightRow {
                    name,
                    weight,
                    declared_score,
                    weighted,
                    span: span.clone(),
                })
            })
            .collect();
        (parsed.len() >= 2).then_some(WeightRows {
            rows: parsed,
            total,
        })
    }
}

fn parse_number(cell: &str) -> Option<f64> {
    let cleaned: String = cell
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect::<String>()
        .replace(',', ".");
    let value: f64 = cleaned.parse().ok()?;
    (value.is_finite() && value >= 0.0).then_some(value)
}

/// `85%`, `85`, `0.85` or `8.5/10`, as 0–100.
fn parse_score(cell: &str) -> Option<f64> {
    let cell = markers::strip_marks(cell);
    if let Some((num, den)) = cell.split_once('/') {
        let (num, den) = (parse_number(num)?, parse_number(den)?);
        return (den > 0.0).then(|| (num / den * 100.0).clamp(0.0, 100.0));
    }
    let value = parse_number(&cell)?;
    let value = if !cell.contains('%') && value <= 1.0 {
        value * 100.0
    } else {
        value
    };
    (value <= 100.0).then_some(value)
}

/// The first table that weighs sections: the one where at least half the rows name a section.
/// A table weighing the items of one phase (`| Item | Status | Weight |`) names none or few,
/// and is not a weight table of the checklist. Sets `weight` and `declared_score` on the sections
/// its rows name and returns the table with, for each row, the path (child indexes from the root)
/// of the section it names, `None` when it names none.
pub(crate) fn apply(
    root: &mut [Section],
    tables: Vec<WeightRows>,
) -> Option<(WeightRows, Vec<Option<Vec<usize>>>)> {
    let (table, matched) = tables.into_iter().find_map(|table| {
        let matched = matches(root, &table.rows);
        let named = matched.iter().filter(|m| m.is_some()).count();
        (named * 2 >= table.rows.len()).then_some((table, matched))
    })?;
    for (row, target) in table.rows.iter().zip(&matched) {
        if let Some(path) = target {
            let section = section_at(root, path);
            section.weight = Some(row.weight);
            section.declared_score = row.declared_score;
        }
    }
    Some((table, matched))
}

/// For each row, the path of the section it names.
fn matches(root: &[Section], rows: &[WeightRow]) -> Vec<Option<Vec<usize>>> {
    let candidates = candidate_sections(root);
    // Exact matches (by number, or by the same words) are looked up; only rows without one are
    // compared with every section, within a budget, so a hostile table cannot make reading a
    // checklist take rows × sections × name length².
    let mut by_number: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_words: HashMap<&[String], Vec<usize>> = HashMap::default();
    for (c, candidate) in candidates.iter().enumerate() {
        if let Some(number) = &candidate.number {
            by_number.entry(number.as_str()).or_default().push(c);
        }
        by_words
            .entry(candidate.words.as_slice())
            .or_default()
            .push(c);
    }
    let mut budget = MAX_FUZZY_COMPARISONS;
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let (number, name) = markers::numbered_heading(&row.name);
        let words = content_words(&name);
        let mut exact = false;
        for &c in number
            .as_deref()
            .and_then(|n| by_number.get(n))
            .into_iter()
            .flatten()
        {
            pairs.push((3.0, r, c));
            exact = true;
        }
        if !words.is_empty() {
            for &c in by_words.get(words.as_slice()).into_iter().flatten() {
                pairs.push((1.25, r, c));
                exact = true;
            }
        }
        if exact {
            continue;
        }
        for (c, candidate) in candidates.iter().enumerate() {
            if budget == 0 {
                break;
            }
            budget -= 1;
            if let Some(score) = words_score(&words, candidate) {
                pairs.push((score, r, c));
            }
        }
    }
    // Best matches first; ties go to the shallower, then the earlier section.
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(candidates[a.2].level.cmp(&candidates[b.2].level))
            .then(a.2.cmp(&b.2))
    });

    let mut row_to: Vec<Option<usize>> = vec![None; rows.len()];
    // Taken sections, and the ancestors of taken sections: a section overlaps a taken one
    // when it or one of its ancestors is taken, or when it is an ancestor of one. Paths are at
    // most six deep, so each check is a handful of look-ups.
    let mut taken: HashSet<&[usize]> = HashSet::default();
    let mut above_taken: HashSet<&[usize]> = HashSet::default();
    for (_, r, c) in pairs {
        let path = candidates[c].path.as_slice();
        let overlaps =
            (1..=path.len()).any(|n| taken.contains(&path[..n])) || above_taken.contains(path);
        if row_to[r].is_none() && !overlaps {
            row_to[r] = Some(c);
            taken.insert(path);
            for n in 1..path.len() {
                above_taken.insert(&path[..n]);
            }
        }
    }

    row_to
        .into_iter()
        .map(|c| c.map(|c| candidates[c].path.clone()))
        .collect()
}

/// The table as the model keeps it for the linter, each row with the id of the section it was
/// matched to (ids exist only once the tree is complete, so this runs after `apply`).
pub(crate) fn table(
    root: &[Section],
    rows: WeightRows,
    matched: &[Option<Vec<usize>>],
) -> Option<WeightTable> {
    let span = rows.rows.first()?.span.clone();
    let section_id = |path: &[usize]| {
        let (first, rest) = path.split_first()?;
        let mut section = root.get(*first)?;
        for &i in rest {
            section = section.sections.get(i)?;
        }
        Some(section.id.to_string())
    };
    let rows_out = rows
        .rows
        .into_iter()
        .zip(matched)
        .map(|(row, path)| WeightTableRow {
            name: row.name,
            weight: Some(row.weight),
            score: row.declared_score,
            weighted: row.weighted,
            section: path.as_deref().and_then(section_id),
            span: row.span,
        })
        .collect();
    Some(WeightTable {
        rows: rows_out,
        total: rows.total.map(|t| WeightTableRow {
            name: t.name,
            weight: t.weight,
            score: None,
            weighted: t.weighted,
            section: None,
            span: t.span,
        }),
        span,
    })
}

struct Candidate {
    path: Vec<usize>,
    number: Option<String>,
    words: Vec<String>,
    level: u8,
}

fn candidate_sections(root: &[Section]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut stack: Vec<(Vec<usize>, &Section)> = root
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (vec![i], s))
        .collect();
    while let Some((path, section)) = stack.pop() {
        if section.signoff {
            continue;
        }
        for (i, child) in section.sections.iter().enumerate().rev() {
            let mut child_path = path.clone();
            child_path.push(i);
            stack.push((child_path, child));
        }
        out.push(Candidate {
            words: content_words(&section.title),
            number: section.number.as_deref().map(str::to_owned),
            level: section.level,
            path,
        });
    }
    out
}

fn section_at<'a>(root: &'a mut [Section], path: &[usize]) -> &'a mut Section {
    let (first, rest) = path.split_first().unwrap_or((&0, &[]));
    let mut section = &mut root[*first];
    for &i in rest {
        section = &mut section.sections[i];
    }
    section
}

/// The words that say which section a name means: the first 32, without stop words.
fn content_words(text: &str) -> Vec<String> {
    crate::files::lowercase_words(text)
        .into_iter()
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .take(32)
        .collect()
}

/// Row-to-section comparisons by spelling, at most, for one weight table: real tables have
/// tens of rows; beyond this, rows without an exact match are reported as naming no section.
const MAX_FUZZY_COMPARISONS: usize = 100_000;

/// How well a row's words name a section, or `None` if they do not.
fn words_score(row_words: &[String], candidate: &Candidate) -> Option<f64> {
    if row_words.is_empty() || candidate.words.is_empty() {
        return None;
    }
    let mut used = vec![false; candidate.words.len()];
    let mut matched = 0usize;
    for word in row_words {
        if let Some(i) =
            (0..candidate.words.len()).find(|&i| !used[i] && same_word(word, &candidate.words[i]))
        {
            used[i] = true;
            matched += 1;
        } else if let Some(range) = acronym(word, &candidate.words, &used) {
            for i in range {
                used[i] = true;
            }
            matched += 1;
        }
    }
    let recall = matched as f64 / row_words.len() as f64;
    let precision = used.iter().filter(|u| **u).count() as f64 / candidate.words.len() as f64;
    (recall >= 0.5).then_some(recall + 0.25 * precision)
}

/// Close spelling, for words of ordinary length: a 30,000-letter "word" is compared exactly.
fn same_word(a: &str, b: &str) -> bool {
    a == b
        || ((4..=64).contains(&a.len())
            && (4..=64).contains(&b.len())
            && may_be_close(a, b)
            && strsim::jaro_winkler(a, b) >= SAME_WORD)
}

/// Whether two ASCII words share enough letters to be [`SAME_WORD`]-close: a bound on their
/// Jaro–Winkler similarity from the letters they share, a tenth of its cost, so the words of
/// a row and of every section are told apart without it. Jaro counts `m` letters matched, at
/// most the `s` both words hold, so it is at most `J = (s/|a| + s/|b| + 1) / 3`; Winkler's
/// bonus for a common prefix of up to four letters lifts it to at most `0.4 + 0.6 J`. That
/// reaches 0.88 only if `J >= 0.8`, that is `s/|a| + s/|b| >= 1.4` (a unit test holds the
/// bound to `strsim` on random pairs). Words outside ASCII are left to the measure itself.
fn may_be_close(a: &str, b: &str) -> bool {
    const _: () = assert!(SAME_WORD >= 0.88, "the bound below is worked out for 0.88");
    if !a.is_ascii() || !b.is_ascii() {
        return true;
    }
    let mut held = [0u8; 128];
    for &byte in a.as_bytes() {
        held[usize::from(byte)] += 1;
    }
    let mut shared = 0usize;
    for &byte in b.as_bytes() {
        let count = &mut held[usize::from(byte)];
        if *count > 0 {
            *count -= 1;
            shared += 1;
        }
    }
    // s/|a| + s/|b| >= 1.4, in integers.
    5 * shared * (a.len() + b.len()) >= 7 * a.len() * b.len()
}

/// `qa` matches the consecutive words `quality assurance`.
fn acronym(word: &str, words: &[String], used: &[bool]) -> Option<std::ops::Range<usize>> {
    let letters: Vec<char> = word.chars().collect();
    if !(2..=5).contains(&letters.len()) {
        return None;
    }
    (0..=words.len().checked_sub(letters.len())?).find_map(|start| {
        let range = start..start + letters.len();
        let fits = range
            .clone()
            .all(|i| !used[i] && words[i].starts_with(letters[i - start]));
        fits.then_some(range)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;

    /// The letter bound never turns away a pair `strsim` calls the same word, over random pairs
    /// of checklist words bent by a letter or two, and it turns most unrelated pairs away.
    #[test]
    fn shared_letters_bound_the_similarity() {
        const WORDS: &[&str] = &[
            "security",
            "monitoring",
            "operations",
            "operational",
            "testing",
            "deployment",
            "performance",
            "reliability",
            "documentation",
            "observability",
            "infrastructure",
            "compliance",
            "backup",
            "recovery",
            "alerting",
            "logging",
            "scalability",
            "data",
            "database",
            "incident",
            "response",
            "release",
            "readiness",
            "quality",
            "assurance",
        ];
        let mut random = fastrand::Rng::with_seed(0x5851_F42D_4C95_7F2D);
        let mut next = |below: usize| random.usize(..below);
        let bend = |word: &str, next: &mut dyn FnMut(usize) -> usize| -> String {
            let mut bytes = word.as_bytes().to_vec();
            for _ in 0..next(3) {
                let at = next(bytes.len());
                match next(3) {
                    0 => bytes[at] = b'a' + u8::try_from(next(26)).expect("letter"),
                    1 if bytes.len() > 4 => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, b'a' + u8::try_from(next(26)).expect("letter")),
                }
            }
            String::from_utf8(bytes).expect("ASCII")
        };
        let (mut close, mut turned_away, mut unrelated) = (0, 0, 0);
        for _ in 0..20_000 {
            let a = WORDS[next(WORDS.len())];
            let a = bend(a, &mut next);
            let b = WORDS[next(WORDS.len())];
            let b = bend(b, &mut next);
            let similar = strsim::jaro_winkler(&a, &b) >= SAME_WORD;
            let may = may_be_close(&a, &b);
            assert!(
                may || !similar,
                "{a} and {b} are close but were turned away"
            );
            close += usize::from(similar);
            unrelated += usize::from(!similar);
            turned_away += usize::from(!may);
        }
        assert!(close > 400, "{close} close pairs");
        assert!(
            turned_away * 10 > unrelated * 8,
            "{turned_away} of {unrelated}"
        );
    }

    fn section(number: &str, title: &str, sections: Vec<Section>) -> Section {
        Section {
            id: number.into(),
            number: Some(number.into()),
            title: title.into(),
            level: u8::try_from(number.split('.').count() + 1).unwrap_or(2),
            phase: Phase::PreLaunch,
            priority: None,
            signoff: false,
            weight: None,
            declared_score: None,
            declared_status: None,
            span: Span::new("a.md", 1),
            items: thin_vec::ThinVec::new(),
            sections: sections.into(),
        }
    }

    fn row(name: &str, weight: f64) -> WeightRow {
        WeightRow {
            name: name.into(),
            weight,
            declared_score: Some(50.0),
            weighted: None,
            span: Span::new("a.md", 9),
        }
    }

    #[test]
    fn maps_rows_fuzzily() {
        let mut root = vec![
            section(
                "2",
                "Testing & Quality Assurance",
                vec![section("2.1", "Test Coverage", vec![])],
            ),
            section("3", "Performance Validation", vec![]),
            section("9", "Operational Readiness", vec![]),
            section("11", "Scalability & Performance", vec![]),
            section("7", "Backup & Recovery", vec![]),
        ];
        let rows = [
            row("Testing & QA", 15.0),
            row("Performance", 15.0),
            row("Operations", 5.0),
            row("Backup/Recovery", 5.0),
            row("Marketing", 1.0),
        ];
        let table = WeightRows {
            rows: rows.to_vec(),
            total: None,
        };
        let (_, matched) = apply(&mut root, vec![table]).expect("most rows name sections");
        assert_eq!(root[0].weight, Some(15.0));
        assert_eq!(root[0].sections[0].weight, None);
        assert_eq!(root[1].weight, Some(15.0), "first of two equal matches");
        assert_eq!(root[2].weight, Some(5.0));
        assert_eq!(root[3].weight, None);
        assert_eq!(root[4].weight, Some(5.0));
        assert_eq!(matched[4], None, "Marketing names no section");
        assert_eq!(matched[2], Some(vec![2]));
    }

    #[test]
    fn reads_weight_tables() {
        let header: Vec<String> = ["Category", "Weight", "Score", "Weighted"]
            .map(String::from)
            .to_vec();
        let span = Span::new("a.md", 3);
        let rows = vec![
            (
                ["**Feature Completeness**", "20%", "100%", "20%"]
                    .map(String::from)
                    .to_vec(),
                span.clone(),
            ),
            (
                ["**Testing & QA**", "15%", "85%", "12.75%"]
                    .map(String::from)
                    .to_vec(),
                span.clone(),
            ),
            (
                ["**Total**", "100%", "", ""].map(String::from).to_vec(),
                span,
            ),
        ];
        let table = WeightRow::from_table(&header, &rows).expect("weight table");
        let total = table.total.expect("total row");
        assert_eq!((total.weight, total.weighted), (Some(100.0), None));
        let parsed = table.rows;
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[1].weighted, Some(12.75));
        assert_eq!(parsed[1].name, "Testing & QA");
        assert_eq!(
            (parsed[1].weight, parsed[1].declared_score),
            (15.0, Some(85.0))
        );
        let no_weight: Vec<String> = ["Risk", "Level"].map(String::from).to_vec();
        assert_eq!(WeightRow::from_table(&no_weight, &[]), None);
    }
}

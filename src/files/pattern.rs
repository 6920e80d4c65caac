//! The built-in patterns that read checklist text: compiled on first use, lean, and in full
//! only once a pattern has read enough text to pay for it (see [`Pattern`]).
//!
//! Every run compiles the patterns its text reaches, so their compile time is start-up time.
//! `regex` builds each with a literal prefilter, found by extracting every case variant of the
//! pattern's literals — for the case-insensitive, Unicode-aware patterns the readers use, that
//! extraction is about 40 % of the compile. The texts they search are short (a heading, an
//! item, a line), where a prefilter saves nothing, so these are built with `regex-automata`'s
//! own builder without one. The surface is the part of `regex`'s that the readers use.

use std::borrow::Cow;
use std::ops::Index;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::captures::Captures as Groups;

/// A compiled built-in pattern, in two tiers that answer alike, each compiled twice over: for
/// text wholly in ASCII and for any text.
///
/// Most patterns meet little text in a run (a checklist's headings, a few lines that look like
/// a claim), and for them the lazy DFA that `regex` builds costs more to compile than it saves:
/// on the 18 KB Prime Spark checklist it is a fifth of the whole run. So a pattern starts
/// `lean`, run by the backtracker or the Pike VM on the NFA alone, and is compiled again with
/// the lazy DFA once it has searched [`LEAN_BYTES`] of text — a long checklist, where the
/// per-byte speed is what counts. Both are the same `regex-automata` pattern, whose engines all
/// find the same leftmost-first match and groups, so which tier answered never shows.
///
/// Most lines of a checklist are ASCII, and for them the Unicode in a pattern is dead weight
/// that is most of its compile: `(?i)` folding every letter into its variants outside ASCII,
/// `\s` and `[^:]` compiled into UTF-8 automata for every script. A text wholly in ASCII is
/// searched by the pattern compiled without Unicode ([`within_ascii`]), which answers every
/// such text as the Unicode pattern does (checked on every ASCII text a debug build searches);
/// a text with any other character by the pattern as written.
#[derive(Debug)]
pub(crate) struct Pattern {
    source: Box<str>,
    config: meta::Config,
    ascii: Tiers,
    unicode: Tiers,
}

/// The lean and full tiers of one compilation of a pattern, each compiled when first needed.
#[derive(Debug, Default)]
struct Tiers {
    lean: OnceLock<meta::Regex>,
    full: OnceLock<meta::Regex>,
    /// Bytes searched by the lean tier so far.
    searched: AtomicUsize,
}

/// Text a pattern searches lean before it is compiled with the lazy DFA. Chosen with callgrind
/// over the 56 corpus checklists, both seeds and the generated 1 MB checklist (1, 2, 4, 8 and
/// 16 KB tried): a smaller budget recompiles the patterns of most mid-sized checklists, a larger
/// one lets the slower engines run too long on the few patterns that read every line.
const LEAN_BYTES: usize = 4096;

/// The ASCII digits, which `[0-9]` matches: needed by every pattern that reads a number.
pub(crate) const DIGITS: &[char] = &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/// A built-in pattern that says which characters, and which words, every match holds, so a
/// text without them is answered with a scan and the pattern is compiled only when a text might
/// match.
///
/// What a pattern needs is proved, not trusted: whenever one is compiled in a debug build (every
/// test), its needs are checked against the pattern itself, case variants included — taken out
/// of every class and literal, each set of needed characters must leave a pattern that matches
/// nothing, and each set of needed words must be spelled out by every match (see
/// [`spells_one_of`]).
#[derive(Debug)]
pub(crate) struct Guarded {
    /// Sets of characters; every match holds at least one character of each set.
    needs: &'static [&'static [char]],
    /// The ASCII characters of each set (at most [`MAX_NEEDS`]) as bits, so most of the check
    /// is one pass over the bytes per set.
    ascii: [u128; MAX_NEEDS],
    /// Whether a set holds characters outside ASCII, which are looked for one by one.
    wide: [bool; MAX_NEEDS],
    /// A set of one to three ASCII characters, looked for with `memchr` (vectorised) rather
    /// than bit by bit: its bytes and how many there are (0: use the bits).
    few: [([u8; 3], usize); MAX_NEEDS],
    /// Sets of words, in ASCII lower case; every match holds one word of each set, in any case.
    /// Characters say little about a pattern whose every letter is common, and those are the
    /// costly ones: the stated rules (`Do not launch if …`, `All … must be done before launch`)
    /// bound their gaps with Unicode classes, which compile to a copy each, and most checklists
    /// state no such rule.
    words: &'static [&'static [&'static str]],
    /// For each needed word, numbered across the sets in order, the place of its rarest letter
    /// in English text: the one its search looks for with `memchr`, so few places are compared.
    pivots: [u8; MAX_WORDS],
    source: &'static str,
    compiled: OnceLock<Pattern>,
}

/// The most sets of needed characters a guarded pattern names.
const MAX_NEEDS: usize = 4;

/// The most needed words a guarded pattern names, all sets together.
const MAX_WORDS: usize = 32;

/// How common a byte is in English text, lowest for the rarest: letters by their frequency
/// (`e t a o i n s h r d l c u m w f g y p b v k j x q z`, in either case), a space and the
/// punctuation of words (`-`, `'`, `/`) among the common ones.
const fn commonness(byte: u8) -> u8 {
    const ORDER: &[u8; 26] = b"zqxjkvbpygfwmucldrhsnioate";
    let lower = byte.to_ascii_lowercase();
    let mut rank = 0;
    while rank < ORDER.len() {
        if ORDER[rank] == lower {
            return rank as u8 + 1;
        }
        rank += 1;
    }
    match byte {
        b' ' => 30,
        b'-' | b'\'' => 12,
        _ => 6,
    }
}

impl Guarded {
    pub(crate) const fn new(needs: &'static [&'static [char]], source: &'static str) -> Self {
        assert!(
            needs.len() <= MAX_NEEDS,
            "at most four sets of needed characters"
        );
        let mut ascii = [0; MAX_NEEDS];
        let mut wide = [false; MAX_NEEDS];
        let mut few = [([0; 3], 0); MAX_NEEDS];
        let mut set = 0;
        while set < needs.len() {
            let mut index = 0;
            while index < needs[set].len() {
                let c = needs[set][index] as u32;
                if c < 128 {
                    ascii[set] |= 1 << c;
                    if index < 3 {
                        few[set].0[index] = c as u8;
                    }
                } else {
                    wide[set] = true;
                }
                index += 1;
            }
            if !wide[set] && needs[set].len() <= 3 {
                few[set].1 = needs[set].len();
            }
            set += 1;
        }
        Self {
            needs,
            ascii,
            wide,
            few,
            words: &[],
            pivots: [0; MAX_WORDS],
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern, with the words every match holds: one of each set, each word in ASCII
    /// lower case.
    pub(crate) const fn with_words(mut self, words: &'static [&'static [&'static str]]) -> Self {
        let mut set = 0;
        let mut number = 0;
        while set < words.len() {
            assert!(!words[set].is_empty(), "a set of needed words is not empty");
            let mut word = 0;
            while word < words[set].len() {
                let bytes = words[set][word].as_bytes();
                assert!(!bytes.is_empty(), "a needed word is not empty");
                assert!(number < MAX_WORDS, "at most 32 needed words");
                let mut at = 0;
                while at < bytes.len() {
                    assert!(
                        bytes[at].is_ascii() && !bytes[at].is_ascii_uppercase(),
                        "needed words are ASCII, in lower case"
                    );
                    if commonness(bytes[at]) < commonness(bytes[self.pivots[number] as usize]) {
                        self.pivots[number] = at as u8;
                    }
                    at += 1;
                }
                word += 1;
                number += 1;
            }
            set += 1;
        }
        self.words = words;
        self
    }

    fn could_match(&self, text: &str) -> bool {
        self.could_hold_chars(text) && self.could_hold_words(text)
    }

    /// Whether `text` holds one of each set of needed words. `(?i)` also matches `ſ` for `s`
    /// and the Kelvin sign `K` for `k` (the only characters outside ASCII that fold into it),
    /// so a text holding either is let through rather than searched for them.
    fn could_hold_words(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        self.words.is_empty()
            || !bytes.is_ascii()
                && (memchr::memmem::find(bytes, "ſ".as_bytes()).is_some()
                    || memchr::memmem::find(bytes, "\u{212A}".as_bytes()).is_some())
            || {
                let mut number = 0;
                self.words.iter().all(|set| {
                    let first = number;
                    number += set.len();
                    set.iter().zip(&self.pivots[first..]).any(|(word, &pivot)| {
                        holds_ignoring_ascii_case(bytes, word.as_bytes(), pivot.into())
                    })
                })
            }
    }

    fn could_hold_chars(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        self.needs.iter().enumerate().all(|(set, chars)| {
            let ([a, b, c], count) = self.few[set];
            let ascii = self.ascii[set];
            match count {
                1 => memchr::memchr(a, bytes).is_some(),
                2 => memchr::memchr2(a, b, bytes).is_some(),
                3 => memchr::memchr3(a, b, c, bytes).is_some(),
                _ => {
                    bytes.iter().any(|&b| b < 128 && ascii & (1 << b) != 0)
                        || self.wide[set]
                            && chars.iter().any(|c| !c.is_ascii() && text.contains(*c))
                }
            }
        })
    }

    fn pattern(&self) -> &Pattern {
        self.compiled.get_or_init(|| {
            #[cfg(debug_assertions)]
            assert!(
                self.needs_hold(),
                "{} can match without one of {:?}",
                self.source,
                self.needs
            );
            regex(self.source)
        })
    }

    /// Whether every match of the pattern holds a character of each needed set and a word of
    /// each set of needed words.
    #[cfg(any(test, debug_assertions))]
    pub(crate) fn needs_hold(&self) -> bool {
        use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
        let hir = regex_syntax::parse(self.source).expect("a built-in pattern parses");
        self.needs.iter().all(|set| {
            let set = ClassUnicode::new(set.iter().map(|c| ClassUnicodeRange::new(*c, *c)));
            !matches_without(&hir, &set)
        }) && self.words.iter().all(|set| spells_one_of(&hir, set))
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.could_match(text) && self.pattern().is_match(text)
    }

    pub(crate) fn find<'h>(&self, text: &'h str) -> Option<Found<'h>> {
        self.could_match(text)
            .then(|| self.pattern().find(text))
            .flatten()
    }

    pub(crate) fn captures<'h>(&self, text: &'h str) -> Option<Captures<'h>> {
        self.could_match(text)
            .then(|| self.pattern().captures(text))
            .flatten()
    }

    pub(crate) fn captures_iter<'h>(
        &self,
        text: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + use<'_, 'h> {
        self.could_match(text)
            .then(|| self.pattern().captures_iter(text))
            .into_iter()
            .flatten()
    }

    pub(crate) fn replace_all<'h>(&self, text: &'h str, with: impl AsRef<str>) -> Cow<'h, str> {
        if self.could_match(text) {
            self.pattern().replace_all(text, with)
        } else {
            Cow::Borrowed(text)
        }
    }
}

/// Whether `haystack` holds `word` (ASCII, lower case) in any ASCII case: each place that
/// holds the word's byte at `pivot`, in either case, is compared with the whole word.
fn holds_ignoring_ascii_case(haystack: &[u8], word: &[u8], pivot: usize) -> bool {
    let byte = word[pivot];
    let candidates = memchr::memchr2_iter(byte, byte.to_ascii_uppercase(), haystack);
    candidates.into_iter().any(|at| {
        at.checked_sub(pivot)
            .and_then(|start| haystack.get(start..start + word.len()))
            .is_some_and(|here| here.eq_ignore_ascii_case(word))
    })
}

/// The most strings [`spelled`] lists for a part of a pattern before it gives up on it.
#[cfg(any(test, debug_assertions))]
const MAX_SPELLINGS: usize = 256;

/// A character as the word guard sees it: ASCII in lower case, `ſ` as `s` and the Kelvin sign
/// as `k` (what `(?i)` folds them into); any other character as itself, which no needed word
/// (ASCII) can hold.
#[cfg(any(test, debug_assertions))]
fn fold(c: char) -> char {
    match c {
        'ſ' => 's',
        '\u{212A}' => 'k',
        c => c.to_ascii_lowercase(),
    }
}

/// Every text `hir` can match, each folded, when they are few ([`MAX_SPELLINGS`]); `None`
/// when they are many or endless. A look-around matches the empty text.
#[cfg(any(test, debug_assertions))]
fn spelled(hir: &regex_syntax::hir::Hir) -> Option<Vec<String>> {
    use regex_syntax::hir::{Class, HirKind};
    let cross = |heads: Vec<String>, tails: &[String]| {
        (heads.len() * tails.len() <= MAX_SPELLINGS).then(|| {
            heads
                .iter()
                .flat_map(|head| tails.iter().map(move |tail| format!("{head}{tail}")))
                .collect::<Vec<_>>()
        })
    };
    let mut texts = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => vec![String::new()],
        HirKind::Literal(literal) => vec![
            std::str::from_utf8(&literal.0)
                .ok()?
                .chars()
                .map(fold)
                .collect(),
        ],
        HirKind::Class(Class::Bytes(_)) => return None,
        HirKind::Class(Class::Unicode(class)) => {
            let size: u32 = class
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if size as usize > MAX_SPELLINGS {
                return None;
            }
            class
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(|c| fold(c).to_string())
                .collect()
        }
        HirKind::Capture(capture) => spelled(&capture.sub)?,
        HirKind::Repetition(repetition) => {
            let sub = spelled(&repetition.sub)?;
            let mut texts = Vec::new();
            let mut power = vec![String::new()];
            for count in 0..=repetition.max? {
                if count >= repetition.min {
                    texts.extend(power.iter().cloned());
                }
                power = cross(power, &sub)?;
                if texts.len() > MAX_SPELLINGS {
                    return None;
                }
            }
            texts
        }
        HirKind::Concat(subs) => {
            let mut texts = vec![String::new()];
            for sub in subs {
                texts = cross(texts, &spelled(sub)?)?;
            }
            texts
        }
        HirKind::Alternation(subs) => {
            let mut texts = Vec::new();
            for sub in subs {
                texts.extend(spelled(sub)?);
            }
            texts
        }
    };
    texts.sort_unstable();
    texts.dedup();
    (texts.len() <= MAX_SPELLINGS).then_some(texts)
}

/// Whether every text `hir` matches holds one of `words`, folded as [`fold`] does. It errs
/// towards no: it looks for the words only in parts of the pattern whose texts are few (a
/// literal, a run of letters each with its case variants, a short alternation) and in every
/// branch of an alternation, so a pattern it clears truly spells one of them.
#[cfg(any(test, debug_assertions))]
pub(crate) fn spells_one_of(hir: &regex_syntax::hir::Hir, words: &[&str]) -> bool {
    spells_one_of_within(hir, words, 3)
}

/// [`spells_one_of`], distributing at most `splits` more alternations over the parts around
/// them: the parser factors `do\s+not|don'?t` into `do(?:\s+not|n'?t)`, whose branches spell
/// `no` and `don` only with the prefix they share.
#[cfg(any(test, debug_assertions))]
fn spells_one_of_within(hir: &regex_syntax::hir::Hir, words: &[&str], splits: usize) -> bool {
    use regex_syntax::hir::{Hir, HirKind};
    let spells_one_of = |hir: &Hir, words: &[&str]| spells_one_of_within(hir, words, splits);
    let all_hold = |texts: &[String]| {
        texts
            .iter()
            .all(|text| words.iter().any(|w| text.contains(w)))
    };
    if spelled(hir).is_some_and(|texts| all_hold(&texts)) {
        return true;
    }
    match hir.kind() {
        HirKind::Capture(capture) => spells_one_of(&capture.sub, words),
        HirKind::Repetition(repetition) => {
            repetition.min > 0 && spells_one_of(&repetition.sub, words)
        }
        HirKind::Alternation(subs) => subs.iter().all(|sub| spells_one_of(sub, words)),
        HirKind::Concat(subs) => {
            if subs.iter().any(|sub| spells_one_of(sub, words)) {
                return true;
            }
            // A run of parts with few texts each, such as the case-folded letters of a word.
            let texts: Vec<_> = subs.iter().map(spelled).collect();
            let in_a_run = (0..subs.len()).any(|start| {
                let mut run = vec![String::new()];
                for part in &texts[start..] {
                    let Some(part) = part else { return false };
                    if run.len() * part.len() > MAX_SPELLINGS {
                        return false;
                    }
                    run = run
                        .iter()
                        .flat_map(|head| part.iter().map(move |tail| format!("{head}{tail}")))
                        .collect();
                    if all_hold(&run) {
                        return true;
                    }
                }
                false
            });
            in_a_run
                || splits > 0
                    && subs.iter().enumerate().any(|(at, sub)| {
                        let branches = match sub.kind() {
                            HirKind::Alternation(branches) => branches,
                            HirKind::Capture(capture) => match capture.sub.kind() {
                                HirKind::Alternation(branches) => branches,
                                _ => return false,
                            },
                            _ => return false,
                        };
                        branches.iter().all(|branch| {
                            let mut parts = subs.clone();
                            parts[at] = branch.clone();
                            spells_one_of_within(&Hir::concat(parts), words, splits - 1)
                        })
                    })
        }
        _ => false,
    }
}

/// Whether `hir` can match a text holding none of the characters in `set`. It errs towards
/// yes (a look-around is taken to hold, a byte class to match), so a pattern it clears truly
/// needs one of them.
#[cfg(any(test, debug_assertions))]
pub(crate) fn matches_without(
    hir: &regex_syntax::hir::Hir,
    set: &regex_syntax::hir::ClassUnicode,
) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Class(Class::Bytes(class)) => !class.ranges().is_empty(),
        HirKind::Literal(literal) => String::from_utf8_lossy(&literal.0).chars().all(|c| {
            set.ranges()
                .iter()
                .all(|r| !(r.start()..=r.end()).contains(&c))
        }),
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.difference(set);
            !class.ranges().is_empty()
        }
        HirKind::Repetition(repetition) => {
            repetition.min == 0 || matches_without(&repetition.sub, set)
        }
        HirKind::Capture(capture) => matches_without(&capture.sub, set),
        HirKind::Concat(subs) => subs.iter().all(|sub| matches_without(sub, set)),
        HirKind::Alternation(subs) => subs.iter().any(|sub| matches_without(sub, set)),
    }
}

/// Compiles a built-in pattern; the unit tests exercise every one, so none fails at run time.
pub(crate) fn regex(pattern: &str) -> Pattern {
    build(pattern, meta::Config::new().auto_prefilter(false))
}

/// Compiles a built-in pattern that is only ever asked whether and where it matches, never for
/// its groups: leaner still, with no capture groups and none of the engines that find them.
pub(crate) fn words(pattern: &str) -> Pattern {
    let config = meta::Config::new()
        .auto_prefilter(false)
        .which_captures(WhichCaptures::Implicit)
        .onepass(false)
        .backtrack(false);
    build(pattern, config)
}

fn build(pattern: &str, config: meta::Config) -> Pattern {
    Pattern {
        source: pattern.into(),
        config,
        ascii: Tiers::default(),
        unicode: Tiers::default(),
    }
}

/// Compiles a built-in pattern: with `ascii`, for texts wholly in ASCII only, without
/// Unicode; with `lean`, without the lazy DFA.
fn compile(pattern: &str, config: &meta::Config, ascii: bool, lean: bool) -> meta::Regex {
    // Without the lazy DFA, the bounded backtracker is what keeps a short search quick, so the
    // lean tier has it even where the full one leaves it out.
    let config = if lean {
        config.clone().hybrid(false).dfa(false).backtrack(true)
    } else {
        config.clone()
    };
    // A pattern that cannot be said without Unicode (a `\p{…}` class) is compiled as written
    // for ASCII texts too.
    let built = match ascii.then(|| ascii_hir(pattern)).flatten() {
        Some(hir) => meta::Builder::new().configure(config).build_from_hir(&hir),
        None => meta::Builder::new().configure(config).build(pattern),
    };
    built.unwrap_or_else(|e| unreachable!("built-in pattern {pattern}: {e}"))
}

/// `pattern` without Unicode, for texts wholly in ASCII (see [`within_ascii`]); `None` when it
/// cannot be said so.
fn ascii_hir(pattern: &str) -> Option<regex_syntax::hir::Hir> {
    let mut ast = regex_syntax::ast::parse::Parser::new()
        .parse(pattern)
        .ok()?;
    if !within_ascii(&mut ast) {
        return None;
    }
    regex_syntax::hir::translate::TranslatorBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .translate(pattern, &ast)
        .ok()
}

/// The characters outside ASCII that `(?i)` matches with an ASCII letter (simple case folding,
/// as `regex` does it): `ſ` with `s`, the Kelvin sign with `k`. A unit test finds them all.
const FOLD_INTO_ASCII: [char; 2] = ['ſ', '\u{212A}'];

/// Makes a parsed pattern compile without Unicode, to search texts wholly in ASCII: the
/// characters outside ASCII are taken out of its bracketed classes (and ranges cut at `\x7F`),
/// which a class without Unicode cannot hold. On such a text nothing else changes what
/// matches: without Unicode `(?i)` folds ASCII letters into ASCII ones, `\s`, `\w`, `\d` and
/// `\b` are their ASCII parts, `.` and a negated class still match every ASCII character they
/// did, and a literal outside ASCII, kept as its UTF-8 bytes, matches none, as before — unless
/// `(?i)` would fold it into an ASCII letter ([`FOLD_INTO_ASCII`]): a pattern naming one of
/// those is left as it is (`false`).
fn within_ascii(ast: &mut regex_syntax::ast::Ast) -> bool {
    use regex_syntax::ast::{Ast, ClassSet, ClassSetItem};
    fn set(class: &mut ClassSet) -> bool {
        match class {
            ClassSet::Item(one) => item(one),
            ClassSet::BinaryOp(op) => set(&mut op.lhs) & set(&mut op.rhs),
        }
    }
    fn item(one: &mut ClassSetItem) -> bool {
        match one {
            ClassSetItem::Literal(literal) if !literal.c.is_ascii() => {
                let fine = !FOLD_INTO_ASCII.contains(&literal.c);
                *one = ClassSetItem::Empty(literal.span);
                fine
            }
            ClassSetItem::Range(range) => {
                let (start, end) = (range.start.c, range.end.c);
                let fine = !FOLD_INTO_ASCII.iter().any(|c| (start..=end).contains(c));
                if !start.is_ascii() {
                    *one = ClassSetItem::Empty(range.span);
                } else if !end.is_ascii() {
                    range.end.c = '\x7F';
                }
                fine
            }
            ClassSetItem::Bracketed(inner) => set(&mut inner.kind),
            ClassSetItem::Union(union) => {
                union.items.iter_mut().fold(true, |fine, i| item(i) & fine)
            }
            ClassSetItem::Empty(_)
            | ClassSetItem::Literal(_)
            | ClassSetItem::Ascii(_)
            | ClassSetItem::Unicode(_)
            | ClassSetItem::Perl(_) => true,
        }
    }
    match ast {
        Ast::ClassBracketed(class) => set(&mut class.kind),
        Ast::Literal(literal) => !FOLD_INTO_ASCII.contains(&literal.c),
        Ast::Repetition(repetition) => within_ascii(&mut repetition.ast),
        Ast::Group(group) => within_ascii(&mut group.ast),
        Ast::Alternation(alternation) => alternation
            .asts
            .iter_mut()
            .fold(true, |fine, ast| within_ascii(ast) & fine),
        Ast::Concat(concat) => concat
            .asts
            .iter_mut()
            .fold(true, |fine, ast| within_ascii(ast) & fine),
        Ast::Empty(_)
        | Ast::Flags(_)
        | Ast::Dot(_)
        | Ast::Assertion(_)
        | Ast::ClassUnicode(_)
        | Ast::ClassPerl(_) => true,
    }
}

/// Every match of `regex` in `text`, each with where each of its groups matched: what two
/// compilations of a pattern must agree on.
#[cfg(any(test, debug_assertions))]
fn group_spans(regex: &meta::Regex, text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
    regex
        .captures_iter(text)
        .map(|groups| {
            (0..groups.group_len())
                .map(|i| groups.get_group(i).map(|s| (s.start, s.end)))
                .collect()
        })
        .collect()
}

/// Where a pattern or one of its groups matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Found<'h> {
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn as_str(&self) -> &'h str {
        &self.text[self.start..self.end]
    }
}

/// The groups of one match.
#[derive(Debug)]
pub(crate) struct Captures<'h> {
    text: &'h str,
    groups: Groups,
}

impl<'h> Captures<'h> {
    /// Group `index` (0 is the whole match), if it took part in the match.
    pub(crate) fn get(&self, index: usize) -> Option<Found<'h>> {
        self.groups.get_group(index).map(|span| Found {
            text: self.text,
            start: span.start,
            end: span.end,
        })
    }
}

impl Index<usize> for Captures<'_> {
    type Output = str;

    /// Group `index`'s text; like `regex`, a group that did not take part is a bug in the
    /// caller, since the pattern says which groups always do.
    fn index(&self, index: usize) -> &str {
        match self.get(index) {
            Some(found) => found.as_str(),
            None => panic!("group {index} did not take part in the match"),
        }
    }
}

impl Pattern {
    /// Runs `search` over `text` on the tier that should answer it.
    fn search<'p, T>(&'p self, text: &str, search: impl FnOnce(&'p meta::Regex) -> T) -> T {
        let ascii = text.is_ascii();
        #[cfg(debug_assertions)]
        if ascii {
            self.check_ascii(text);
        }
        search(self.tier(text, ascii))
    }

    /// The compiled pattern that answers `text` now.
    fn tier(&self, text: &str, ascii: bool) -> &meta::Regex {
        let tiers = if ascii { &self.ascii } else { &self.unicode };
        let compiled = |lean| compile(&self.source, &self.config, ascii, lean);
        if let Some(full) = tiers.full.get() {
            return full;
        }
        if tiers.searched.fetch_add(text.len(), Ordering::Relaxed) + text.len() < LEAN_BYTES {
            return tiers.lean.get_or_init(|| compiled(true));
        }
        tiers.full.get_or_init(|| compiled(false))
    }

    /// Whether the pattern compiled for ASCII finds in `text` (ASCII) every match and group the
    /// pattern as written finds: a debug build asks it of every text it searches, so every
    /// test that reads a checklist checks it.
    #[cfg(debug_assertions)]
    fn check_ascii(&self, text: &str) {
        let lean = |tiers: &Tiers, ascii| {
            let compiled = tiers
                .lean
                .get_or_init(|| compile(&self.source, &self.config, ascii, true));
            group_spans(compiled, text)
        };
        assert_eq!(
            lean(&self.ascii, true),
            lean(&self.unicode, false),
            "{} compiled for ASCII answers {text:?} differently",
            self.source
        );
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.search(text, |regex| regex.is_match(text))
    }

    pub(crate) fn find<'h>(&self, text: &'h str) -> Option<Found<'h>> {
        self.search(text, |regex| regex.find(text)).map(|m| Found {
            text,
            start: m.start(),
            end: m.end(),
        })
    }

    pub(crate) fn captures<'h>(&self, text: &'h str) -> Option<Captures<'h>> {
        let groups = self.search(text, |regex| {
            let mut groups = regex.create_captures();
            regex.captures(text, &mut groups);
            groups
        });
        groups.is_match().then_some(Captures { text, groups })
    }

    pub(crate) fn captures_iter<'h>(
        &self,
        text: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + use<'_, 'h> {
        self.search(text, |regex| regex.captures_iter(text))
            .map(move |groups| Captures { text, groups })
    }

    /// `text` with every match replaced by `with`, in which `$1` or `${1}` stands for a group.
    pub(crate) fn replace_all<'h>(&self, text: &'h str, with: impl AsRef<str>) -> Cow<'h, str> {
        let with = with.as_ref();
        let mut matches = self
            .search(text, |regex| regex.captures_iter(text))
            .peekable();
        if matches.peek().is_none() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for groups in matches {
            let Some(whole) = groups.get_match() else {
                continue;
            };
            out.push_str(&text[last..whole.start()]);
            groups.interpolate_string_into(text, with, &mut out);
            last = whole.end();
        }
        out.push_str(&text[last..]);
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The proof behind every guard catches a guard that is wrong, a case variant left out
    /// included, and a wrong guard cannot answer for the pattern.
    #[test]
    fn needs_are_proved_with_every_case_variant() {
        const CASES: &[(&[&[char]], &str, bool)] = &[
            (&[&['/']], r"(?i)\bgo\s*/\s*no[-\s]?go\b", true),
            (
                &[&['p', 'P'], &['h', 'H']],
                r"(?i)\bcritical\s+path\b",
                true,
            ),
            (&[&['p']], r"(?i)\bcritical\s+path\b", false),
            // `(?i)s` also matches the long s, `ſ`.
            (&[&['s', 'S']], r"(?i)signatures?", false),
            (&[&['s', 'S', 'ſ']], r"(?i)signatures?", true),
            (&[&['(']], r"\(?[0-9]+", false),
            (&[DIGITS], r"\(?[0-9]+", true),
        ];
        for (needs, pattern, holds) in CASES.iter().copied() {
            let guarded = Guarded::new(needs, pattern);
            assert_eq!(guarded.needs_hold(), holds, "{pattern} needs {needs:?}");
        }
        let guarded = Guarded::new(&[&['/']], r"(?i)\bgo\s*/\s*no[-\s]?go\b");
        assert!(guarded.is_match("Go/No-Go"));
        assert!(!guarded.is_match("Go-No-Go"));
        assert!(guarded.compiled.get().is_some());
        let unused = Guarded::new(&[&['%']], r"[0-9]+%");
        assert_eq!(unused.find("no percent here"), None);
        assert_eq!(unused.replace_all("100", "x"), "100");
        assert!(
            unused.compiled.get().is_none(),
            "a text without `%` compiles nothing"
        );
    }

    /// The proof behind every word guard catches a word a match can do without, through an
    /// optional part, a branch that lacks it, a case variant outside ASCII or a character class
    /// too wide to spell; and a guard that holds answers for the pattern.
    #[test]
    fn needed_words_are_proved() {
        const CASES: &[(&[&str], &str, bool)] = &[
            (&["critical"], r"(?i)\bcritical\s+path\b", true),
            (&["path"], r"(?i)\bcritical\s+path\b", true),
            (&["critical path"], r"(?i)\bcritical\s+path\b", false),
            (&["critical path"], r"(?i)\bcritical path\b", true),
            (&["go"], r"(?i)go[-\s]?live|launch", false),
            (&["go", "launch"], r"(?i)go[-\s]?live|launch", true),
            (
                &["golive", "go-live", "go live", "launch"],
                r"(?i)go[- ]?live|launch",
                true,
            ),
            (&["signature"], r"(?i)\bsignatures?\b", true),
            (&["signatures"], r"(?i)\bsignatures?\b", false),
            (&["done"], r"(?i)(?:all\s+)?done", true),
            (&["all"], r"(?i)(?:all\s+)?done", false),
            (&["all"], r"(?i)(?:all\s+)+done", true),
            (&["no", "don"], r"(?i)\b(?:do\s+not|don'?t)\b", true),
            (&["not"], r"(?i)\b(?:do\s+not|don'?t)\b", false),
            (&["todo"], r"\bTODO\b", true),
            (&["ab"], r"a[a-z]b", false),
            (&["ab"], r"[aA][bB]c", true),
            // `(?i)k` also matches the Kelvin sign: folded to `k`, which the guard lets through.
            (&["kb"], r"(?i)[0-9]+\s*kb", true),
            (&["kb"], r"[0-9]+\s*\w+", false),
        ];
        for (words, pattern, holds) in CASES.iter().copied() {
            let hir = regex_syntax::parse(pattern).expect("the pattern parses");
            assert_eq!(
                spells_one_of(&hir, words),
                holds,
                "{pattern} spells one of {words:?}"
            );
        }
        let rule =
            Guarded::new(&[], r"(?i)\bcritical\s+path\b").with_words(&[&["critical"], &["path"]]);
        assert!(rule.needs_hold());
        assert!(!rule.is_match("Critical: the payment path"));
        assert!(
            rule.compiled.get().is_some(),
            "both words: the pattern answers"
        );
        let unused =
            Guarded::new(&[], r"(?i)\bcritical\s+path\b").with_words(&[&["critical"], &["path"]]);
        assert!(!unused.is_match("a critical item"));
        assert!(
            unused.compiled.get().is_none(),
            "a text without `path` compiles nothing"
        );
        // Matches that the words would miss in ASCII: upper case, and the case variants outside
        // ASCII, which are let through to the pattern.
        assert!(unused.is_match("CRITICAL PATH"));
        let kelvin = Guarded::new(&[], r"(?i)\bstar\s+kb\b").with_words(&[&["kb"]]);
        assert!(kelvin.needs_hold());
        assert!(kelvin.is_match("star \u{212A}B"));
        assert!(
            Guarded::new(&[], r"(?i)\bsafe\b")
                .with_words(&[&["safe"]])
                .is_match("ſafe")
        );
    }

    /// The word guard, looking for each word's rarest letter, answers as a plain search for
    /// each word would: every word in every position, case and overlap with the others, the
    /// rare letter first, last or in the middle, and at the text's ends.
    #[test]
    fn words_are_found_as_a_search_for_each_would_find_them() {
        const SETS: &[&[&str]] = &[
            &["no", "don", "never", "can"],
            &["launch", "go", "golive", "n/a"],
            &["if", "i"],
        ];
        let guard = Guarded::new(&[], r"(?i)x").with_words(SETS);
        let searched = |text: &str| {
            let lower = text.to_ascii_lowercase();
            SETS.iter()
                .all(|set| set.iter().any(|word| lower.contains(word)))
        };
        let pieces = [
            "", "n", "No", "DON", "ne", "never", "ca", "CaN", "la", "Launch", "unch", "g", "GO",
            "goLive", "ive", "N/", "/a", "i", "If", " ", "-", "é", "[",
        ];
        let mut texts = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for text in [
                        format!("{a}{b}{c}"),
                        format!("{a} {b}{c}"),
                        format!("{c}{a}{b}"),
                    ] {
                        assert_eq!(guard.could_hold_words(&text), searched(&text), "{text:?}");
                        texts += 1;
                    }
                }
            }
        }
        assert!(texts > 30_000);
        assert_eq!(commonness(b'z'), 1);
        assert!(commonness(b'h') < commonness(b'e') && commonness(b'E') == commonness(b'e'));
    }

    /// A pattern compiled for ASCII answers every ASCII text as the pattern as written does:
    /// classes holding characters outside ASCII (negated, in ranges, in set operations, or
    /// nothing else), literals outside ASCII, `(?i)` over letters with variants outside ASCII
    /// (`s` and `ſ`, `k` and the Kelvin sign), `\b`, `\s`, `.`; over 3,000 random ASCII texts
    /// each, in both tiers, and against `regex`. A pattern that needs Unicode is compiled as
    /// written.
    #[test]
    fn compiled_for_ascii_answers_ascii_texts_alike() {
        const PATTERNS: &[&str] = &[
            r"^([^:–—]+?)\s*(?::|\s[–—-]\s)\s*(.*)$",
            r"(?i)(>=|<=|≥|≤|>|<)\s*[~≈]?\s*([0-9]+(?:\.[0-9]+)?)\s*(%|ms|s)?\b",
            r"(?i)\b(status|kind|ſ)\b[^()]{0,12}?\((\w+)\)",
            r"[\x00-\x{17E}]{2}|[é-ü]+|[≥≤]",
            r"(?i)\b([a-z]{3,9})\.?\s+([0-9]{1,2}),?\s+([0-9]{4})\b",
            r"[\w&&[^é_]]+|[[:punct:]]",
            r"(?s).{2}x|\S+:",
            r"\p{Greek}|k",
        ];
        const PIECES: &[&str] = &[
            "a",
            "K",
            "k",
            "s",
            "S",
            "status",
            "Kind",
            "x",
            "é",
            ":",
            "-",
            " - ",
            "  ",
            "\t",
            "\n",
            "\r",
            ">",
            ">=",
            "<",
            "~",
            "5",
            "12",
            "3.5",
            "%",
            "ms",
            "(",
            ")",
            "May",
            "2025",
            ",",
            ".",
            "_",
            "!",
            "ok",
            "(ok)",
            "May 5, 2025",
            "\u{1}",
            "\u{7f}",
        ];
        let mut random = fastrand::Rng::with_seed(0x9E37_79B9_7F4A_7C15);
        let mut next = |below: usize| random.usize(..below);
        let texts: Vec<String> = (0..3_000)
            .map(|_| {
                (0..next(14))
                    .map(|_| PIECES[next(PIECES.len())])
                    .filter(|piece| piece.is_ascii())
                    .collect()
            })
            .collect();
        for pattern in PATTERNS {
            let theirs = regex::Regex::new(pattern).expect("valid");
            for lean in [true, false] {
                let ascii = compile(pattern, &meta::Config::new(), true, lean);
                let mut matched = 0;
                for text in &texts {
                    let ours = group_spans(&ascii, text);
                    let expected: Vec<Vec<Option<(usize, usize)>>> = theirs
                        .captures_iter(text)
                        .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                        .collect();
                    matched += usize::from(!expected.is_empty());
                    assert_eq!(ours, expected, "{pattern} on {text:?}");
                }
                assert!(matched > 50, "{pattern} matched only {matched} texts");
            }
        }
        for (at, pattern) in PATTERNS.iter().enumerate() {
            let written = matches!(at, 2 | 7);
            assert_eq!(ascii_hir(pattern).is_none(), written, "{pattern}");
        }
        assert!(ascii_hir(r"(?i)[ſ]").is_none() && ascii_hir(r"[\x{100}-\x{200}]").is_none());
    }

    /// [`FOLD_INTO_ASCII`] holds every character outside ASCII that `(?i)` matches with an
    /// ASCII character.
    #[test]
    fn every_fold_into_ascii_is_known() {
        use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
        let folding: Vec<char> = ('\u{80}'..=char::MAX)
            .filter(|c| c.is_alphabetic() || !c.is_ascii() && c.is_uppercase())
            .filter(|&c| {
                let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
                class.case_fold_simple();
                class.ranges().iter().any(|r| r.start().is_ascii())
            })
            .collect();
        assert_eq!(folding, FOLD_INTO_ASCII);
    }

    /// A pattern answers lean until it has searched [`LEAN_BYTES`], then with its lazy DFA.
    #[test]
    fn turns_full_after_enough_text() {
        let pattern = regex(r"(?i)\bready\b");
        let line = "Is the service ready? It is.\n";
        let mut searched = 0;
        while searched + line.len() < LEAN_BYTES {
            assert!(pattern.is_match(line));
            searched += line.len();
        }
        assert!(pattern.ascii.full.get().is_none(), "short texts stay lean");
        assert!(pattern.is_match(line));
        assert!(
            pattern.ascii.full.get().is_some(),
            "a long checklist pays for the DFA"
        );
        assert_eq!(pattern.find(line).map(|f| f.as_str()), Some("ready"));
    }

    /// The surface behaves as `regex`'s does, which the readers were written against, in both
    /// tiers: lean, and full as after a long text.
    #[test]
    fn matches_as_regex_does() {
        for full in [false, true] {
            matches_as_regex_does_in(|pattern| {
                let ours = regex(pattern);
                if full {
                    for tiers in [&ours.ascii, &ours.unicode] {
                        tiers.searched.store(LEAN_BYTES, Ordering::Relaxed);
                    }
                }
                ours
            });
        }
    }

    fn matches_as_regex_does_in(regex: impl Fn(&str) -> Pattern) {
        let cases = [
            (
                r"(?i)\b(go)\s*/\s*no[-\s]?go\b",
                "Go/No-Go and go / nogo, GO/NO GO.",
            ),
            (r"(\w+)@(\w+)?", "a@b c@ d@e"),
            (r"^\s*(?:[-*+]|[0-9]{1,9}[.)])\s+", "  12) item"),
            (r"x*", "abc"),
            (r"(?i)straße|ǅ", "STRASSE Straße ǆ ǅ"),
        ];
        // Texts past what the backtracker may take for a large pattern, so the lean tier's
        // Pike VM answers them, empty matches between characters of two bytes included.
        let long = "Tout est prêt; all é items must be done before launch. ".repeat(50);
        let cases = cases.into_iter().chain([
            (r"(?i)([^.;]{0,90}?)\bbefore\b", long.as_str()),
            (r"([^.;]{0,90}?)", long.as_str()),
        ]);
        for (pattern, text) in cases {
            // A new pattern for each question, so none has read enough to leave its tier.
            let ours = || regex(pattern);
            let theirs = regex::Regex::new(pattern).expect("valid");
            assert_eq!(ours().is_match(text), theirs.is_match(text), "{pattern}");
            assert_eq!(
                ours().find(text).map(|f| (f.start(), f.end(), f.as_str())),
                theirs.find(text).map(|m| (m.start(), m.end(), m.as_str())),
                "{pattern}"
            );
            let groups = |c: &Captures<'_>| -> Vec<Option<String>> {
                (0..3)
                    .map(|i| c.get(i).map(|f| f.as_str().to_owned()))
                    .collect()
            };
            let theirs_groups = |c: &regex::Captures<'_>| -> Vec<Option<String>> {
                (0..3)
                    .map(|i| c.get(i).map(|m| m.as_str().to_owned()))
                    .collect()
            };
            assert_eq!(
                ours().captures(text).as_ref().map(groups),
                theirs.captures(text).as_ref().map(theirs_groups),
                "{pattern}"
            );
            assert_eq!(
                ours()
                    .captures_iter(text)
                    .map(|c| groups(&c))
                    .collect::<Vec<_>>(),
                theirs
                    .captures_iter(text)
                    .map(|c| theirs_groups(&c))
                    .collect::<Vec<_>>(),
                "{pattern}"
            );
            for with in ["", "<$1>", "${1}x", "$$"] {
                assert_eq!(
                    ours().replace_all(text, with),
                    theirs.replace_all(text, with),
                    "{pattern} with {with}"
                );
            }
        }
    }

    #[test]
    fn an_unmatched_text_is_borrowed_back() {
        assert!(matches!(
            regex("z").replace_all("abc", ""),
            Cow::Borrowed("abc")
        ));
    }
}

//! The Latin-script words compiled ahead of time, so most texts are read without compiling the
//! vocabulary's patterns at run time.
//!
//! Compiling those patterns (case-insensitive, Unicode-aware, with word boundaries) was most of
//! a short run's start-up. A DFA cannot be built with Unicode word boundaries, and one holding
//! every case variant of every Unicode class is larger than the compile it would save; cut to
//! ASCII (classes to their ASCII part, `\b` over ASCII word characters) each meaning's words
//! make an anchored DFA of 22–144 KB, stored in `automata/`. Loading one checks every transition
//! of its table (the price of reading it without `unsafe`), so the tables are anchored: tried at
//! each position in turn, they need half the states of one that looks for a word anywhere, and
//! no second, reverse DFA to find where a word began — the position tried is where it begins.
//!
//! Such a DFA answers exactly as the pattern does for a text whose characters outside ASCII the
//! words cannot touch: none is a word character (so every word boundary falls where it did),
//! none is matched by any class or literal of the words (`automata/touched.rs` lists those) and
//! none belongs to another script's words. Each such character is stood in for by as many NUL
//! bytes as it has, which no word matches either, so positions do not move. Emoji, dashes and
//! quotes pass; an accented letter, a non-breaking space or a Cyrillic word sends the text to
//! the compiled patterns. On a machine that cannot load the files (big-endian), every text
//! does.
//!
//! A test generates the files from the tables and fails when the committed ones differ:
//! `READY_UPDATE_AUTOMATA=1 cargo test --lib automata` rewrites them.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex_automata::Anchored;
use regex_automata::dfa::Automaton as _;
use regex_automata::dfa::dense;
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;

use super::{Meaning, Script};

/// One meaning's words as a dense DFA anchored where it starts (one table lookup a byte), with
/// the state a search starts in for each byte that can come before it (index 0: none, the
/// start of the text; `b + 1`: byte `b`), so trying each position costs a lookup, not the
/// DFA's own look-behind logic.
#[derive(Debug)]
struct Automaton {
    dfa: dense::DFA<&'static [u32]>,
    start: Vec<StateID>,
}

/// A dense DFA is read in place as 32-bit words, so its bytes must sit on a 4-byte boundary.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

/// The DFA of each meaning, in the order of [`Meaning::ALL`].
macro_rules! files {
    ($($stem:literal),* $(,)?) => {
        #[cfg(test)]
        const STEMS: [&str; Meaning::ALL.len()] = [$($stem),*];
        const FILES: [&[u8]; Meaning::ALL.len()] = [$(
            &{
                const ALIGNED: &Aligned<[u8]> = &Aligned {
                    _align: [],
                    bytes: *include_bytes!(concat!("automata/", $stem, ".dfa")),
                };
                ALIGNED
            }
            .bytes
        ),*];
    };
}

files!(
    "must",
    "should",
    "nice",
    "launch",
    "post-launch",
    "contingency",
    "sign-off",
    "stop",
);

/// The characters outside ASCII that some Latin word's class or literal matches.
const TOUCHED: &[(char, char)] = &include!("automata/touched.rs");

static LOADED: [OnceLock<Option<Automaton>>; Meaning::ALL.len()] =
    [const { OnceLock::new() }; Meaning::ALL.len()];

fn automaton(meaning: Meaning) -> Option<&'static Automaton> {
    let index = meaning.index();
    LOADED[index]
        .get_or_init(|| {
            let dfa = dense::DFA::from_bytes(FILES[index]).ok()?.0;
            let start = std::iter::once(None)
                .chain((0..=u8::MAX).map(Some))
                .map(|before| {
                    let config = start::Config::new()
                        .anchored(Anchored::Yes)
                        .look_behind(before);
                    dfa.start_state(&config).ok()
                })
                .collect::<Option<Vec<StateID>>>()?;
            Some(Automaton { dfa, start })
        })
        .as_ref()
}

/// Whether no word of any script can match `c` or see a word boundary beside it.
fn untouched(c: char) -> bool {
    !regex_syntax::try_is_word_character(c).unwrap_or(true)
        && TOUCHED
            .binary_search_by(|(low, high)| {
                if *high < c {
                    std::cmp::Ordering::Less
                } else if *low > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_err()
        && !Script::Cyrillic.has_letter(c)
        && !Script::Cjk.has_letter(c)
}

/// `text` with each character outside ASCII stood in for by NUL bytes of its length, or `None`
/// when one of them could take part in a match.
fn stand_in(text: &str) -> Option<Cow<'_, str>> {
    if text.is_ascii() {
        return Some(Cow::Borrowed(text));
    }
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else if untouched(c) {
            ascii.extend(std::iter::repeat_n('\0', c.len_utf8()));
        } else {
            return None;
        }
    }
    Some(Cow::Owned(ascii))
}

/// The automaton cannot answer for this text: the compiled patterns must.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Undecided;

/// Where the first word with this meaning starts in `text`, if anywhere: the first position
/// at which the anchored DFA finds a word.
pub(super) fn find(meaning: Meaning, text: &str) -> Result<Option<usize>, Undecided> {
    let automaton = automaton(meaning).ok_or(Undecided)?;
    let text = stand_in(text).ok_or(Undecided)?;
    for at in 0..text.len() {
        if starts_at(automaton, text.as_bytes(), at)? {
            return Ok(Some(at));
        }
    }
    Ok(None)
}

/// Whether `text` holds a word with this meaning.
pub(super) fn names(meaning: Meaning, text: &str) -> Result<bool, Undecided> {
    Ok(find(meaning, text)?.is_some())
}

/// Whether a word starts at `at`: the DFA runs from there until it matches or can no longer
/// (after a byte or two at most positions). The start state it begins in depends on the byte
/// before `at`, which is how a word boundary before the word is seen.
fn starts_at(automaton: &Automaton, text: &[u8], at: usize) -> Result<bool, Undecided> {
    let Automaton { dfa, start } = automaton;
    let before = at.checked_sub(1).map_or(0, |b| usize::from(text[b]) + 1);
    let mut state = start[before];
    for &byte in &text[at..] {
        state = dfa.next_state(state, byte);
        if dfa.is_special_state(state) {
            if dfa.is_match_state(state) {
                return Ok(true);
            }
            if dfa.is_dead_state(state) {
                return Ok(false);
            }
            if dfa.is_quit_state(state) {
                return Err(Undecided);
            }
        }
    }
    Ok(dfa.is_match_state(dfa.next_eoi_state(state)))
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::path::PathBuf;

    use regex_automata::dfa::StartKind;
    use regex_syntax::hir::{
        Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look,
    };

    use super::super::{compiled_find, source};
    use super::*;

    /// The pattern cut to ASCII: on a text of ASCII only, it matches where `hir` does.
    fn ascii(hir: &Hir) -> Hir {
        match hir.kind() {
            HirKind::Empty => Hir::empty(),
            HirKind::Literal(literal) if literal.0.is_ascii() => hir.clone(),
            HirKind::Literal(_) => Hir::fail(),
            HirKind::Class(Class::Unicode(class)) => {
                let mut class = class.clone();
                class.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
                Hir::class(Class::Unicode(class))
            }
            HirKind::Class(Class::Bytes(class)) => {
                let mut class = class.clone();
                class.intersect(&ClassBytes::new([ClassBytesRange::new(0, 0x7f)]));
                Hir::class(Class::Bytes(class))
            }
            HirKind::Look(look) => Hir::look(match look {
                Look::WordUnicode => Look::WordAscii,
                Look::WordUnicodeNegate => Look::WordAsciiNegate,
                Look::WordStartUnicode => Look::WordStartAscii,
                Look::WordEndUnicode => Look::WordEndAscii,
                Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
                Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
                other => *other,
            }),
            HirKind::Repetition(repetition) => {
                let mut repetition = repetition.clone();
                repetition.sub = Box::new(ascii(&repetition.sub));
                Hir::repetition(repetition)
            }
            HirKind::Capture(capture) => {
                let mut capture = capture.clone();
                capture.sub = Box::new(ascii(&capture.sub));
                Hir::capture(capture)
            }
            HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii).collect()),
            HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(ascii).collect()),
        }
    }

    /// Every character a class or literal of `hir` matches.
    fn touched(hir: &Hir, into: &mut ClassUnicode) {
        match hir.kind() {
            HirKind::Literal(literal) => {
                let text = std::str::from_utf8(&literal.0).expect("a literal of a str pattern");
                into.union(&ClassUnicode::new(
                    text.chars().map(|c| ClassUnicodeRange::new(c, c)),
                ));
            }
            HirKind::Class(Class::Unicode(class)) => into.union(class),
            HirKind::Class(Class::Bytes(class)) => into.union(
                &class
                    .to_unicode_class()
                    .expect("the patterns match only UTF-8"),
            ),
            HirKind::Repetition(repetition) => touched(&repetition.sub, into),
            HirKind::Capture(capture) => touched(&capture.sub, into),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                for sub in subs {
                    touched(sub, into);
                }
            }
            HirKind::Empty | HirKind::Look(_) => {}
        }
    }

    fn latin(meaning: Meaning) -> Hir {
        let source = source(meaning, Script::Latin).expect("every meaning has Latin words");
        regex_syntax::parse(&source).expect("the vocabulary parses")
    }

    /// The files the tables make: each meaning's DFAs, then the touched characters (outside
    /// ASCII, and leaving out word characters, which are refused anyway).
    fn generate() -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        let mut all = ClassUnicode::empty();
        for (meaning, stem) in Meaning::ALL.into_iter().zip(STEMS) {
            let hir = latin(meaning);
            touched(&hir, &mut all);
            let dfa = dense::Builder::new()
                .configure(
                    dense::Config::new()
                        .minimize(true)
                        .start_kind(StartKind::Anchored),
                )
                .build(&ascii(&hir).to_string())
                .expect("an ASCII pattern makes a DFA");
            let (bytes, padding) = dfa.to_bytes_little_endian();
            files.push((format!("{stem}.dfa"), bytes[padding..].to_vec()));
        }
        all.intersect(&ClassUnicode::new([ClassUnicodeRange::new(
            '\u{80}',
            char::MAX,
        )]));
        let mut table = String::from(
            "// Generated by `READY_UPDATE_AUTOMATA=1 cargo test --lib automata`: the characters\n\
             // outside ASCII that a Latin word of the vocabulary matches, word characters left out.\n[\n",
        );
        for range in all.ranges() {
            let outside_words = (range.start()..=range.end())
                .filter(|c| !regex_syntax::is_word_character(*c))
                .collect::<Vec<_>>();
            let mut chars = outside_words.into_iter().peekable();
            while let Some(low) = chars.next() {
                let mut high = low;
                while chars.peek() == char::from_u32(high as u32 + 1).as_ref() {
                    high = chars.next().expect("peeked");
                }
                let _ = writeln!(
                    table,
                    "    ('\\u{{{:x}}}', '\\u{{{:x}}}'),",
                    low as u32, high as u32
                );
            }
        }
        table.push_str("]\n");
        files.push(("touched.rs".to_owned(), table.into_bytes()));
        files
    }

    fn committed(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("src/checklist/vocabulary/automata")
            .join(name)
    }

    #[test]
    fn the_committed_automata_are_the_ones_the_words_make() {
        let update = std::env::var_os("READY_UPDATE_AUTOMATA").is_some();
        for (name, bytes) in generate() {
            let path = committed(&name);
            if update {
                std::fs::write(&path, &bytes).expect("write an automaton");
                continue;
            }
            let current = std::fs::read(&path).unwrap_or_default();
            assert!(
                current == bytes,
                "{} is out of date with the vocabulary: run `READY_UPDATE_AUTOMATA=1 cargo test --lib automata`",
                path.display()
            );
        }
        // What is compiled in is what is committed, and loads on this machine.
        for (meaning, (stem, bytes)) in Meaning::ALL.into_iter().zip(STEMS.iter().zip(FILES)) {
            assert_eq!(
                bytes,
                std::fs::read(committed(&format!("{stem}.dfa"))).expect("read")
            );
            if cfg!(target_endian = "little") {
                assert!(automaton(meaning).is_some(), "{stem} loads");
            }
        }
    }

    /// Texts around every word: its spellings, neighbours that do and do not end a word, and
    /// characters outside ASCII that the automata stand in for or refuse.
    fn texts() -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for language in super::super::LANGUAGES {
            for meaning in Meaning::ALL {
                for (shown, _) in language.words(meaning) {
                    words.push((*shown).to_owned());
                    words.extend(
                        shown
                            .split([' ', '/', ',', '(', ')'])
                            .filter(|w| !w.is_empty())
                            .map(str::to_owned),
                    );
                }
            }
        }
        words.extend(
            [
                "must have",
                "Must-Haves",
                "MUST",
                "must",
                "Go Conditions",
                "GO criteria",
                "go conditions",
                "high-priority",
                "priority: HIGH",
                "Priority:low",
                "launch day",
                "go-live day",
                "cutover day",
                "day of release",
                "during the rollout",
                "post-launch",
                "Rollback Procedure",
                "rollback plan",
                "Sign-off",
                "sign off",
                "NO-GO conditions",
                "pflichtfelder",
                "Pflicht",
                "obrigatório",
                "obligatoire",
                "recommandées",
                "p0",
                "P3",
            ]
            .map(str::to_owned),
        );
        let around = [
            ("", ""),
            ("x", ""),
            ("", "x"),
            ("_", ""),
            ("", "_"),
            ("1", "1"),
            ("🚀 ", " ✅"),
            ("🚀", "🚀"),
            ("— ", "…"),
            ("é", ""),
            ("", "é"),
            ("\u{a0}", ""),
            ("", "\u{2003}"),
            ("«", "»"),
            ("“", "”"),
            ("Ж ", ""),
            ("", " 必須"),
            ("、", ""),
            ("**", ":**"),
            ("## 1. ", " (P0)"),
        ];
        let mut texts = Vec::new();
        for word in &words {
            for variant in [word.clone(), word.to_uppercase(), word.to_lowercase()] {
                for (before, after) in around {
                    texts.push(format!("{before}{variant}{after}"));
                }
            }
        }
        // Pairs of words, so a later word is never reported before an earlier one.
        for pair in words.windows(2) {
            texts.push(format!("{} and {}", pair[0], pair[1]));
            texts.push(format!("✅ {} — {}", pair[1], pair[0]));
        }
        texts
    }

    #[test]
    fn the_automata_answer_as_the_patterns_do() {
        let texts = texts();
        let mut answered = 0;
        for meaning in Meaning::ALL {
            for text in &texts {
                if let Ok(found) = find(meaning, text) {
                    answered += 1;
                    let compiled = compiled_find(meaning, text);
                    assert_eq!(found, compiled, "{meaning:?} in {text:?}");
                    assert_eq!(
                        names(meaning, text),
                        Ok(compiled.is_some()),
                        "{meaning:?} in {text:?}"
                    );
                } else {
                    // Emoji, dashes and quotes are stood in for; only other characters refuse.
                    let plain = text.replace(['🚀', '✅', '—', '…', '«', '»', '“', '”'], "");
                    assert!(
                        !plain.is_ascii(),
                        "{meaning:?} in {text:?} was not answered"
                    );
                }
            }
        }
        assert!(answered > 100_000, "{answered}");
    }

    #[test]
    fn texts_the_automata_cannot_read_go_to_the_patterns() {
        assert_eq!(find(Meaning::Must, "🚀 Must Have"), Ok(Some(5)));
        assert_eq!(find(Meaning::Must, "— mustard ✅"), Ok(None));
        for text in [
            "Pflicht über",
            "must\u{a0}have",
            "Обязательно",
            "必須",
            "été must",
            "、 must",
        ] {
            assert_eq!(find(Meaning::Must, text), Err(Undecided), "{text}");
        }
    }
}

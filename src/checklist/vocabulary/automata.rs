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
//! Such a DFA answers exactly as the Latin words' pattern does for a text whose characters
//! outside ASCII the words cannot tell from a stand-in: a word character (an accented letter,
//! Cyrillic, CJK) is stood in for by `_`, any other character by NUL, as many bytes as it has so
//! positions do not move. `_` is a word character and NUL is not, so every word boundary falls
//! where it did; the characters some class or literal of the words tells apart from their
//! stand-in (`automata/told_apart.rs` lists them: the letters the words spell, the spaces `\s`
//! matches) send the text to the compiled patterns. A class may hold a stand-in only under `*`
//! or `+`, where one character and its several bytes of stand-in match alike. Emoji, dashes,
//! quotes and the letters of words in other languages pass; the words of other scripts are
//! still their own compiled patterns' to find. On a machine that cannot load the files
//! (big-endian), every text goes to the compiled patterns.
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

use super::Meaning;

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

/// The characters outside ASCII that some Latin word's class or literal tells apart from the
/// stand-in [`stand_in_for`] gives them.
const TOLD_APART: &[(char, char)] = &include!("automata/told_apart.rs");

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

/// The ASCII character that stands in for `c`, outside ASCII: `_` for a word character, NUL
/// for any other; `None` when the Latin words can tell `c` from it.
fn stand_in_for(c: char) -> Option<char> {
    let told_apart = TOLD_APART
        .binary_search_by(|(low, high)| {
            if *high < c {
                std::cmp::Ordering::Less
            } else if *low > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok();
    match regex_syntax::try_is_word_character(c) {
        _ if told_apart => None,
        Ok(true) => Some('_'),
        Ok(false) => Some('\0'),
        Err(_) => None,
    }
}

/// `text` with each character outside ASCII stood in for by its stand-in, once per byte, or
/// `None` when the Latin words could tell one of them from its stand-in.
fn stand_in(text: &str) -> Option<Cow<'_, str>> {
    if text.is_ascii() {
        return Some(Cow::Borrowed(text));
    }
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            ascii.extend(std::iter::repeat_n(stand_in_for(c)?, c.len_utf8()));
        }
    }
    Some(Cow::Owned(ascii))
}

/// The automaton cannot answer for this text: the compiled patterns must.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Undecided;

/// Where the first Latin word with this meaning starts in `text`, if anywhere: the first
/// position at which the anchored DFA finds a word. (The words of other scripts are not its to
/// find.)
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

/// Whether `text` holds a Latin word with this meaning.
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

    use super::super::{Script, compiled_find, source};
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

    /// Every character outside ASCII that a class or literal of `hir` tells apart from its
    /// stand-in (`_` for a word character, NUL for any other): a literal spells it; a class
    /// matches it and not its stand-in, or the other way round; or a class matches a stand-in
    /// other than under `*` or `+` (`free`), where the stand-in's several bytes would count as
    /// several characters.
    fn told_apart(hir: &Hir, free: bool, into: &mut ClassUnicode) {
        let word_class = regex_syntax::parse(r"\w").expect("`\\w` parses");
        let HirKind::Class(Class::Unicode(word)) = word_class.kind() else {
            unreachable!("`\\w` is a class of characters")
        };
        let mut other = word.clone();
        other.negate();
        let told = |class: &ClassUnicode, into: &mut ClassUnicode| {
            for (chars, stand_in) in [(word, '_'), (&other, '\0')] {
                let holds_stand_in = class
                    .ranges()
                    .iter()
                    .any(|r| (r.start()..=r.end()).contains(&stand_in));
                let mut apart = chars.clone();
                if !holds_stand_in {
                    apart.intersect(class);
                } else if free {
                    apart.difference(class);
                }
                into.union(&apart);
            }
        };
        match hir.kind() {
            HirKind::Literal(literal) => {
                let text = std::str::from_utf8(&literal.0).expect("a literal of a str pattern");
                into.union(&ClassUnicode::new(
                    text.chars().map(|c| ClassUnicodeRange::new(c, c)),
                ));
            }
            HirKind::Class(Class::Unicode(class)) => told(class, into),
            HirKind::Class(Class::Bytes(class)) => told(
                &class
                    .to_unicode_class()
                    .expect("the patterns match only UTF-8"),
                into,
            ),
            HirKind::Repetition(repetition) => told_apart(
                &repetition.sub,
                repetition.max.is_none() && repetition.min <= 1,
                into,
            ),
            HirKind::Capture(capture) => told_apart(&capture.sub, false, into),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                for sub in subs {
                    told_apart(sub, false, into);
                }
            }
            HirKind::Empty | HirKind::Look(_) => {}
        }
    }

    fn latin(meaning: Meaning) -> Hir {
        let source = source(meaning, Script::Latin).expect("every meaning has Latin words");
        regex_syntax::parse(&source).expect("the vocabulary parses")
    }

    /// The files the tables make: each meaning's DFAs, then the characters outside ASCII that
    /// the Latin words tell apart from their stand-ins.
    fn generate() -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        let mut all = ClassUnicode::empty();
        for (meaning, stem) in Meaning::ALL.into_iter().zip(STEMS) {
            let hir = latin(meaning);
            told_apart(&hir, false, &mut all);
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
             // outside ASCII that a Latin word of the vocabulary tells apart from its stand-in.\n[\n",
        );
        for range in all.ranges() {
            let _ = writeln!(
                table,
                "    ('\\u{{{:x}}}', '\\u{{{:x}}}'),",
                range.start() as u32,
                range.end() as u32
            );
        }
        table.push_str("]\n");
        files.push(("told_apart.rs".to_owned(), table.into_bytes()));
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
            // The Latin words' own compiled pattern, which the automata stand for.
            let latin = crate::files::words(&source(meaning, Script::Latin).expect("Latin words"));
            for text in &texts {
                // Whichever answers, the vocabulary finds what the compiled patterns of
                // every script find.
                let compiled = compiled_find(meaning, text);
                assert_eq!(
                    super::super::find(meaning, text),
                    compiled,
                    "{meaning:?} in {text:?}"
                );
                assert_eq!(
                    super::super::names(meaning, text),
                    compiled.is_some(),
                    "{meaning:?} in {text:?}"
                );
                if let Ok(found) = find(meaning, text) {
                    answered += 1;
                    let latin = latin.find(text).map(|found| found.start());
                    assert_eq!(found, latin, "{meaning:?} in {text:?}");
                    assert_eq!(
                        names(meaning, text),
                        Ok(latin.is_some()),
                        "{meaning:?} in {text:?}"
                    );
                } else {
                    // Emoji, dashes, quotes and letters no Latin word spells are stood in
                    // for; only the characters the words tell apart refuse.
                    assert!(
                        text.chars()
                            .any(|c| !c.is_ascii() && stand_in_for(c).is_none()),
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
        // Letters of other languages and scripts stand in as word characters: no boundary
        // between them and a Latin word, and the other scripts' words are their patterns' to
        // find.
        assert_eq!(find(Meaning::Must, "、 Must"), Ok(Some(4)));
        assert_eq!(find(Meaning::Must, "Обязательно Must"), Ok(Some(23)));
        assert_eq!(find(Meaning::Must, "ЖMust"), Ok(None));
        assert_eq!(find(Meaning::Must, "必須"), Ok(None));
        assert_eq!(super::super::find(Meaning::Must, "必須"), Some(0));
        assert_eq!(find(Meaning::Must, "åland Must"), Ok(Some(7)));
        // Letters a Latin word spells, and spaces `\s` matches, refuse.
        for text in [
            "Pflicht über",
            "must\u{a0}have",
            "obrigatório",
            "Kelvin \u{212a}",
        ] {
            assert_eq!(find(Meaning::Must, text), Err(Undecided), "{text}");
        }
    }
}

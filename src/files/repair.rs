//! Repair of mojibake: UTF-8 text that was once decoded as a single-byte code page (Mac Roman,
//! Windows-1252, Windows-1250) and saved again, so that `✅` reads `‚úÖ` and `—` reads `â€”`.
//!
//! The damage is reversible: every garbled character maps back to exactly one byte of the
//! code page, and those bytes form valid UTF-8 again. We only rewrite a run when its bytes decode
//! as a *multi-byte* UTF-8 sequence, which ordinary accented text (`é`, `ü`, `ñ`) never does, so
//! correct text passes through untouched. The code page that repairs the most sequences wins.

use crate::hash::HashMap;

use encoding_rs::Encoding;

/// What [`repair`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Repaired {
    pub(crate) text: String,
    /// How many garbled sequences were turned back into characters.
    pub(crate) sequences: usize,
    /// The code page the text had been read as.
    pub(crate) encoding: &'static str,
    /// 1-based line of the first repair.
    pub(crate) first_line: u32,
}

const CANDIDATES: [&Encoding; 3] = [
    encoding_rs::MACINTOSH,
    encoding_rs::WINDOWS_1252,
    encoding_rs::WINDOWS_1250,
];

/// Returns the repaired text, or `None` when there is nothing to repair.
pub(crate) fn repair(text: &str) -> Option<Repaired> {
    if text.is_ascii() {
        return None;
    }
    let tables = CANDIDATES.map(reverse_table);
    // Every repaired sequence is two or more code-page characters side by side (a lead byte and
    // what follows it), so a code page none of whose characters meet is not tried: one pass
    // over the characters outside ASCII instead of a copy of the text for each code page that
    // has an `é` or a `—` somewhere.
    let mut paired = [false; CANDIDATES.len()];
    let mut before: Option<(usize, [bool; CANDIDATES.len()])> = None;
    for (at, c) in outside_ascii(text) {
        let held = tables.each_ref().map(|table| table.contains_key(&c));
        if let Some((end, held_before)) = before
            && end == at
        {
            for (pair, (now, then)) in paired.iter_mut().zip(held.iter().zip(held_before)) {
                *pair |= *now && then;
            }
        }
        if paired.iter().all(|&pair| pair) {
            break;
        }
        before = Some((at + c.len_utf8(), held));
    }
    CANDIDATES
        .iter()
        .zip(&tables)
        .zip(paired)
        .filter(|(_, paired)| *paired)
        .filter_map(|((encoding, table), _)| repair_as(text, encoding, table))
        .fold(None, |best: Option<Repaired>, next| match best {
            Some(b) if b.sequences >= next.sequences => Some(b),
            _ => Some(next),
        })
}

/// The characters of `text` outside ASCII with their byte offsets, found by stepping over the
/// ASCII bytes, which are most of a checklist, without decoding them.
fn outside_ascii(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        at += bytes.get(at..)?.iter().position(|b| !b.is_ascii())?;
        let c = text.get(at..)?.chars().next()?;
        let found = (at, c);
        at += c.len_utf8();
        Some(found)
    })
}

/// Maps each character the code page produces for bytes 0x80–0xFF back to its byte.
fn reverse_table(encoding: &'static Encoding) -> HashMap<char, u8> {
    (0x80u8..=0xFF)
        .filter_map(|byte| {
            let bytes = [byte];
            let (decoded, _, had_errors) = encoding.decode(&bytes);
            let mut chars = decoded.chars();
            match (chars.next(), chars.next(), had_errors) {
                (Some(c), None, false) => Some((c, byte)),
                _ => None,
            }
        })
        .collect()
}

fn repair_as(
    text: &str,
    encoding: &'static Encoding,
    table: &HashMap<char, u8>,
) -> Option<Repaired> {
    let mut out = String::with_capacity(text.len());
    let mut sequences = 0usize;
    // Where the first repaired run starts: its line is counted once, at the end.
    let mut first_at = None;
    let mut run: Vec<(char, u8)> = Vec::new();
    let mut run_start = 0;
    // How far `text` has been copied or taken into the run. What lies between two code-page
    // characters (ASCII, or characters the code page does not produce) is copied whole.
    let mut done = 0;
    let mut flush = |run: &mut Vec<(char, u8)>, out: &mut String, run_start: usize| {
        let fixed = flush_run(run, out);
        if fixed > 0 {
            sequences += fixed;
            first_at.get_or_insert(run_start);
        }
    };
    for (at, c) in outside_ascii(text) {
        let Some(&byte) = table.get(&c) else {
            continue;
        };
        if at != done {
            flush(&mut run, &mut out, run_start);
            out.push_str(&text[done..at]);
        }
        if run.is_empty() {
            run_start = at;
        }
        run.push((c, byte));
        done = at + c.len_utf8();
    }
    flush(&mut run, &mut out, run_start);
    out.push_str(&text[done..]);

    first_at.map(|at| Repaired {
        text: out,
        sequences,
        encoding: encoding.name(),
        first_line: line_of(text, at),
    })
}

/// The 1-based line of byte `at`.
fn line_of(text: &str, at: usize) -> u32 {
    let breaks = memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count();
    u32::try_from(breaks).map_or(u32::MAX, |n| n.saturating_add(1))
}

/// Decodes the multi-byte UTF-8 sequences hidden in a run of code-page characters and copies
/// every other character unchanged. Returns how many sequences were repaired.
fn flush_run(run: &mut Vec<(char, u8)>, out: &mut String) -> usize {
    let bytes: Vec<u8> = run.iter().map(|&(_, b)| b).collect();
    let mut repaired = 0;
    let mut i = 0;
    while i < bytes.len() {
        let width = match bytes[i] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        if width > 0
            && i + width <= bytes.len()
            && let Ok(s) = std::str::from_utf8(&bytes[i..i + width])
            && s.chars().all(|c| !c.is_control())
        {
            out.push_str(s);
            repaired += 1;
            i += width;
            continue;
        }
        if let Some(emoji) = emoji_missing_lead(&bytes[i..]) {
            out.push(emoji);
            repaired += 1;
            i += 3;
            continue;
        }
        out.push(run[i].0);
        i += 1;
    }
    run.clear();
    repaired
}

/// Mac Roman shows byte 0xF0 as the Apple logo, a private-use character that editors and
/// fonts often drop; what is left of a four-byte emoji is then three continuation bytes
/// (`üî∂` for 🔶). Put the lead byte back, but only when the result is an emoji.
fn emoji_missing_lead(bytes: &[u8]) -> Option<char> {
    let tail = bytes.get(..3)?;
    if !tail.iter().all(|b| (0x80..=0xBF).contains(b)) {
        return None;
    }
    let candidate = [0xF0, tail[0], tail[1], tail[2]];
    let c = std::str::from_utf8(&candidate).ok()?.chars().next()?;
    ('\u{1F300}'..='\u{1FAFF}').contains(&c).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_mac_roman_emoji() {
        let fixed = repair("**Status:** ‚úÖ done\n‚ö†Ô∏è needs work üî∂").expect("repaired");
        assert_eq!(fixed.text, "**Status:** ✅ done\n⚠️ needs work 🔶");
        assert_eq!(fixed.encoding, "macintosh");
        assert_eq!(fixed.sequences, 4);
        assert_eq!(fixed.first_line, 1);
    }

    #[test]
    fn repairs_windows_1252_dash() {
        let fixed = repair("line\nChecklist â€” PromptPolish").expect("repaired");
        assert_eq!(fixed.text, "line\nChecklist — PromptPolish");
        assert_eq!(fixed.first_line, 2);
    }

    #[test]
    fn leaves_correct_text_alone() {
        for text in [
            "Café crème, naïve Ärger — ✅ 日本語",
            "plain ascii",
            "Déploiement: ½ fait",
        ] {
            assert_eq!(repair(text), None, "{text}");
        }
    }

    /// The repair copies what lies between code-page characters whole; the text it gives,
    /// the sequences it counts and the line it names are those of repairing character by
    /// character, as it first did, over texts mixing every kind of run with line breaks.
    #[test]
    fn copying_whole_stretches_repairs_as_character_by_character() {
        const PIECES: [&str; 16] = [
            "a", " ", "\n", "‚úÖ", "â€”", "Ã©", "üî∂", "Ô∏è", "é", "—", "✅", "日本", "Ä", "∂",
            "\u{85}", "ü",
        ];
        let mut random = fastrand::Rng::with_seed(0x2545_f491_4f6c_dd1d);
        let mut next = |below: usize| random.usize(..below);
        let tables = CANDIDATES.map(reverse_table);
        for _ in 0..5_000 {
            let length = next(12);
            let text: String = (0..length).map(|_| PIECES[next(PIECES.len())]).collect();
            for (encoding, table) in CANDIDATES.iter().zip(&tables) {
                assert_eq!(
                    repair_as(&text, encoding, table),
                    by_character(&text, encoding, table),
                    "{text:?} as {}",
                    encoding.name()
                );
            }
        }
    }

    /// The repair as first written: every character looked at, a line counted at each break.
    fn by_character(
        text: &str,
        encoding: &'static Encoding,
        table: &HashMap<char, u8>,
    ) -> Option<Repaired> {
        let mut out = String::with_capacity(text.len());
        let mut sequences = 0usize;
        let mut first_line = None;
        let mut line = 1u32;
        let mut run: Vec<(char, u8)> = Vec::new();
        for c in text.chars() {
            if let Some(&byte) = (!c.is_ascii()).then(|| table.get(&c)).flatten() {
                run.push((c, byte));
                continue;
            }
            let fixed = flush_run(&mut run, &mut out);
            if fixed > 0 {
                sequences += fixed;
                first_line.get_or_insert(line);
            }
            if c == '\n' {
                line += 1;
            }
            out.push(c);
        }
        let fixed = flush_run(&mut run, &mut out);
        if fixed > 0 {
            sequences += fixed;
            first_line.get_or_insert(line);
        }
        (sequences > 0).then(|| Repaired {
            text: out,
            sequences,
            encoding: encoding.name(),
            first_line: first_line.unwrap_or(1),
        })
    }
}

//! Turning a file's bytes into the text the parsers read.
//!
//! Real checklists arrive with BOMs, CRLF, stray invalid bytes and mojibake. Each is fixed here,
//! once, and reported as a [`Notice`] so the user knows their file was read differently from its
//! bytes. Only input that is not text at all is refused.

use crate::error::{Error, Result};
use crate::files::repair;
use crate::files::{Notice, Span};

/// The text of an input file, ready to parse, and what was done to get it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) notices: Vec<Notice>,
}

/// Share of unprintable characters above which a file is taken for binary.
const MAX_UNPRINTABLE_SHARE: f64 = 0.10;

pub(crate) fn decode(path: &str, bytes: &[u8]) -> Result<Decoded> {
    let mut notices = Vec::new();
    let mut text = match decode_utf16(bytes) {
        Some(text) => {
            notices.push(Notice::new(
                "file is UTF-16; read it as such",
                Some(Span::new(path, 1)),
            ));
            text
        }
        None => decode_utf8(path, bytes, &mut notices)?,
    };

    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    refuse_binary(path, &text)?;

    if let Some(fixed) = repair::repair(&text) {
        notices.push(Notice::new(
            format!(
                "repaired {} mojibake sequence{} (UTF-8 that had been read as {} and saved again, \
                 such as ‚úÖ for ✅); the report uses the repaired text",
                fixed.sequences,
                if fixed.sequences == 1 { "" } else { "s" },
                display_encoding(fixed.encoding),
            ),
            Some(Span::new(path, fixed.first_line)),
        ));
        text = fixed.text;
    }
    Ok(Decoded { text, notices })
}

fn display_encoding(name: &str) -> &str {
    match name {
        "macintosh" => "Mac Roman",
        other => other,
    }
}

fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let encoding = match bytes {
        [0xFF, 0xFE, ..] => encoding_rs::UTF_16LE,
        [0xFE, 0xFF, ..] => encoding_rs::UTF_16BE,
        _ => return None,
    };
    Some(encoding.decode_with_bom_removal(bytes).0.into_owned())
}

fn decode_utf8(path: &str, bytes: &[u8], notices: &mut Vec<Notice>) -> Result<String> {
    if bytes.contains(&0) {
        return Err(Error::NotText {
            path: path.to_owned(),
            reason: "it contains NUL bytes".into(),
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }

    let mut text = String::with_capacity(bytes.len());
    let mut bad_lines: Vec<u32> = Vec::new();
    let mut line = 1u32;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        line += valid.matches('\n').count() as u32;
        text.push_str(valid);
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            if bad_lines.last() != Some(&line) {
                bad_lines.push(line);
            }
        }
    }
    if let Some(&first) = bad_lines.first() {
        let more = match bad_lines.len() {
            1 => String::new(),
            n => format!(
                " (and {} more line{})",
                n - 1,
                if n == 2 { "" } else { "s" }
            ),
        };
        notices.push(Notice::new(
            format!("invalid UTF-8 replaced with U+FFFD on line {first}{more}"),
            Some(Span::new(path, first)),
        ));
    }
    Ok(text)
}

fn refuse_binary(path: &str, text: &str) -> Result<()> {
    let (total, unprintable) = count_unprintable(text);
    if is_binary(total, unprintable) {
        return Err(Error::NotText {
            path: path.to_owned(),
            reason: format!("{unprintable} of its {total} characters are unprintable"),
        });
    }
    Ok(())
}

/// Whether a text of `total` characters, `unprintable` of them unprintable, is taken for binary.
pub(super) fn is_binary(total: usize, unprintable: usize) -> bool {
    total > 0 && unprintable as f64 / total as f64 > MAX_UNPRINTABLE_SHARE
}

/// How many characters `text` has, and how many of them are control characters other than a
/// line feed, tab or form feed, or U+FFFD. Counted on the bytes: a character is a byte that
/// does not continue one, the controls outside ASCII (U+0080 to U+009F) are `C2 80` to
/// `C2 9F`, and U+FFFD is `EF BF BD` — one pass the compiler can vectorise, where decoding
/// every character was a twentieth of reading a long checklist.
pub(super) fn count_unprintable(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let total = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let ascii = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\t' | 0x0c)) || b == 0x7f)
        .count();
    let wide = memchr::memchr2_iter(0xC2, 0xEF, bytes)
        .filter(|&at| {
            matches!(
                bytes[at..],
                [0xC2, 0x80..=0x9F, ..] | [0xEF, 0xBF, 0xBD, ..]
            )
        })
        .count();
    (total, ascii + wide)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte count agrees with the characters' own view of control characters and U+FFFD,
    /// over every character of the first three planes in a text of each.
    #[test]
    fn unprintable_characters_are_counted_on_the_bytes() {
        let by_chars = |text: &str| {
            let unprintable = text
                .chars()
                .filter(|&c| {
                    (c.is_control() && !matches!(c, '\n' | '\t' | '\x0c'))
                        || c == char::REPLACEMENT_CHARACTER
                })
                .count();
            (text.chars().count(), unprintable)
        };
        let every: String = ('\0'..='\u{2FFFF}').collect();
        assert_eq!(count_unprintable(&every), by_chars(&every));
        for text in [
            "",
            "a\u{85}b\u{FFFD}\u{9F}\u{A0}\r\x0c\x7f",
            "\u{C2}\u{80}",
            "\u{EFBF}",
        ] {
            assert_eq!(count_unprintable(text), by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn strips_bom_and_crlf() {
        let decoded = decode("a.md", b"\xEF\xBB\xBF# T\r\n- [x] a\r\n").expect("text");
        assert_eq!(decoded.text, "# T\n- [x] a\n");
        assert!(decoded.notices.is_empty());
    }

    #[test]
    fn replaces_invalid_utf8_and_names_the_line() {
        let decoded = decode("a.md", b"# T\n- [x] ok\n- [ ] bad \xE2\x9C here\n").expect("text");
        assert!(decoded.text.contains("bad \u{FFFD} here"));
        assert_eq!(decoded.notices.len(), 1);
        assert_eq!(decoded.notices[0].span, Some(Span::new("a.md", 3)));
    }

    #[test]
    fn refuses_binary() {
        let err = decode("x.bin", b"\x7fELF\x02\x01\x01\x00\x00").expect_err("binary");
        assert!(err.to_string().contains("NUL"), "{err}");
        let garbage: Vec<u8> = (0..400u32).map(|i| (i * 37 % 256) as u8 | 0x80).collect();
        let err = decode("x.bin", &garbage).expect_err("binary");
        assert!(err.to_string().contains("unprintable"), "{err}");
    }

    #[test]
    fn repairs_mojibake_with_a_notice() {
        let decoded = decode("s.md", "x\n**Status:** ‚úÖ ok\n".as_bytes()).expect("text");
        assert_eq!(decoded.text, "x\n**Status:** ✅ ok\n");
        assert_eq!(decoded.notices[0].span, Some(Span::new("s.md", 2)));
        assert!(decoded.notices[0].message.contains("Mac Roman"));
    }
}

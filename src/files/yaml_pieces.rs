//! Cutting a long YAML list into pieces that parse on their own, so a file of ten thousand
//! entries can be read on every core.
//!
//! Only a plainly shaped document is cut: one key whose value is a block list, each entry
//! starting on a line of its own at the list's indentation, and no anchor or alias anywhere
//! (an alias in one piece cannot see an anchor in another, and each piece gets its own alias
//! budget). The pieces are slices of the text, so cutting copies nothing. A cut can still land inside a construct that spans lines in a way the shape does
//! not show — a quoted string or a flow collection written across an entry line. Then the piece
//! before it ends unterminated and fails, so whoever parses the pieces must parse the whole
//! text instead when any piece fails; its error is the one to show in any case.

/// A piece of a document, borrowed from it. The first piece is the document's head (the key
/// and the first entries) and parses as the document; every other is a bare run of entries and
/// parses as a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece<'a> {
    /// The text to parse.
    pub(crate) text: &'a str,
    /// The line of the document the piece's first line is.
    pub(crate) first_line: u32,
}

/// Cuts `text`, a document `key:` holding a block list, into pieces of about `size` bytes of
/// whole entries, or `None` when it is not plainly so shaped or would make one piece only. The
/// cuts depend on the text alone, never on the machine, so every machine reads a file alike.
pub(crate) fn pieces<'a>(text: &'a str, key: &str, size: usize) -> Option<Vec<Piece<'a>>> {
    // YAML also breaks lines at a lone carriage return, which lines are not cut at here (the
    // readers' decoding has made every one a line feed already).
    if text.len() < size.saturating_mul(2) || text.contains('\r') || may_hold_alias(text) {
        return None;
    }
    let starts = entry_starts(text, key)?;
    let mut cuts = vec![(0, 1)];
    let mut next = size;
    for &(at, line) in &starts[1..] {
        if at >= next {
            cuts.push((at, line));
            next = at + size;
        }
    }
    if cuts.len() < 2 {
        return None;
    }
    let ends = cuts.iter().skip(1).map(|c| c.0).chain([text.len()]);
    Some(
        cuts.iter()
            .zip(ends)
            .map(|(&(at, first_line), end)| Piece {
                text: &text[at..end],
                first_line,
            })
            .collect(),
    )
}

/// The byte offset and 1-based line of every entry of the list under `key`, or `None` when the
/// document is anything but that key and a block list of entries each starting at the list's
/// indentation (comments and blank lines aside).
fn entry_starts(text: &str, key: &str) -> Option<Vec<(usize, u32)>> {
    let mut offset = 0;
    let mut content = text
        .split_inclusive('\n')
        .zip(1u32..)
        .map(|(line, number)| {
            let at = offset;
            offset += line.len();
            (at, number, line)
        })
        .filter(|(_, _, line)| {
            let body = line.trim_start_matches(' ').trim_end();
            !body.is_empty() && !body.starts_with('#')
        });
    let (_, _, head) = content.next()?;
    let rest = head.strip_prefix(key)?.strip_prefix(':')?.trim();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    let (at, number, first) = content.next()?;
    let indent = first.len() - first.trim_start_matches(' ').len();
    if !is_entry(&first[indent..]) {
        return None;
    }
    let mut starts = vec![(at, number)];
    for (at, number, line) in content {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if spaces > indent {
            continue;
        }
        if spaces < indent || !is_entry(&line[indent..]) {
            return None;
        }
        starts.push((at, number));
    }
    Some(starts)
}

/// Whether a line (from its indentation on) starts a list entry: a dash and then a space or
/// the end of the line.
fn is_entry(line: &str) -> bool {
    line.strip_prefix('-')
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\n', '\r']))
}

/// Whether any `&` or `*` could start an anchor or an alias: one at the start of a line or
/// after a space or one of `:-[{,?`. One inside a word (`?a=1&b=2`, `"*.example.com"`) cannot.
fn may_hold_alias(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'&', b'*', bytes).any(|i| {
        i == 0
            || matches!(
                bytes[i - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b':' | b'-' | b'[' | b'{' | b',' | b'?'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize) -> String {
        let mut text = String::from("# probes\nprobes:  # the fleet\n");
        for i in 0..n {
            text.push_str(&format!(
                "  - id: p{i}\n    http: {{ url: \"http://h/{i}?a=1&b=2\" }}\n\n"
            ));
        }
        text
    }

    #[test]
    fn pieces_hold_whole_entries_and_their_lines() {
        let text = entries(40);
        let pieces = pieces(&text, "probes", 300).expect("cut");
        assert!(pieces.len() > 2, "{pieces:?}");
        assert!(pieces[0].text.starts_with("# probes\nprobes:"));
        assert_eq!(pieces[0].first_line, 1);
        let mut rebuilt = String::new();
        for piece in &pieces {
            if piece.first_line > 1 {
                assert!(piece.text.starts_with("  - id: p"), "{}", piece.text);
            }
            assert_eq!(
                text[..rebuilt.len()].lines().count() + 1,
                piece.first_line as usize,
                "{}",
                piece.text
            );
            rebuilt.push_str(piece.text);
        }
        assert_eq!(rebuilt, text, "nothing lost or repeated");
    }

    #[test]
    fn the_same_text_is_cut_the_same_way() {
        let text = entries(100);
        assert_eq!(pieces(&text, "probes", 500), pieces(&text, "probes", 500));
    }

    #[test]
    fn a_short_text_stays_whole() {
        assert_eq!(pieces(&entries(3), "probes", 4096), None);
    }

    #[test]
    fn anything_but_plain_entries_stays_whole() {
        let plain = entries(40);
        for (why, text) in [
            ("an anchor", plain.replace("id: p3\n", "id: &a p3\n")),
            ("an alias", plain.replace("id: p3\n", "id: *a\n")),
            (
                "a merge key",
                plain.replace("id: p3\n", "<<: *a\n    id: p3\n"),
            ),
            ("another key", format!("{plain}other: 1\n")),
            (
                "a key at the list's indentation",
                plain.replace("  - id: p7\n", "  id: p7\n"),
            ),
            ("a second document", format!("{plain}---\nprobes: []\n")),
            (
                "a flow list",
                plain.replace("probes:  # the fleet\n", "probes: [\n"),
            ),
            ("another first key", plain.replace("probes:", "checks:")),
            ("a directive", format!("%YAML 1.2\n---\n{plain}")),
            ("a carriage return", plain.replace("id: p3\n", "id: p3\r")),
        ] {
            assert_eq!(pieces(&text, "probes", 300), None, "{why}");
        }
    }

    #[test]
    fn an_ampersand_inside_a_word_is_no_anchor() {
        assert!(!may_hold_alias(
            "url: \"http://h/?a=1&b=2\"\nmatch: \"*.x\""
        ));
        assert!(may_hold_alias("headers: &h { a: b }"));
        assert!(may_hold_alias("- *h"));
        assert!(may_hold_alias("&h"));
    }

    #[test]
    fn an_entry_may_start_on_the_dash_alone() {
        assert!(is_entry("-\n"));
        assert!(is_entry("- id: a"));
        assert!(!is_entry("-id"));
        assert!(!is_entry("--- "));
    }
}

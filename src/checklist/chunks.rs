//! Where a long Markdown checklist can be cut so that each piece parses on its own exactly as it
//! does inside the whole.
//!
//! pulldown-cmark builds the block tree of everything it is given before the first event, about
//! six bytes of tree for each byte of text, so a 100 MB checklist read in one piece costs more
//! memory than everything `ready` keeps of it. Read in pieces of a few dozen kilobytes, that
//! tree stays small whatever the file's size.
//!
//! A cut goes just before an ATX heading written at the start of a line after a blank line:
//! such a line ends every open paragraph, list, table and block quote, so nothing on either side
//! of it reads differently in a piece than in the whole — except what this scanner keeps track
//! of: fenced code and HTML comments (where a `# ` line is text), metadata blocks (which
//! pulldown-cmark reads wherever `---` is followed by text and later closed by `---` or `...`),
//! and link reference and footnote definitions (which reach across the whole
//! document; a checklist with any is read whole). The parser checks each piece as well and reads
//! the rest of the file whole when a block ran to the end of a piece, so a case this scanner
//! misreads costs memory, never a different reading.

/// Whether `text` may be cut at all: not when it holds a definition that other pieces could
/// refer to. Written on no line's edge, so a text read in blocks of whole lines holds one
/// exactly when one of its blocks does.
pub(crate) fn may_cut(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"]:").is_none()
}

/// Byte offsets at which `text` can be cut, ascending, each at least `min_len` bytes after the
/// one before: the cuts the reading makes (see `reading`), for the tests to see.
#[cfg(test)]
fn cuts(text: &str, min_len: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    if !may_cut(text) {
        return cuts;
    }
    let mut scan = Scan::default();
    let mut last = 0;
    let mut offset = 0;
    // Front matter is a metadata block like any other, which the scanner follows.
    for line in text.split_inclusive('\n') {
        if scan.is_cut(line) && offset - last >= min_len {
            cuts.push(offset);
            last = offset;
        }
        offset += line.len();
    }
    cuts
}

/// What the lines read so far leave open.
#[derive(Default)]
pub(crate) struct Scan {
    /// The fence character and length of an open fenced code block.
    fence: Option<(u8, usize)>,
    /// Inside an HTML comment that began a line.
    comment: bool,
    /// The line before was blank.
    after_blank: bool,
    /// The line before was `---`, which opens a metadata block if this line is not blank.
    dashes: bool,
    /// Inside what may be a metadata block: pulldown-cmark reads `---` followed by a non-blank
    /// line and, somewhere after, a `---` or `...` line as one anywhere in the document, not
    /// only at its start.
    metadata: bool,
}

impl Scan {
    /// Reads one line and says whether a piece may begin with it.
    pub(crate) fn is_cut(&mut self, line: &str) -> bool {
        let cut = self.after_blank
            && self.fence.is_none()
            && !self.comment
            && !self.metadata
            && is_atx_heading(line);
        self.read(line);
        cut
    }

    fn read(&mut self, line: &str) {
        let blank = line.trim().is_empty();
        let closes_metadata = closes_metadata(line);
        // Whatever else the line is: the scanner may think it is in code where pulldown-cmark
        // does not, so a possible metadata block is followed everywhere.
        if self.metadata {
            self.metadata = !closes_metadata;
        } else if self.dashes {
            self.metadata = !blank && !closes_metadata;
        }
        self.dashes = !self.metadata && opens_metadata(line);
        self.after_blank = blank;
        // Block quote markers and indentation do not change what opens or closes a block here.
        let body = line.trim_start_matches([' ', '\t', '>']).trim_end();
        if self.comment {
            self.comment = !line.contains("-->");
            return;
        }
        if let Some((mark, len)) = self.fence {
            let run = body.bytes().take_while(|b| *b == mark).count();
            if run >= len && run == body.len() {
                self.fence = None;
            }
            return;
        }
        if let Some(fence) = fence_opening(body) {
            self.fence = Some(fence);
        } else if let Some(after) = body.strip_prefix("<!--") {
            self.comment = !after.contains("-->");
        }
    }
}

/// The character and length of the fence a line opens, as CommonMark reads it: three or more
/// backticks not followed by another backtick on the line, or three or more tildes.
fn fence_opening(body: &str) -> Option<(u8, usize)> {
    let mark = *body.as_bytes().first()?;
    if mark != b'`' && mark != b'~' {
        return None;
    }
    let len = body.bytes().take_while(|b| *b == mark).count();
    let info = &body[len..];
    (len >= 3 && !(mark == b'`' && info.contains('`'))).then_some((mark, len))
}

/// Three dashes from the start of the line, then only white space: how pulldown-cmark opens a
/// metadata block.
fn opens_metadata(line: &str) -> bool {
    line.trim_end_matches(|c: char| c.is_ascii_whitespace()) == "---"
}

/// Three dashes or three dots from the start of the line, then only spaces: how pulldown-cmark
/// closes one. Stricter than the opening, as it must be: a line taken for a close that is not
/// one would allow a cut inside the block.
fn closes_metadata(line: &str) -> bool {
    matches!(
        line.trim_end_matches(['\n', '\r']).trim_end_matches(' '),
        "---" | "..."
    )
}

/// `# Title` to `###### Title` (or the marks alone), written at the start of the line.
fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&hashes)
        && line[hashes..]
            .bytes()
            .next()
            .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        for cut in cuts(text, 1).into_iter().chain([text.len()]) {
            out.push(&text[start..cut]);
            start = cut;
        }
        out
    }

    #[test]
    fn cuts_before_headings_that_follow_a_blank_line() {
        let text = "# A\n\n- [x] one\n\n## B\n- [ ] two\n## C\n\n#D\n\n### E\n";
        assert_eq!(
            pieces(text),
            [
                "# A\n\n- [x] one\n\n",
                "## B\n- [ ] two\n## C\n\n#D\n\n",
                "### E\n"
            ]
        );
    }

    #[test]
    fn never_cuts_inside_fenced_code_comments_or_front_matter() {
        let text = "---\ntitle: x\n\n# not a heading\n---\n\n```sh\n\n# comment\n```\n\n\
                    ~~~~\n\n# also code\n~~~\n\n# still code\n~~~~\n\n<!--\n\n# hidden\n-->\n\n# Real\n";
        assert_eq!(pieces(text).len(), 2);
        assert!(pieces(text)[1].starts_with("# Real"));
    }

    #[test]
    fn never_cuts_inside_a_metadata_block_later_in_the_document() {
        // pulldown-cmark reads lines 3 to 7 as one metadata block, the heading included.
        let text = "# A\n\n---\nPhase 7 | 9% |\n\n### Total\n---\n\n# B\n";
        assert_eq!(
            pieces(text),
            ["# A\n\n---\nPhase 7 | 9% |\n\n### Total\n---\n\n", "# B\n"]
        );
        // A rule followed by a blank line opens nothing.
        let text = "# A\n\n---\n\n# B\n";
        assert_eq!(pieces(text), ["# A\n\n---\n\n", "# B\n"]);
    }

    #[test]
    fn a_backtick_line_with_backticks_after_it_opens_no_fence() {
        let text = "``` a ` b\n\n# Heading\n";
        assert_eq!(pieces(text), ["``` a ` b\n\n", "# Heading\n"]);
    }

    #[test]
    fn definitions_keep_the_checklist_whole() {
        assert!(cuts("[docs]: https://example.com\n\n# A\n\n# B\n", 1).is_empty());
        assert!(cuts("Note[^1].\n\n# A\n\n[^1]: text\n", 1).is_empty());
    }

    #[test]
    fn pieces_are_at_least_the_minimum_apart() {
        let text = "# A\n\n".repeat(100);
        let cuts = cuts(&text, 50);
        assert!(cuts.windows(2).all(|w| w[1] - w[0] >= 50));
        assert!(cuts[0] >= 50);
    }
}

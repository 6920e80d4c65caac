//! A Markdown checklist read line by line — whole, or a block of lines at a time from a file
//! too long to hold — into the pieces the Markdown walker parses, with the claims and the line
//! widths read from the same lines.
//!
//! Whole or in blocks, the same lines are read in the same order and cut into the same pieces,
//! so a checklist read in blocks is the checklist read whole: only the memory differs, one
//! block and one piece instead of all of the text (held whole, a long checklist's text was a
//! quarter of the heap at the end of its parse).

use crate::checklist::markdown::{Parsed, Walker, writes_critical_badges};
use crate::checklist::{chunks, claims, line_width};
use crate::error::Result;
use crate::model::LineWidths;

/// The smallest piece a long checklist is parsed in (see [`chunks`]): big enough that a cut is
/// rare work, small enough that pulldown-cmark's tree of a piece stays under a megabyte.
pub(crate) const PIECE: usize = 64 * 1024;

/// Parses a whole Markdown checklist.
pub(crate) fn whole(path: &str, text: &str) -> Result<Parsed> {
    whole_in_pieces(path, text, PIECE)
}

fn whole_in_pieces(path: &str, text: &str, piece: usize) -> Result<Parsed> {
    let mut reading = Reading::new(path, writes_critical_badges(text), chunks::may_cut(text));
    reading.piece = piece;
    reading.last(text)
}

/// Whether a block of a checklist holds what needs the whole text to be read right: a
/// definition other pieces may refer to, or a badge that changes the scale of every other.
/// A checklist read in blocks, one of which does, is read whole instead.
pub(crate) fn needs_whole(block: &str) -> bool {
    !chunks::may_cut(block) || writes_critical_badges(block)
}

/// A Markdown checklist being read a line at a time.
pub(crate) struct Reading {
    walker: Walker,
    scan: chunks::Scan,
    /// Pieces are cut until one ends inside a block the scanner missed; the rest of the
    /// checklist is then read as one piece.
    cutting: bool,
    piece: usize,
    /// The lines of the current piece that earlier blocks held.
    carried: String,
    /// The line the current piece begins on.
    piece_line: u32,
    /// Lines read so far.
    lines: u32,
    claims: claims::Reader,
    widths: LineWidths,
}

impl Reading {
    /// A reading of the checklist at `path`, none of whose blocks [`needs_whole`], in pieces
    /// of at least `piece` bytes.
    pub(crate) fn in_blocks(path: &str, piece: usize) -> Self {
        let mut reading = Self::new(path, false, true);
        reading.piece = piece;
        reading
    }

    fn new(path: &str, critical_badges: bool, cutting: bool) -> Self {
        Self {
            walker: Walker::new(path, critical_badges),
            scan: chunks::Scan::default(),
            cutting,
            piece: PIECE,
            carried: String::new(),
            piece_line: 1,
            lines: 0,
            claims: claims::Reader::new(path),
            widths: LineWidths::default(),
        }
    }

    /// Reads the next block of whole lines (each ending with its line feed).
    pub(crate) fn block(&mut self, block: &str) -> Result<()> {
        let start = self.lines_of(block)?;
        self.carried.push_str(&block[start..]);
        Ok(())
    }

    /// Reads the checklist's last block (which may be empty) and gives the checklist read.
    pub(crate) fn last(mut self, block: &str) -> Result<Parsed> {
        let start = self.lines_of(block)?;
        // A checklist read whole in one piece is walked where it lies, not copied.
        if self.carried.is_empty() {
            self.walker.piece(&block[start..], self.piece_line, true)?;
        } else {
            self.carried.push_str(&block[start..]);
            self.walker.piece(&self.carried, self.piece_line, true)?;
        }
        let mut parsed = self.walker.finish();
        self.claims.finish(&mut parsed.checklist);
        self.widths.shrink_to_fit();
        parsed.checklist.line_widths = self.widths;
        Ok(parsed)
    }

    /// Reads the lines of `block`, walking each piece that ends in it, and returns where in
    /// the block the piece still open begins.
    fn lines_of(&mut self, block: &str) -> Result<usize> {
        // Made at its size (a line more than there are breaks), not grown line by line.
        self.widths
            .reserve(memchr::memchr_iter(b'\n', block.as_bytes()).count() + 1);
        let mut start = 0;
        let mut offset = 0;
        for line in block.split_inclusive('\n') {
            if self.scan.is_cut(line)
                && self.cutting
                && self.carried.len() + (offset - start) >= self.piece
            {
                let tail = &block[start..offset];
                let walked = if self.carried.is_empty() {
                    self.walker.piece(tail, self.piece_line, false)?
                } else {
                    self.carried.push_str(tail);
                    start = offset;
                    self.walker.piece(&self.carried, self.piece_line, false)?
                };
                if walked {
                    self.carried.clear();
                    start = offset;
                    self.piece_line = self.lines + 1;
                } else {
                    // The piece ended inside a block the scanner missed: it is read again
                    // with the rest of the checklist, as one piece.
                    self.cutting = false;
                }
            }
            self.lines = self.lines.saturating_add(1);
            let text = line.strip_suffix('\n').unwrap_or(line);
            self.claims.line(self.lines, text);
            self.widths.push(line_width(text));
            offset += line.len();
        }
        Ok(start)
    }
}

/// Whether `text` reads the same whole, cut at every heading the scanner allows, and given in
/// blocks of every line and of a few lines: what the tests and the fuzzer hold the reading to.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn reads_same_in_pieces(text: &str) -> bool {
    let whole = format!("{:?}", whole_in_pieces("t.md", text, usize::MAX));
    let pieces = format!("{:?}", whole_in_pieces("t.md", text, 1));
    let in_blocks = |lines: usize| {
        let mut reading = Reading::new("t.md", writes_critical_badges(text), chunks::may_cut(text));
        reading.piece = 1;
        let mut block = String::new();
        let mut result = Ok(());
        for (i, line) in text.split_inclusive('\n').enumerate() {
            block.push_str(line);
            if (i + 1) % lines == 0 && result.is_ok() {
                result = reading.block(&block);
                block.clear();
            }
        }
        format!("{:?}", result.and_then(|()| reading.last(&block)))
    };
    whole == pieces && [1, 3].into_iter().all(|lines| in_blocks(lines) == whole)
}

//! A long file read a block of whole lines at a time, for a reader that need not hold all of
//! it: held whole, a long checklist's text was a quarter of the heap at the end of its parse.
//!
//! Only plain text is handed out this way: valid UTF-8 without NUL bytes, carriage returns, a
//! byte-order mark or mojibake, which [`decode`](super::decode) would return unchanged. Any
//! other file — and one past its kind's size limit, mostly unprintable, or not a regular file
//! (a pipe cannot be read twice) — is [`Block::NotPlain`], and the caller reads it whole, where
//! it is decoded, repaired or refused with its notices as always. Blocks end at a line feed,
//! which no UTF-8 sequence, mojibake run or line contains, so each is judged alone exactly as it
//! would be inside the whole.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::files::{Input, repair, text};

/// What [`Blocks::next`] read.
#[derive(Debug, PartialEq)]
pub(crate) enum Block {
    /// Whole lines, each ending with its line feed except perhaps the file's last.
    Text(String),
    /// The file ended, and all of it was plain.
    End,
    /// The file is not plain text (see the module's doc): read it whole.
    NotPlain,
}

/// A file being read in blocks of whole lines.
#[derive(Debug)]
pub(crate) struct Blocks {
    path: PathBuf,
    file: std::io::Take<File>,
    limit: u64,
    /// How many bytes to read at a time; a block is at least this long unless the file ends.
    size: usize,
    /// Bytes read past the last line feed, which begin the next block.
    carry: Vec<u8>,
    /// Characters and unprintable characters seen, for the share that makes a file binary.
    characters: (usize, usize),
    read: u64,
    started: bool,
    ended: bool,
}

impl Blocks {
    /// Opens `path`, to be read `size` bytes at a time, at most `input`'s limit.
    pub(crate) fn open(path: &Path, input: Input, size: usize) -> Result<Self> {
        let file = File::open(path).map_err(|e| Error::read(path, e))?;
        let limit = input.limit();
        Ok(Self {
            path: path.to_path_buf(),
            file: file.take(limit + 1),
            limit,
            size: size.max(1),
            carry: Vec::new(),
            characters: (0, 0),
            read: 0,
            started: false,
            ended: false,
        })
    }

    /// The next block of the file, its end, or word that it is not plain.
    pub(crate) fn next(&mut self) -> Result<Block> {
        if self.ended {
            return Ok(Block::End);
        }
        // What is not plain is read again whole, which only a regular file can be: a pipe's
        // bytes, once read, are gone.
        if !self.started
            && !self
                .file
                .get_ref()
                .metadata()
                .is_ok_and(|m| m.is_file() && m.len() <= self.limit)
        {
            return Ok(Block::NotPlain);
        }
        let mut bytes = std::mem::take(&mut self.carry);
        // Read until a line feed ends what was read (a line longer than a block makes a longer
        // block) or the file ends.
        let cut = loop {
            let from = bytes.len();
            let wanted = from.max(self.size);
            bytes.reserve(wanted);
            let got = (&mut self.file)
                .take(wanted as u64)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::read(&self.path, e))?;
            self.read += got as u64;
            if self.read > self.limit {
                return Ok(Block::NotPlain);
            }
            if got == 0 {
                self.ended = true;
                break bytes.len();
            }
            if let Some(at) = memchr::memrchr(b'\n', &bytes[from..]) {
                break from + at + 1;
            }
        };
        self.carry = bytes.split_off(cut);
        if bytes.is_empty() {
            return Ok(self.end());
        }
        let first = !std::mem::replace(&mut self.started, true);
        if (first && bytes.starts_with(b"\xEF\xBB\xBF"))
            || memchr::memchr2(0, b'\r', &bytes).is_some()
        {
            return Ok(Block::NotPlain);
        }
        let Ok(block) = String::from_utf8(bytes) else {
            return Ok(Block::NotPlain);
        };
        if repair::repair(&block).is_some() {
            return Ok(Block::NotPlain);
        }
        let (all, unprintable) = text::count_unprintable(&block);
        self.characters.0 += all;
        self.characters.1 += unprintable;
        Ok(Block::Text(block))
    }

    fn end(&self) -> Block {
        let (all, unprintable) = self.characters;
        if text::is_binary(all, unprintable) {
            Block::NotPlain
        } else {
            Block::End
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every block of `bytes` read `size` at a time, then how the reading ended.
    fn blocks(bytes: &[u8], size: usize) -> (Vec<String>, Block) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("c.md");
        std::fs::write(&path, bytes).expect("write");
        let mut blocks = Blocks::open(&path, Input::Checklist, size).expect("open");
        let mut out = Vec::new();
        loop {
            match blocks.next().expect("read") {
                Block::Text(text) => out.push(text),
                end => return (out, end),
            }
        }
    }

    #[test]
    fn blocks_are_whole_lines_that_make_the_file() {
        let text = "# A\n\n- [x] one ✅\n- [ ] two\nlast line without a break";
        for size in [1, 2, 5, 17, 1000] {
            let (got, end) = blocks(text.as_bytes(), size);
            assert_eq!(end, Block::End, "{size}");
            assert_eq!(got.concat(), text, "{size}");
            assert!(
                got.iter().rev().skip(1).all(|b| b.ends_with('\n')),
                "{size}: {got:?}"
            );
            assert!(got.iter().all(|b| !b.is_empty()));
        }
        assert_eq!(blocks(b"", 4), (vec![], Block::End));
    }

    #[test]
    fn what_decoding_would_change_is_not_plain() {
        for bytes in [
            &b"# A\n\n- [x] one\r\n"[..],
            b"\xEF\xBB\xBF# A\n",
            b"\xFF\xFE#\x00 \x00",
            b"# A\n- [ ] bad \xE2\x9C here\n",
            b"# A\nNUL \x00\n",
            "# A\n**Status:** ‚úÖ ok\n".as_bytes(),
            b"\x01\x02\x03\x04\n",
        ] {
            for size in [1, 3, 64] {
                assert_eq!(blocks(bytes, size).1, Block::NotPlain, "{bytes:?} {size}");
            }
        }
        // A byte-order mark after the start is a character like any other.
        assert_eq!(blocks("# A\n\u{feff}x\n".as_bytes(), 1).1, Block::End);
    }

    /// A pipe cannot be read again, so it is never read in blocks, however plain.
    #[test]
    #[cfg(unix)]
    fn a_pipe_is_read_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("c.md");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let writer = {
            let path = path.clone();
            std::thread::spawn(move || std::fs::write(path, "# A\n\n- [x] one\n"))
        };
        let mut blocks = Blocks::open(&path, Input::Checklist, 4).expect("open");
        assert_eq!(blocks.next().expect("read"), Block::NotPlain);
        // The read end stays open until the writer is done: its bytes wait in the pipe.
        writer.join().expect("writer").expect("written");
        drop(blocks);
    }

    #[test]
    fn a_file_past_its_limit_is_not_plain() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("ready.yaml");
        std::fs::write(&path, "a: 1\n".repeat(4 * 1024 * 1024)).expect("write");
        let mut blocks = Blocks::open(&path, Input::Config, 1 << 20).expect("open");
        let mut read = 0;
        let end = loop {
            match blocks.next().expect("read") {
                Block::Text(text) => read += text.len(),
                end => break end,
            }
        };
        assert_eq!(end, Block::NotPlain);
        assert!(read as u64 <= Input::Config.limit());
        // A file whose size is known to be past the limit is not read at all.
        std::fs::write(&path, "a: 1\n".repeat(5 * 1024 * 1024)).expect("write");
        let mut blocks = Blocks::open(&path, Input::Config, 1 << 20).expect("open");
        assert_eq!(blocks.next().expect("read"), Block::NotPlain);
    }
}

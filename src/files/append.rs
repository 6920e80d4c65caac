//! Appending a line to a shared file (a run history) so that lines never tear or interleave:
//! each writer holds an exclusive lock on the file while it writes its whole line in one call,
//! and starts on a fresh line if a crash once left the file without its last newline.

use std::fs::OpenOptions;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Appends `line` (without its newline) to the file, creating it and its directory.
pub(crate) fn append_line(path: &Path, line: &str) -> Result<()> {
    let fail = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(fail)?;
    file.lock().map_err(fail)?;
    let length = file.metadata().map_err(fail)?.len();
    let mut bytes = Vec::with_capacity(line.len() + 2);
    if length > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::Start(length - 1)).map_err(fail)?;
        file.read_exact(&mut last).map_err(fail)?;
        if last[0] != b'\n' {
            bytes.push(b'\n');
        }
    }
    bytes.extend_from_slice(line.as_bytes());
    bytes.push(b'\n');
    file.write_all(&bytes).map_err(fail)?;
    file.sync_data().map_err(fail)
}

#[cfg(test)]
mod tests {
    #[test]
    fn concurrent_writers_never_interleave_and_a_torn_line_is_closed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("history.jsonl");
        std::fs::write(&path, "{\"torn\":").expect("write");
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for n in 0..50 {
                        let line = format!(
                            "{{\"writer\":{t},\"n\":{n},\"pad\":\"{}\"}}",
                            "x".repeat(5000)
                        );
                        super::append_line(&path, &line).expect("append");
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().expect("thread");
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 401);
        assert_eq!(lines[0], "{\"torn\":");
        assert!(
            lines[1..]
                .iter()
                .all(|l| l.starts_with("{\"writer\":") && l.ends_with("\"}"))
        );
    }
}

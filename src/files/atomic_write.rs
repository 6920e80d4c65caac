//! Writing files so that a reader never sees half of one: write a temporary file beside the
//! target, flush it to disk, then rename it over the target. A crash leaves either the old file
//! or the new one, never a mix.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

pub(crate) fn write(path: &Path, contents: &[u8]) -> Result<()> {
    write_with(path, |out| out.write_all(contents))
}

/// Like [`write`], with the contents written by `fill` straight into the temporary file through
/// a buffer: a report of a large checklist is never held whole in memory before it is written.
pub(crate) fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let temp = staged(path, fill)?;
    temp.persist(path).map_err(|e| Error::Write {
        path: path.display().to_string(),
        source: e.error,
    })?;
    Ok(())
}

/// Like [`write`], but fails with `AlreadyExists` instead of replacing a file that is there,
/// even one created a moment ago by someone else: the final step is a link, not a rename.
pub(crate) fn write_new(path: &Path, contents: &[u8]) -> Result<()> {
    let temp = staged(path, |out| out.write_all(contents))?;
    temp.persist_noclobber(path).map_err(|e| Error::Write {
        path: path.display().to_string(),
        source: e.error,
    })?;
    Ok(())
}

/// The contents `fill` writes, synced to a temporary file beside `path`, with the permissions
/// the file should end up with: those of the file it replaces, else what a plain create would
/// give (0666 less the umask), not the owner-only mode of a temporary file. If `fill` fails,
/// the temporary file is removed and the target is untouched.
fn staged(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<tempfile::NamedTempFile> {
    let fail = |source: std::io::Error| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ready-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The kernel applies the umask to the mode given at creation.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(fail)?;
    if let Ok(existing) = std::fs::metadata(path) {
        temp.as_file()
            .set_permissions(existing.permissions())
            .map_err(fail)?;
    }
    let mut out = BufWriter::new(temp.as_file_mut());
    fill(&mut out).and_then(|()| out.flush()).map_err(fail)?;
    drop(out);
    temp.as_file().sync_all().map_err(fail)?;
    Ok(temp)
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_whole_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.json");
        super::write(&path, b"first").expect("write");
        super::write(&path, b"second").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let leftovers = std::fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }

    #[test]
    fn a_render_that_fails_halfway_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("report.json");
        super::write(&path, b"old report").expect("write");
        let failed = super::write_with(&path, |out| {
            out.write_all(b"half a new rep")?;
            Err(std::io::Error::other("the renderer gave up"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"old report");
        let leftovers = std::fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }

    #[test]
    fn a_large_report_arrives_whole_through_the_buffer() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.json");
        let line = b"0123456789abcdef\n";
        super::write_with(&path, |out| {
            for _ in 0..100_000 {
                out.write_all(line)?;
            }
            Ok(())
        })
        .expect("write");
        assert_eq!(
            std::fs::metadata(&path).expect("metadata").len(),
            100_000 * line.len() as u64
        );
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_replaced_file_mode_and_gives_new_files_a_normal_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("report.html");
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"x").expect("plain create");
        let expected = std::fs::metadata(&plain)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        super::write(&path, b"new").expect("write");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, expected, "the mode a plain create gives, not 0600");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        super::write(&path, b"again").expect("write");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn write_new_never_replaces() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("ready.yaml");
        super::write_new(&path, b"mine").expect("first write");
        let err = super::write_new(&path, b"theirs").expect_err("exists");
        assert!(err.to_string().contains("cannot write"), "{err}");
        assert_eq!(std::fs::read(&path).expect("read"), b"mine");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn names_the_path_on_failure() {
        let err =
            super::write(std::path::Path::new("/nonexistent-dir/x.json"), b"x").expect_err("fails");
        assert!(
            err.to_string()
                .starts_with("/nonexistent-dir/x.json: cannot write"),
            "{err}"
        );
    }
}

//! A writer for a bench's report: counts the bytes without keeping them, as a pipe to another
//! process would take them, so the bench's peak memory is the run's and not a copy of its
//! report.

/// The bytes written so far.
#[derive(Default)]
pub(crate) struct Counter(pub(crate) usize);

impl std::io::Write for Counter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

//! What probes read from files, shared while any probe holds it: twenty `junit` probes on one
//! 40 MB report each read and held it at once (922 MiB, 1.5 CPU-s), where one reading serves
//! them all. A file is known by its path, time and size, so one rewritten between two probes
//! is read again; and what was read is held only while a probe uses it, so a run over many
//! large reports holds no more of them at once than before.

use crate::hash::HashMap;
use std::any::{Any, TypeId};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::SystemTime;

use crate::probe::verify::Failed;

/// A file as a probe found it: its path, when it was last written, and its size.
pub(crate) type Version = (PathBuf, SystemTime, u64);

/// Every reading of the run, by file and way of reading.
#[derive(Debug, Default)]
pub(crate) struct Readings {
    files: Mutex<HashMap<(TypeId, Version), Arc<Held>>>,
}

/// What a probe read from a file, while some probe still holds it. Locked while it is read, so
/// probes that ask at once wait for one reading.
type Held = Mutex<Option<Weak<dyn Any + Send + Sync>>>;

impl Readings {
    /// `read()` of `file`, or what another probe read from the same file the same way and still
    /// holds. A way of reading is known by the type it reads into: each kind reads into its own
    /// (JUnit cases, coverage records, SARIF findings, a JSON document). Probes that ask at once
    /// wait for the first to finish; a failure is not kept, so each probe meets it (and may
    /// retry) on its own.
    pub(crate) fn get<T: Send + Sync + 'static>(
        &self,
        file: Version,
        read: impl FnOnce() -> Result<T, Failed>,
    ) -> Result<Arc<T>, Failed> {
        let slot = Arc::clone(
            self.files
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry((TypeId::of::<T>(), file))
                .or_default(),
        );
        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(held) = slot.as_ref().and_then(Weak::upgrade)
            && let Ok(held) = held.downcast::<T>()
        {
            return Ok(held);
        }
        let read = Arc::new(read()?);
        let shared: Arc<dyn Any + Send + Sync> = Arc::clone(&read) as _;
        *slot = Some(Arc::downgrade(&shared));
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    fn version(len: u64) -> Version {
        ("report.xml".into(), SystemTime::UNIX_EPOCH, len)
    }

    #[test]
    fn a_file_is_read_once_for_the_probes_that_hold_it() {
        let reads = AtomicUsize::new(0);
        // A slow reading, so that probes asking at once overlap.
        let lines = |text: &str| {
            reads.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(20));
            Ok::<_, Failed>(text.lines().map(str::to_owned).collect::<Vec<String>>())
        };
        let readings = Readings::default();
        let held: Vec<Arc<Vec<String>>> = std::thread::scope(|scope| {
            let probes: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| readings.get(version(4), || lines("a\nb\n")).expect("read"))
                })
                .collect();
            probes
                .into_iter()
                .map(|p| p.join().expect("joined"))
                .collect()
        });
        assert_eq!(reads.load(Ordering::SeqCst), 1, "eight probes, one reading");
        assert!(held.iter().all(|h| Arc::ptr_eq(h, &held[0])));
        assert_eq!(*held[0], ["a", "b"]);

        // Held by no probe, it is let go, and read again by the next.
        drop(held);
        let kept = readings.get(version(4), || lines("a\nb\n")).expect("read");
        assert_eq!(reads.load(Ordering::SeqCst), 2, "read again once let go");

        // Rewritten (another size or time), it is another file, whoever holds the old one.
        let again = readings
            .get(version(6), || lines("a\nb\nc\n"))
            .expect("read");
        assert_eq!(reads.load(Ordering::SeqCst), 3);
        assert_eq!((kept.len(), again.len()), (2, 3));

        // Read another way (into another type), the same file is another reading; and a
        // failure is not kept: each probe meets it itself.
        let failures = AtomicUsize::new(0);
        for _ in 0..2 {
            let failed = readings
                .get::<Vec<u8>>(version(4), || {
                    failures.fetch_add(1, Ordering::SeqCst);
                    Err(Failed::fail("not a report"))
                })
                .expect_err("fails");
            assert_eq!(failed.message, "not a report");
        }
        assert_eq!(failures.load(Ordering::SeqCst), 2);
        assert_eq!(reads.load(Ordering::SeqCst), 3);
    }
}

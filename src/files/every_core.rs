//! Reading many things on every core, for the readers that have many: a fleet's reports, the
//! pieces of a long probe file. Results come back in the order of the things read, so what a
//! reader makes of them is the same on any machine.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `read` of every item, on as many threads as the machine has cores (the caller's among
/// them), in the items' order. Threads take the next item as they finish one, so uneven items
/// balance; a thread the system will not start is simply not used.
pub(crate) fn in_order<T: Sync, R: Send>(items: &[T], read: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(items.len());
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, read(item)));
        }
    };
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = work();
        for helper in helpers {
            done.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        done
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_read_once_and_in_order() {
        let items: Vec<u64> = (0..1_000).collect();
        let calls = AtomicUsize::new(0);
        let read = in_order(&items, |n| {
            calls.fetch_add(1, Ordering::Relaxed);
            // Uneven work, so threads finish out of order.
            std::thread::sleep(std::time::Duration::from_micros(n % 7 * 50));
            n * 2
        });
        assert_eq!(read, (0..1_000).map(|n| n * 2).collect::<Vec<_>>());
        assert_eq!(calls.load(Ordering::Relaxed), 1_000);
        assert!(in_order(&[] as &[u8], |_| 0).is_empty());
    }
}

//! Running the CPU stages on all cores with bounded memory and stable output order.
//!
//! One thread produces items (reading files, fetching URLs), `threads` workers turn them into
//! results, and the calling thread consumes the results in input order. At most `in_flight`
//! items exist between the producer and the consumer at any time: the producer spends a token
//! on each item it sends and the consumer gives back the tokens of a batch of results once it has
//! consumed them, so a slow document holds back the producer instead of filling a buffer. Every
//! channel is bounded.
//!
//! Short documents must not cost a thread hand-over each: a worker takes the items already
//! queued in one go (up to 16), never waiting for more to arrive; and a producer out of tokens
//! waits until a quarter of them are back, then sends a run of items, instead of waking for
//! each item consumed (on two cores, `entente run -j 2` switched threads about half as often).

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

/// The number of worker threads to use when the caller asks for `requested` (0: one per core).
pub fn threads(requested: usize) -> usize {
    if requested > 0 { requested } else { std::thread::available_parallelism().map_or(1, usize::from) }
}

/// True when [`ordered_map`] with `threads` threads runs everything on the calling thread.
pub fn runs_inline(threads: usize) -> bool {
    threads <= 1
}

/// Feeds the items that `produce` emits through `work` on `threads` worker threads, and calls
/// `consume` with each result in the order the items were produced.
///
/// `in_flight` (at least 1) bounds the items produced but not yet consumed. With one thread,
/// everything runs on the calling thread and nothing is buffered.
pub fn ordered_map<I, O>(
    threads: usize,
    in_flight: usize,
    produce: impl FnOnce(&mut dyn FnMut(I)) + Send,
    work: impl Fn(I) -> O + Sync,
    mut consume: impl FnMut(O),
) where
    I: Send,
    O: Send,
{
    if runs_inline(threads) {
        produce(&mut |item| consume(work(item)));
        return;
    }
    let in_flight = in_flight.max(1);
    // Tokens come back as counts, one message per batch of results consumed.
    let (token_tx, token_rx) = sync_channel::<usize>(in_flight);
    let refill = in_flight.div_ceil(4);
    let (job_tx, job_rx) = sync_channel::<(usize, I)>(in_flight);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (result_tx, result_rx) = sync_channel::<(usize, Vec<O>)>(in_flight);
    let work = &work;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut seq = 0;
            let mut tokens = in_flight;
            produce(&mut |item| {
                // Out of tokens: wait until a quarter are back. The consumer outlives the
                // producer and consumes every item sent, so all of them come back in the end.
                if tokens == 0 {
                    while tokens < refill {
                        match token_rx.recv() {
                            Ok(n) => tokens += n,
                            Err(_) => return,
                        }
                    }
                }
                if job_tx.send((seq, item)).is_ok() {
                    seq += 1;
                    tokens -= 1;
                }
            });
            // Dropping job_tx lets the workers finish.
        });
        for _ in 0..threads {
            let job_rx = Arc::clone(&job_rx);
            let result_tx = result_tx.clone();
            scope.spawn(move || {
                while let Some((first, items)) = next_jobs(&job_rx) {
                    let results: Vec<O> = items.into_iter().map(work).collect();
                    if result_tx.send((first, results)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(result_tx);
        reorder(result_rx, &mut consume, |consumed| {
            // The producer may have finished; a closed token channel is fine.
            let _ = token_tx.send(consumed);
        });
    });
}

/// Most items a worker takes at once.
const BATCH: usize = 16;

/// The next items for a worker: it waits for one, then takes those already queued behind it, up
/// to [`BATCH`] in all, so that short documents cost one hand-over per batch instead of one
/// each, and an item never waits for others to arrive. Their sequence numbers follow each
/// other (the lock is held while taking them); returns the first and the items.
fn next_jobs<I>(jobs: &Mutex<Receiver<(usize, I)>>) -> Option<(usize, Vec<I>)> {
    // A worker that panicked while holding the lock poisons it; the others keep going.
    let jobs = jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (first, item) = jobs.recv().ok()?;
    let mut items = Vec::with_capacity(BATCH);
    items.push(item);
    while items.len() < BATCH {
        match jobs.try_recv() {
            Ok((_, item)) => items.push(item),
            Err(_) => break,
        }
    }
    Some((first, items))
}

/// Receives `(first seq, results)` batches in any order and hands the results on in `seq`
/// order.
fn reorder<O>(results: Receiver<(usize, Vec<O>)>, mut emit: impl FnMut(O), mut emitted: impl FnMut(usize)) {
    let mut next = 0;
    let mut pending: BTreeMap<usize, Vec<O>> = BTreeMap::new();
    for (first, batch) in results {
        pending.insert(first, batch);
        while let Some(batch) = pending.remove(&next) {
            let n = batch.len();
            next += n;
            batch.into_iter().for_each(&mut emit);
            emitted(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_input_order_whatever_the_work_takes() {
        let mut seen = Vec::new();
        ordered_map(
            4,
            8,
            |sink| (0..200u64).for_each(sink),
            |n| {
                // Uneven work: early items are the slowest.
                std::thread::sleep(std::time::Duration::from_micros((200 - n) * 20));
                n * 2
            },
            |n| seen.push(n),
        );
        assert_eq!(seen, (0..200u64).map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_more_than_in_flight_items_are_buffered() {
        let produced = AtomicUsize::new(0);
        let mut max_gap = 0;
        let mut consumed = 0;
        ordered_map(
            3,
            5,
            |sink| {
                for n in 0..500 {
                    produced.fetch_add(1, Ordering::SeqCst);
                    sink(n);
                }
            },
            |n: usize| n,
            |_| {
                consumed += 1;
                // Items produced and not yet consumed, this one included; the producer may
                // have counted one more that waits for a token.
                max_gap = max_gap.max(produced.load(Ordering::SeqCst) - consumed + 1);
            },
        );
        assert_eq!(consumed, 500);
        assert!(max_gap <= 5 + 1, "{max_gap} items in flight with a limit of 5");
    }

    #[test]
    fn an_item_is_processed_without_waiting_for_the_next() {
        let consumed = AtomicUsize::new(0);
        let mut seen = Vec::new();
        ordered_map(
            2,
            4,
            |sink| {
                for n in 0..20usize {
                    sink(n);
                    // The next item comes only once this one is consumed (a slow source): an
                    // item held back for a batch to fill would never be.
                    let started = std::time::Instant::now();
                    while consumed.load(Ordering::SeqCst) <= n {
                        assert!(started.elapsed().as_secs() < 10, "item {n} waits for the next one");
                        std::thread::yield_now();
                    }
                }
            },
            |n: usize| n,
            |n| {
                seen.push(n);
                consumed.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(seen, (0..20).collect::<Vec<_>>());
    }

    #[test]
    fn one_thread_runs_inline() {
        let mut seen = Vec::new();
        ordered_map(1, 1, |sink| ["a", "b"].into_iter().for_each(sink), str::to_uppercase, |s| seen.push(s));
        assert_eq!(seen, ["A", "B"]);
    }
}

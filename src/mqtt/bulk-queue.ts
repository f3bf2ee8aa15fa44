/**
 * One bulk publisher at a time: retained Delete / Restore / Import / Retry failed and a
 * recording's Replay each keep up to a window of publishes in flight (core/windowed-sender.ts,
 * sized from the broker's Receive Maximum). Two of them at once would have twice that in flight,
 * and the broker refuses what goes past its Receive Maximum ("Quota exceeded") or drops the
 * connection. So they share this queue: each starts when the one before it has ended.
 */
let tail: Promise<unknown> = Promise.resolve();

/** Runs `task` after every bulk publisher queued before it has ended (however it ended). */
export function runBulk<T>(task: () => Promise<T>): Promise<T> {
  const run = tail.then(task);
  tail = run.catch(() => {});
  return run;
}

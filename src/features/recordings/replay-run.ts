/**
 * The replay loop (issue 12, "Replay to a broker"), with its I/O passed in so that it can be
 * tested without a broker, a clock or IndexedDB (replay-recording.ts wires it to the session).
 *
 * - Streams: one stored chunk is unpacked at a time (`chunks` yields the blobs in order); the
 *   next one is read while this one is sent (readAhead).
 * - Selection: with `settings.selection` only the messages in its time range and topic filter
 *   go, and the timing starts at the first of them.
 * - Timing: each message waits until `start + dueOffset(...)` (core/replay-schedule.ts): the
 *   schedule is fixed against the recording's own times, so timer error never accumulates.
 * - Flow: all the messages, chunk after chunk, go through one windowed sender
 *   (core/windowed-sender.ts `sendWindowedFeed`), so at most `window` publishes are outstanding
 *   (waiting for their time or for the broker's answer) and the window stays full across chunk
 *   boundaries (the next chunk's first message never waits for this chunk's last answers);
 *   publishes leave strictly in recorded order (each waits for the one before it to go out).
 *   In memory: the chunk being sent, the next one being read, and the window's messages.
 * - Stop: the signal stops at once; messages not yet handed to the connection are not sent.
 *   A lost connection (`connectionLost()` says why) stops the same way, with that reason.
 */
import { unpackChunk, type RecordedMessage } from '../../core/recording-chunk';
import { dueOffset, replayPublish, topicRefusal, type ReplaySettings } from '../../core/replay-schedule';
import { selectsAll, selector } from '../../core/replay-selection';
import { sendWindowedFeed, STOPPED, type SendOutcome } from '../../core/windowed-sender';
import type { PublishRequest } from '../../core/connection';

export interface ReplayDeps {
  chunks: AsyncIterable<Uint8Array>;
  publish: (req: PublishRequest) => Promise<SendOutcome>;
  /** Most publishes outstanding at once. */
  window: number;
  now: () => number;
  /** Resolves after `ms`, or early when the signal aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Why the connection is gone, or null while it is up. */
  connectionLost: () => string | null;
  /** A publish with no answer after this long counts as failed. */
  timeoutMs?: number;
  /** The first message goes this long after the start (lets the page settle first); default 0. */
  leadMs?: number;
  /** Calls `changed` whenever the connection may have changed; returns the unsubscribe. */
  watchConnection?: (changed: () => void) => () => void;
}

export interface ReplayProgress {
  /** Handed to the connection so far. */
  sent: number;
  /** Answered as failed (refused topic, broker error). */
  failed: number;
}

export interface ReplayResult extends ReplayProgress {
  /** 'done': every message went; 'stopped': by the user; 'lost': the connection went away (`reason`); 'error': reading failed. */
  end: 'done' | 'stopped' | 'lost' | 'error';
  reason?: string;
  /** The first few failures, for people. */
  errors: string[];
}

const MAX_ERRORS = 5;

/**
 * Yields what `source` yields, asking for the next item as soon as one is handed out: the next
 * chunk is read from storage while this one is sent, so a slow read (IndexedDB on a busy
 * machine: 100 ms and more) does not make the next chunk's first message late.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      next.catch(() => {}); // awaited on the next turn; not "unhandled" meanwhile
      yield r.value;
    }
  } finally {
    await it.return?.().catch(() => {});
  }
}

export async function runReplay(
  settings: ReplaySettings,
  deps: ReplayDeps,
  signal: AbortSignal,
  onProgress?: (p: ReplayProgress) => void,
): Promise<ReplayResult> {
  const stop = new AbortController();
  let lost: string | null = null;
  const onUserStop = () => stop.abort();
  signal.addEventListener('abort', onUserStop);
  if (signal.aborted) stop.abort();
  const unwatch = deps.watchConnection?.(() => {
    const why = deps.connectionLost();
    if (!why || stop.signal.aborted) return;
    lost ??= why;
    stop.abort();
  });

  let sent = 0;
  let failed = 0;
  const errors: string[] = [];
  let start: number | undefined;
  let first: number | undefined;
  // Publishes leave one after another in recorded order: each waits for the previous to be handed over.
  let gate: Promise<void> = Promise.resolve();
  const report = () => onProgress?.({ sent, failed });
  const sel = settings.selection;
  const selected = sel && !selectsAll(sel) ? selector(sel) : null;

  const fail = (error: string): SendOutcome => {
    failed++;
    if (errors.length < MAX_ERRORS) errors.push(error);
    return { ok: false, error };
  };

  const result = (end: ReplayResult['end'], reason?: string): ReplayResult => {
    signal.removeEventListener('abort', onUserStop);
    unwatch?.();
    report();
    return { end, sent, failed, errors, ...(reason ? { reason } : {}) };
  };

  // One window over the whole replay (not one per chunk, which had to drain at every chunk's end:
  // the next chunk's first message waited for the broker's answers to this one's last). The
  // feed unpacks a chunk when the window reaches it, the next one being read meanwhile.
  async function* messages(): AsyncGenerator<RecordedMessage, void, undefined> {
    for await (const blob of readAhead(deps.chunks)) {
      for (const m of unpackChunk(blob)) if (!selected || selected(m.time, m.topic)) yield m;
    }
  }

  try {
    await sendWindowedFeed(
      messages(),
      async (m) => {
        const f0 = (first ??= m.time);
        const t0 = (start ??= deps.now() + (deps.leadMs ?? 0));
        const previous = gate;
        let handed!: () => void;
        gate = new Promise((r) => (handed = r));
        try {
          const wait = t0 + dueOffset(m.time, f0, settings.speed) - deps.now();
          if (wait > 0) await deps.sleep(wait, stop.signal);
          await previous;
          if (stop.signal.aborted) return { ok: false, error: STOPPED };
          const why = deps.connectionLost();
          if (why) {
            lost ??= why;
            stop.abort();
            return { ok: false, error: STOPPED };
          }
          const req = replayPublish(m, settings);
          const refused = topicRefusal(req.topic);
          if (refused) {
            const r = fail(refused);
            report();
            return r;
          }
          const answer = deps.publish(req);
          sent++;
          handed();
          const r = await answer;
          if (!r.ok) fail(r.error ?? 'failed');
          report();
          return r;
        } finally {
          handed();
        }
      },
      { window: deps.window, signal: stop.signal, ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}) },
    );
  } catch (e) {
    return result('error', `Could not read the recording: ${(e as Error)?.message || String(e)}`);
  }
  if (!lost && !signal.aborted && (failed > 0 || stop.signal.aborted)) lost = deps.connectionLost();
  if (lost) return result('lost', lost);
  if (signal.aborted) return result('stopped');
  return result('done');
}

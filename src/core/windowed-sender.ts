/**
 * Sends many requests (publishes) with a bounded number outstanding at any time, the way
 * MQTT 5's flow control asks (the broker's Receive Maximum) and the way a 3.1.1 broker
 * copes with best. Every item ends as done or failed, never unanswered: a send that throws,
 * rejects, or gets no answer within `timeoutMs` counts as a failure, and stopping (abort)
 * fails every item not yet sent. Pure: the caller supplies `send`.
 */

export interface SendOutcome {
  ok: boolean;
  error?: string;
}

export interface WindowProgress {
  total: number;
  /** Answered so far (done + failed). */
  settled: number;
  done: number;
  failed: number;
  inFlight: number;
}

export interface WindowFailure<T> {
  item: T;
  error: string;
}

export interface WindowResult<T> {
  done: number;
  /** In the order of `items`. */
  failures: WindowFailure<T>[];
}

export interface WindowOptions {
  /** Most requests outstanding at once (at least 1). */
  window: number;
  /** Called after every answer (and once at the start); throttle in the caller if it renders. */
  onProgress?: (p: WindowProgress) => void;
  /** Stops sending: items not yet sent fail with STOPPED; those in flight still get their answer. */
  signal?: AbortSignal;
  /** A request with no answer after this long fails (its slot is freed). Default: none. */
  timeoutMs?: number;
}

export const STOPPED = 'Stopped before it was sent.';

/** Largest window we ever use, whatever the broker offers. */
export const WINDOW_CAP = 50;
/** MQTT 3.1.1 has no flow control: stay well under Mosquitto's default of 20 in flight. */
export const WINDOW_DEFAULT_V4 = 10;

/**
 * The window for a connection: the broker's Receive Maximum (MQTT 5 CONNACK; absent means
 * 65,535), less a couple of slots for the app's other publishes (switches, the Publish
 * view) so that they never push the total past what the broker allows; capped.
 */
export function windowFor(receiveMaximum: number | undefined, protocolVersion: 4 | 5 | undefined): number {
  if (protocolVersion !== 5) return WINDOW_DEFAULT_V4;
  const rm = receiveMaximum !== undefined && Number.isFinite(receiveMaximum) && receiveMaximum >= 1 ? Math.floor(receiveMaximum) : 65_535;
  const spare = Math.min(2, Math.floor(rm / 4));
  return Math.max(1, Math.min(WINDOW_CAP, rm - spare));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)) || 'failed';

export function sendWindowed<T>(
  items: readonly T[],
  send: (item: T) => Promise<SendOutcome>,
  opts: WindowOptions,
): Promise<WindowResult<T>> {
  return run(items[Symbol.iterator](), items.length, send, opts);
}

/**
 * Like `sendWindowed`, but takes its items from a feed (an async or plain iterable) as slots
 * free up, so one window spans the whole feed: a long stream (a recording's chunks, read one at
 * a time) keeps the window full from one part to the next instead of draining it at every
 * part's end, and only the items in flight (and the failed ones) are held. Differences from a
 * list: `total` in the progress is the items taken so far; on abort no more items are taken
 * (only those already taken and not sent fail with STOPPED) and the feed is closed; if the feed
 * throws, no more are taken, those in flight still get their answer, and then the promise
 * rejects with the feed's error.
 */
export function sendWindowedFeed<T>(
  feed: AsyncIterable<T> | Iterable<T>,
  send: (item: T) => Promise<SendOutcome>,
  opts: WindowOptions,
): Promise<WindowResult<T>> {
  const it = Symbol.asyncIterator in feed ? feed[Symbol.asyncIterator]() : feed[Symbol.iterator]();
  return run(it, undefined, send, opts);
}

/** The one window both take: `total` known means a list (an abort fails every item left, unsent). */
function run<T>(
  it: Iterator<T> | AsyncIterator<T>,
  total: number | undefined,
  send: (item: T) => Promise<SendOutcome>,
  opts: WindowOptions,
): Promise<WindowResult<T>> {
  const window = Math.max(1, Math.floor(opts.window) || 1);
  const failures: (WindowFailure<T> & { index: number })[] = [];
  let taken = 0;
  let inFlight = 0;
  let done = 0;
  let failed = 0;
  /** A `next()` of an async feed is pending. */
  let pulling = false;
  let ended = false;
  let feedError: { error: unknown } | undefined;
  const aborted = () => opts.signal?.aborted === true;
  const progress = () => opts.onProgress?.({ total: total ?? taken, settled: done + failed, done, failed, inFlight });

  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      opts.signal?.removeEventListener('abort', onAbort);
      failures.sort((a, b) => a.index - b.index);
      const result: WindowResult<T> = { done, failures: failures.map(({ item, error }) => ({ item, error })) };
      const end = () => (feedError ? reject(feedError.error) : resolve(result));
      if (ended || !it.return) return end();
      // A feed left early (stopped, or it threw) is closed before the run ends.
      let closing: unknown;
      try {
        closing = it.return();
      } catch {
        closing = undefined;
      }
      void Promise.resolve(closing).then(end, end);
    };

    const settle = (index: number, item: T, outcome: SendOutcome) => {
      if (outcome.ok) done++;
      else {
        failed++;
        failures.push({ index, item, error: outcome.error || 'failed' });
      }
    };

    const launch = (index: number, item: T) => {
      inFlight++;
      let answered = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const answer = (outcome: SendOutcome) => {
        if (answered) return;
        answered = true;
        if (timer !== undefined) clearTimeout(timer);
        inFlight--;
        settle(index, item, outcome);
        progress();
        pump();
      };
      if (opts.timeoutMs !== undefined) {
        const s = Math.round(opts.timeoutMs / 1000);
        timer = setTimeout(() => answer({ ok: false, error: `No answer within ${s} s: it may or may not have arrived.` }), opts.timeoutMs);
      }
      let p: Promise<SendOutcome>;
      try {
        p = Promise.resolve(send(item));
      } catch (e) {
        p = Promise.resolve({ ok: false, error: message(e) });
      }
      p.then(
        (r) => answer(r && typeof r.ok === 'boolean' ? r : { ok: false, error: 'No result.' }),
        (e) => answer({ ok: false, error: message(e) }),
      );
    };

    /** Sends (or, after an abort, fails unsent) the item the feed gave. */
    const take = (r: IteratorResult<T>) => {
      if (r.done) {
        ended = true;
        return;
      }
      const index = taken++;
      if (aborted()) settle(index, r.value, { ok: false, error: STOPPED });
      else launch(index, r.value);
    };

    const pull = () => {
      let r: IteratorResult<T> | Promise<IteratorResult<T>>;
      try {
        r = it.next();
      } catch (e) {
        feedError = { error: e };
        return;
      }
      if (typeof (r as Partial<PromiseLike<unknown>>).then !== 'function') return take(r as IteratorResult<T>);
      pulling = true;
      (r as Promise<IteratorResult<T>>).then(
        (x) => {
          pulling = false;
          take(x);
          pump();
        },
        (e: unknown) => {
          pulling = false;
          feedError = { error: e };
          pump();
        },
      );
    };

    const pump = () => {
      if (finished) return;
      // A list fails every item left at once; a feed is not read any further.
      if (aborted() && total !== undefined) while (!ended && !feedError) pull();
      while (inFlight < window && !pulling && !ended && !feedError && !aborted()) pull();
      if (inFlight === 0 && !pulling && (ended || feedError || aborted())) finish();
    };

    const onAbort = () => {
      pump();
      progress();
    };
    opts.signal?.addEventListener('abort', onAbort);
    progress();
    pump();
  });
}

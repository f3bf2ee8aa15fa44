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
  const window = Math.max(1, Math.floor(opts.window) || 1);
  const total = items.length;
  const errors: (string | undefined)[] = new Array(total);
  let next = 0;
  let inFlight = 0;
  let done = 0;
  let failed = 0;
  const progress = () => opts.onProgress?.({ total, settled: done + failed, done, failed, inFlight });

  return new Promise((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      opts.signal?.removeEventListener('abort', onAbort);
      const failures: WindowFailure<T>[] = [];
      for (let i = 0; i < total; i++) if (errors[i] !== undefined) failures.push({ item: items[i], error: errors[i]! });
      resolve({ done, failures });
    };

    const settle = (i: number, outcome: SendOutcome) => {
      if (outcome.ok) done++;
      else {
        failed++;
        errors[i] = outcome.error || 'failed';
      }
    };

    const launch = (i: number) => {
      inFlight++;
      let answered = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const answer = (outcome: SendOutcome) => {
        if (answered) return;
        answered = true;
        if (timer !== undefined) clearTimeout(timer);
        inFlight--;
        settle(i, outcome);
        progress();
        pump();
      };
      if (opts.timeoutMs !== undefined) {
        const s = Math.round(opts.timeoutMs / 1000);
        timer = setTimeout(() => answer({ ok: false, error: `No answer within ${s} s: it may or may not have arrived.` }), opts.timeoutMs);
      }
      let p: Promise<SendOutcome>;
      try {
        p = Promise.resolve(send(items[i]));
      } catch (e) {
        p = Promise.resolve({ ok: false, error: message(e) });
      }
      p.then(
        (r) => answer(r && typeof r.ok === 'boolean' ? r : { ok: false, error: 'No result.' }),
        (e) => answer({ ok: false, error: message(e) }),
      );
    };

    const pump = () => {
      if (opts.signal?.aborted) {
        while (next < total) {
          settle(next++, { ok: false, error: STOPPED });
        }
      }
      while (inFlight < window && next < total) launch(next++);
      if (inFlight === 0 && next >= total) finish();
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

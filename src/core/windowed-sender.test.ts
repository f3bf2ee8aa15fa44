import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendWindowed, sendWindowedFeed, STOPPED, windowFor, WINDOW_CAP, WINDOW_DEFAULT_V4, type SendOutcome, type WindowProgress } from './windowed-sender';

/**
 * A broker that allows at most `receiveMaximum` unacknowledged publishes, like Mosquitto with
 * MQTT 5: one more and it records a violation and answers "Quota exceeded". It acknowledges
 * in a scrambled order, a few at a time, each time the test pumps it.
 */
class FakeBroker {
  outstanding: { id: number; ack: (r: SendOutcome) => void }[] = [];
  maxOutstanding = 0;
  violations = 0;
  received = new Set<number>();
  private seed = 12345;

  constructor(readonly receiveMaximum: number) {}

  publish = (id: number): Promise<SendOutcome> => {
    if (this.outstanding.length >= this.receiveMaximum) {
      this.violations++;
      return Promise.resolve({ ok: false, error: 'Quota exceeded' });
    }
    return new Promise((ack) => {
      this.outstanding.push({ id, ack });
      this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding.length);
    });
  };

  private random(n: number): number {
    this.seed = (this.seed * 1103515245 + 12345) & 0x7fffffff;
    return this.seed % n;
  }

  /** Acknowledges between 1 and all outstanding publishes, in a scrambled order. */
  ackSome(): void {
    const count = 1 + this.random(this.outstanding.length);
    for (let k = 0; k < count && this.outstanding.length; k++) {
      const [p] = this.outstanding.splice(this.random(this.outstanding.length), 1);
      this.received.add(p.id);
      p.ack({ ok: true });
    }
  }
}

/** Runs the broker until the sender has finished (no timers: macrotask turns only). */
async function drive<T>(broker: FakeBroker, run: Promise<T>): Promise<T> {
  let finished = false;
  const result = run.then((r) => {
    finished = true;
    return r;
  });
  while (!finished) {
    await new Promise((r) => setImmediate(r));
    broker.ackSome();
  }
  return result;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('windowFor', () => {
  it.each([
    [20, 5, 18],
    [5, 5, 4],
    [2, 5, 2],
    [1, 5, 1],
    [65_535, 5, WINDOW_CAP],
    [undefined, 5, WINDOW_CAP],
    [0, 5, WINDOW_CAP],
    [20, 4, WINDOW_DEFAULT_V4],
    [undefined, undefined, WINDOW_DEFAULT_V4],
  ])('receive maximum %s on MQTT %s gives a window of %s', (rm, v, want) => {
    expect(windowFor(rm, v as 4 | 5 | undefined)).toBe(want);
  });
});

describe('sendWindowed', () => {
  it('sends 70,000 publishes to a broker that allows 20 in flight without ever exceeding it, and reports all done', async () => {
    const broker = new FakeBroker(20);
    const items = Array.from({ length: 70_000 }, (_, i) => i);
    let last: WindowProgress | undefined;
    let progressCalls = 0;
    const result = await drive(
      broker,
      sendWindowed(items, broker.publish, {
        window: windowFor(20, 5),
        onProgress: (p) => {
          progressCalls++;
          if (last) expect(p.settled).toBeGreaterThanOrEqual(last.settled);
          expect(p.inFlight).toBeLessThanOrEqual(20);
          last = p;
        },
      }),
    );
    expect(broker.violations).toBe(0);
    expect(broker.maxOutstanding).toBeLessThanOrEqual(20);
    expect(broker.maxOutstanding).toBeGreaterThan(1); // it did keep a window open, not one at a time
    expect(result.failures).toEqual([]);
    expect(result.done).toBe(70_000);
    expect(broker.received.size).toBe(70_000);
    expect(last).toEqual({ total: 70_000, settled: 70_000, done: 70_000, failed: 0, inFlight: 0 });
    expect(progressCalls).toBeGreaterThan(70_000);
  }, 60_000); // 70,000 round trips: seconds on a loaded 2-core machine, not a timing check

  it('a fake broker catches flooding: everything at once (the old way) exceeds its 20 in flight', async () => {
    const broker = new FakeBroker(20);
    const items = Array.from({ length: 100 }, (_, i) => i);
    const result = await drive(broker, sendWindowed(items, broker.publish, { window: items.length }));
    expect(broker.violations).toBe(80);
    expect(result.failures).toHaveLength(80);
  });

  it('collects failures (rejections, thrown errors and refusals alike), and a retry of only the failed ones completes the set', async () => {
    const attempts = new Map<number, number>();
    const flaky = async (i: number): Promise<SendOutcome> => {
      const n = (attempts.get(i) ?? 0) + 1;
      attempts.set(i, n);
      if (n === 1 && i % 7 === 0) return { ok: false, error: 'Quota exceeded' };
      if (n === 1 && i % 11 === 0) throw new Error('socket closed');
      if (n === 1 && i === 5) return Promise.reject(new Error('rejected'));
      return { ok: true };
    };
    const items = Array.from({ length: 100 }, (_, i) => i);
    const first = await sendWindowed(items, flaky, { window: 8 });
    const failedIds = first.failures.map((f) => f.item);
    const expected = items.filter((i) => i % 7 === 0 || i % 11 === 0 || i === 5);
    expect(failedIds).toEqual(expected);
    expect(first.done).toBe(100 - expected.length);
    expect(first.failures.find((f) => f.item === 7)?.error).toBe('Quota exceeded');
    expect(first.failures.find((f) => f.item === 11)?.error).toBe('socket closed');
    expect(first.failures.find((f) => f.item === 5)?.error).toBe('rejected');

    const retry = await sendWindowed(failedIds, flaky, { window: 8 });
    expect(retry).toEqual({ done: expected.length, failures: [] });
    // Only the failed ones were sent again.
    for (const i of items) expect(attempts.get(i)).toBe(expected.includes(i) ? 2 : 1);
  });

  it('stopping fails what was not sent yet, still answers what was in flight, and resolves', async () => {
    const broker = new FakeBroker(20);
    const stop = new AbortController();
    const items = Array.from({ length: 100 }, (_, i) => i);
    const run = sendWindowed(items, broker.publish, {
      window: 10,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.settled === 25) stop.abort();
      },
    });
    const result = await drive(broker, run);
    const stopped = result.failures.filter((f) => f.error === STOPPED);
    expect(result.done + result.failures.length).toBe(100);
    expect(result.done).toBeGreaterThanOrEqual(25);
    expect(result.done).toBeLessThanOrEqual(35);
    expect(stopped.length).toBe(100 - result.done);
    expect(broker.received.size).toBe(result.done);
  });

  it('a request that is never answered fails after the timeout instead of leaving the run busy forever', async () => {
    vi.useFakeTimers();
    const never = (i: number): Promise<SendOutcome> => (i === 3 ? new Promise(() => {}) : Promise.resolve({ ok: true }));
    const run = sendWindowed([1, 2, 3, 4], never, { window: 2, timeoutMs: 60_000 });
    await vi.advanceTimersByTimeAsync(60_000);
    const result = await run;
    expect(result.done).toBe(3);
    expect(result.failures).toEqual([{ item: 3, error: 'No answer within 60 s: it may or may not have arrived.' }]);
  });

  it('an empty list resolves at once with nothing done', async () => {
    expect(await sendWindowed([], () => Promise.resolve({ ok: true }), { window: 5 })).toEqual({ done: 0, failures: [] });
  });
});

describe('sendWindowedFeed', () => {
  /** A feed of `parts` lists of `size` ids, one part per (asynchronous) step, counting what was taken and whether it was closed. */
  function partsFeed(parts: number, size: number, opts: { failAfter?: number } = {}) {
    const state = { taken: 0, closed: false };
    async function* feed() {
      try {
        for (let p = 0; p < parts; p++) {
          if (opts.failAfter === p) throw new Error('could not read part ' + p);
          await new Promise((r) => setImmediate(r));
          for (let i = 0; i < size; i++) {
            state.taken++;
            yield p * size + i;
          }
        }
      } finally {
        state.closed = true;
      }
    }
    return { feed: feed(), state };
  }

  it('keeps one window full across the parts of a feed, never exceeding it, and takes items only as slots free up', async () => {
    const broker = new FakeBroker(20);
    const { feed, state } = partsFeed(50, 7);
    let aheadMost = 0;
    const result = await drive(
      broker,
      sendWindowedFeed(feed, broker.publish, {
        window: 18,
        onProgress: (p) => (aheadMost = Math.max(aheadMost, state.taken - p.settled)),
      }),
    );
    expect(result).toEqual({ done: 350, failures: [] });
    expect(broker.violations).toBe(0);
    expect(broker.received.size).toBe(350);
    // Parts of 7 sent one window per part could never have more than 7 out.
    expect(broker.maxOutstanding).toBe(18);
    expect(aheadMost).toBeLessThanOrEqual(18);
  });

  it('stopping takes nothing more from the feed, closes it, still answers what was in flight, and resolves', async () => {
    const broker = new FakeBroker(20);
    const stop = new AbortController();
    const { feed, state } = partsFeed(1000, 10);
    const result = await drive(
      broker,
      sendWindowedFeed(feed, broker.publish, {
        window: 10,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.settled === 25) stop.abort();
        },
      }),
    );
    expect(state.closed).toBe(true);
    expect(state.taken).toBeLessThanOrEqual(40);
    expect(result.done).toBe(broker.received.size);
    expect(result.done).toBeGreaterThanOrEqual(25);
    expect(result.failures.every((f) => f.error === STOPPED)).toBe(true);
  });

  it('a feed that throws: what was taken is still sent and answered, then the run rejects with its error', async () => {
    const broker = new FakeBroker(20);
    const { feed, state } = partsFeed(10, 5, { failAfter: 3 });
    const run = sendWindowedFeed(feed, broker.publish, { window: 8 });
    const outcome = drive(
      broker,
      run.then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
    );
    expect(await outcome).toBe('could not read part 3');
    expect(state.taken).toBe(15);
    expect(broker.received.size).toBe(15);
    expect(state.closed).toBe(true);
  });

  it('takes a plain iterable too, and an empty feed resolves with nothing done', async () => {
    const seen: number[] = [];
    const send = (i: number) => {
      seen.push(i);
      return Promise.resolve<SendOutcome>(i === 2 ? { ok: false, error: 'refused' } : { ok: true });
    };
    expect(await sendWindowedFeed(new Set([1, 2, 3]), send, { window: 2 })).toEqual({ done: 2, failures: [{ item: 2, error: 'refused' }] });
    expect(seen).toEqual([1, 2, 3]);
    expect(await sendWindowedFeed((async function* () {})(), send, { window: 2 })).toEqual({ done: 0, failures: [] });
  });
});

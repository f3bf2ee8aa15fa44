import { describe, expect, it } from 'vitest';
import { packChunk, type RecordedMessage } from '../../core/recording-chunk';
import type { ReplaySettings } from '../../core/replay-schedule';
import type { PublishRequest } from '../../core/connection';
import type { SendOutcome } from '../../core/windowed-sender';
import { runReplay, type ReplayDeps } from './replay-run';

const msg = (time: number, topic: string, extra: Partial<RecordedMessage> = {}): RecordedMessage => ({
  time,
  topic,
  qos: 0,
  retain: false,
  payload: new Uint8Array([time & 255]),
  ...extra,
});

/** A fake clock: sleeps resolve in order of their due time, the clock jumping to it (no real waiting). */
function fakeTime() {
  let now = 0;
  const timers: { due: number; resolve: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        timers.push({ due: now + ms, resolve });
        signal.addEventListener('abort', () => resolve(), { once: true });
      }),
    async drive<T>(p: Promise<T>): Promise<T> {
      let done = false;
      void p.finally(() => (done = true));
      while (!done) {
        await new Promise((r) => setTimeout(r, 0));
        if (timers.length) {
          timers.sort((a, b) => a.due - b.due);
          const t = timers.shift()!;
          now = Math.max(now, t.due);
          t.resolve();
        }
      }
      return p;
    },
  };
}

async function* chunksOf(...chunks: RecordedMessage[][]) {
  for (const c of chunks) yield packChunk(c);
}

const settings = (s: Partial<ReplaySettings> = {}): ReplaySettings => ({ speed: 1, prefix: '', qos: 'recorded', retain: 'recorded', ...s });

function setup(chunks: RecordedMessage[][], opts: { window?: number; answer?: (req: PublishRequest) => Promise<SendOutcome> } = {}) {
  const time = fakeTime();
  const published: { req: PublishRequest; at: number }[] = [];
  let lost: string | null = null;
  const deps: ReplayDeps = {
    chunks: chunksOf(...chunks),
    window: opts.window ?? 10,
    now: time.now,
    sleep: time.sleep,
    connectionLost: () => lost,
    publish: (req) => {
      published.push({ req, at: time.now() });
      return opts.answer ? opts.answer(req) : Promise.resolve({ ok: true });
    },
  };
  return { time, published, deps, loseConnection: (why: string) => (lost = why) };
}

const recording = [
  [msg(1000, 'plant/a'), msg(1100, 'plant/b', { qos: 1, retain: true }), msg(1350, 'plant/c', { qos: 2 })],
  [msg(2350, 'plant/d', { properties: { userProperties: { k: 'v' } } })],
];

describe('runReplay', () => {
  it('keeps the recorded gaps at 1x, from a fixed start, across chunks', async () => {
    const { time, published, deps } = setup(recording);
    const r = await time.drive(runReplay(settings(), deps, new AbortController().signal));
    expect(r).toEqual({ end: 'done', sent: 4, failed: 0, errors: [] });
    expect(published.map((p) => p.at)).toEqual([0, 100, 350, 1350]);
    expect(published.map((p) => p.req.topic)).toEqual(['plant/a', 'plant/b', 'plant/c', 'plant/d']);
  });

  it('with a time range and topic filter sends only those messages, timed from the first selected one', async () => {
    const { time, published, deps } = setup(recording);
    const r = await time.drive(runReplay(settings({ selection: { from: 1100, to: 2351, filter: 'plant/+' } }), deps, new AbortController().signal));
    expect(r).toEqual({ end: 'done', sent: 3, failed: 0, errors: [] });
    expect(published.map((p) => [p.req.topic, p.at])).toEqual([
      ['plant/b', 0],
      ['plant/c', 250],
      ['plant/d', 1250],
    ]);
    const filtered = setup(recording);
    await filtered.time.drive(runReplay(settings({ selection: { filter: 'plant/d' } }), filtered.deps, new AbortController().signal));
    expect(filtered.published.map((p) => [p.req.topic, p.at])).toEqual([['plant/d', 0]]);
    const ended = setup(recording);
    await ended.time.drive(runReplay(settings({ selection: { to: 1350 } }), ended.deps, new AbortController().signal));
    expect(ended.published.map((p) => [p.req.topic, p.at])).toEqual([
      ['plant/a', 0],
      ['plant/b', 100],
    ]);
  });

  it('reads the next chunk while this one is sent, so a slow read does not make its first message late', async () => {
    const s = setup([]);
    // Each chunk after the first takes 300 ms to read; chunk 1 spans 0-900 ms, chunk 2 1,000-1,500 ms, chunk 3 starts at 1,600 ms.
    const chunks = [[msg(1000, 'a'), msg(1900, 'b')], [msg(2000, 'c'), msg(2500, 'd')], [msg(2600, 'e')]];
    s.deps.chunks = (async function* () {
      for (let i = 0; i < chunks.length; i++) {
        if (i > 0) await s.time.sleep(300, new AbortController().signal);
        yield packChunk(chunks[i]);
      }
    })();
    await s.time.drive(runReplay(settings(), s.deps, new AbortController().signal));
    expect(s.published.map((p) => [p.req.topic, p.at])).toEqual([
      ['a', 0],
      ['b', 900],
      ['c', 1000],
      ['d', 1500],
      ['e', 1600],
    ]);
  });

  it('does not hold the next chunk back until every publish of this one is answered', async () => {
    // Chunk 1's last publish (QoS 1) is answered only at 5,000 ms; chunk 2's first message is due at 300 ms.
    const s = setup([[msg(1000, 'a', { qos: 1 }), msg(1100, 'b', { qos: 1 })], [msg(1300, 'c', { qos: 1 }), msg(1400, 'd', { qos: 1 })]], {
      answer: (req) => (req.topic === 'b' ? s.time.sleep(5000, new AbortController().signal).then(() => ({ ok: true })) : Promise.resolve({ ok: true })),
    });
    const r = await s.time.drive(runReplay(settings(), s.deps, new AbortController().signal));
    expect(r).toEqual({ end: 'done', sent: 4, failed: 0, errors: [] });
    expect(s.published.map((p) => [p.req.topic, p.at])).toEqual([
      ['a', 0],
      ['b', 100],
      ['c', 300],
      ['d', 400],
    ]);
  });

  it('keeps the window full across chunk boundaries, never more than the window outstanding', async () => {
    // 12 chunks of 2 messages, as fast as possible, answers slower than the sending: a window of 4
    // stays full from one chunk to the next (per-chunk windows would never have more than 2 out).
    const chunks = Array.from({ length: 12 }, (_, c) => [msg(1000 + 2 * c, `t/${2 * c}`, { qos: 1 }), msg(1001 + 2 * c, `t/${2 * c + 1}`, { qos: 1 })]);
    let outstanding = 0;
    let most = 0;
    const s = setup(chunks, {
      window: 4,
      answer: () => {
        outstanding++;
        most = Math.max(most, outstanding);
        return s.time.sleep(50, new AbortController().signal).then(() => {
          outstanding--;
          return { ok: true };
        });
      },
    });
    const r = await s.time.drive(runReplay(settings({ speed: 'max' }), s.deps, new AbortController().signal));
    expect(r).toEqual({ end: 'done', sent: 24, failed: 0, errors: [] });
    expect(most).toBe(4);
    expect(s.published.map((p) => p.req.topic)).toEqual(chunks.flat().map((m) => m.topic));
  });

  it('a chunk that cannot be read ends the replay with the reason, after what came before it went', async () => {
    const s = setup([]);
    s.deps.chunks = (async function* () {
      yield packChunk([msg(1000, 'a'), msg(1100, 'b')]);
      throw new Error('the database went away');
    })();
    const r = await s.time.drive(runReplay(settings(), s.deps, new AbortController().signal));
    expect(r).toEqual({ end: 'error', sent: 2, failed: 0, errors: [], reason: 'Could not read the recording: the database went away' });
    expect(s.published.map((p) => [p.req.topic, p.at])).toEqual([
      ['a', 0],
      ['b', 100],
    ]);
  });

  it('divides the gaps by the speed, and does not wait at all as fast as possible', async () => {
    const ten = setup(recording);
    await ten.time.drive(runReplay(settings({ speed: 10 }), ten.deps, new AbortController().signal));
    expect(ten.published.map((p) => p.at)).toEqual([0, 10, 35, 135]);
    const max = setup(recording);
    await max.time.drive(runReplay(settings({ speed: 'max' }), max.deps, new AbortController().signal));
    expect(max.published.map((p) => p.at)).toEqual([0, 0, 0, 0]);
  });

  it('rewrites topics with the prefix and applies the QoS / retain choices, keeping payloads and properties', async () => {
    const { time, published, deps } = setup(recording);
    await time.drive(runReplay(settings({ prefix: 'test/', qos: 0, retain: 'off' }), deps, new AbortController().signal));
    expect(published.map((p) => [p.req.topic, p.req.qos, p.req.retain])).toEqual([
      ['test/plant/a', 0, false],
      ['test/plant/b', 0, false],
      ['test/plant/c', 0, false],
      ['test/plant/d', 0, false],
    ]);
    expect(published[3].req.properties).toEqual({ userProperties: { k: 'v' } });
    expect([...published[1].req.payload]).toEqual([1100 & 255]);
    const asRecorded = setup(recording);
    await asRecorded.time.drive(runReplay(settings(), asRecorded.deps, new AbortController().signal));
    expect(asRecorded.published.map((p) => [p.req.qos, p.req.retain])).toEqual([
      [0, false],
      [1, true],
      [2, false],
      [0, false],
    ]);
  });

  it('stops on Stop: nothing more is published, and it says how many were sent', async () => {
    const stop = new AbortController();
    const { time, published, deps } = setup(recording, {
      answer: () => {
        if (published.length === 2) stop.abort();
        return Promise.resolve({ ok: true });
      },
    });
    const r = await time.drive(runReplay(settings(), deps, stop.signal));
    expect(r.end).toBe('stopped');
    expect(r.sent).toBe(2);
    expect(published).toHaveLength(2);
  });

  it('stops with the reason when the connection is lost', async () => {
    const s = setup(recording, {
      answer: () => {
        if (s.published.length === 3) s.loseConnection('Connection lost: the broker closed it.');
        return Promise.resolve({ ok: true });
      },
    });
    const r = await s.time.drive(runReplay(settings(), s.deps, new AbortController().signal));
    expect(r).toMatchObject({ end: 'lost', sent: 3, reason: 'Connection lost: the broker closed it.' });
    expect(s.published).toHaveLength(3);
  });

  it('never has more than the window outstanding', async () => {
    const many = [Array.from({ length: 40 }, (_, i) => msg(1000 + i, `t/${i}`, { qos: 1 }))];
    let outstanding = 0;
    let most = 0;
    const s = setup(many, {
      window: 3,
      answer: () => {
        outstanding++;
        most = Math.max(most, outstanding);
        return new Promise((r) =>
          setTimeout(() => {
            outstanding--;
            r({ ok: true });
          }, 0),
        );
      },
    });
    const r = await s.time.drive(runReplay(settings({ speed: 'max' }), s.deps, new AbortController().signal));
    expect(r.sent).toBe(40);
    expect(most).toBe(3);
    expect(s.published.map((p) => p.req.topic)).toEqual(many[0].map((m) => m.topic));
  });

  it('counts a topic that cannot be published as failed and goes on', async () => {
    const s = setup([[msg(1, '$SYS/x'), msg(2, 'ok')]]);
    const r = await s.time.drive(runReplay(settings(), s.deps, new AbortController().signal));
    expect(r).toMatchObject({ end: 'done', sent: 1, failed: 1 });
    expect(r.errors[0]).toMatch(/reserved/);
    expect(s.published.map((p) => p.req.topic)).toEqual(['ok']);
  });
});

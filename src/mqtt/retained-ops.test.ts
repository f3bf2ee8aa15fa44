import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FetchedRetained, ResultEvent } from './protocol';
import type { RetainedEntry } from '../core/retained-file';

const fake = vi.hoisted(() => ({
  fetched: [] as FetchedRetained[],
  fetchError: undefined as string | undefined,
  fetchCalls: [] as string[][],
  published: [] as { topic: string; payload: Uint8Array; qos: number; retain?: boolean; properties?: unknown }[],
  /** What the broker answers per topic (default: ok). */
  answers: new Map<string, { ok: false; error?: string; reasonCode?: number }>(),
  outstanding: 0,
  maxOutstanding: 0,
}));

vi.mock('./session', () => ({
  session: {
    fetchRetained: async (topics: string[]): Promise<ResultEvent> => {
      fake.fetchCalls.push(topics);
      return fake.fetchError
        ? { type: 'result', id: 1, ok: false, error: fake.fetchError }
        : { type: 'result', id: 1, ok: true, retained: fake.fetched };
    },
    publish: async (req: { topic: string; payload: Uint8Array; qos: number; retain?: boolean; properties?: unknown }): Promise<ResultEvent> => {
      fake.published.push(req);
      fake.outstanding++;
      fake.maxOutstanding = Math.max(fake.maxOutstanding, fake.outstanding);
      await new Promise((r) => setImmediate(r));
      fake.outstanding--;
      return { type: 'result', id: 1, ok: true, ...fake.answers.get(req.topic) };
    },
  },
}));

const { withFullPayloads, publishEntries, refusalMessage, snapshotForDeletion, deleteOp, restoreOp } = await import('./retained-ops');
const { useSnapshotsStore } = await import('../stores/retained-snapshots');
const { hasUnfinishedWork } = await import('../lib/leave-guard');

const full = Uint8Array.from({ length: 10 }, (_, i) => i);
const partial: RetainedEntry = { topic: 'big', payload: full.slice(0, 4), qos: 1, size: 10 };
const small: RetainedEntry = { topic: 'small', payload: new Uint8Array([7]), qos: 0, size: 1 };

beforeEach(() => {
  fake.fetched = [];
  fake.fetchError = undefined;
  fake.fetchCalls = [];
  fake.published = [];
  fake.answers = new Map();
  fake.maxOutstanding = 0;
});

describe('withFullPayloads', () => {
  it('asks the broker only when something is partial', async () => {
    expect(await withFullPayloads([small])).toEqual({ ok: true, entries: [small] });
    expect(fake.fetchCalls).toEqual([]);
  });

  it('replaces a partial payload with the full bytes read back, in order', async () => {
    fake.fetched = [{ topic: 'big', payload: full, qos: 2 }];
    const r = await withFullPayloads([small, partial]);
    expect(fake.fetchCalls).toEqual([['big']]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.entries.map((e) => e.topic)).toEqual(['small', 'big']);
      expect([...r.entries[1].payload]).toEqual([...full]);
      expect(r.entries[1].size).toBe(10);
    }
  });

  it.each([
    ['gone from the broker', [], /did not send it back/],
    ['a different size now', [{ topic: 'big', payload: full.slice(0, 9), qos: 1 as const }], /changed on the broker.*9 bytes/],
    ['other first bytes', [{ topic: 'big', payload: full.map((b) => b ^ 1), qos: 1 as const }], /changed on the broker/],
  ])('refuses when the payload is %s', async (_name, fetched, reason) => {
    fake.fetched = fetched;
    const r = await withFullPayloads([small, partial]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refused).toHaveLength(1);
      expect(r.refused[0].topic).toBe('big');
      expect(r.refused[0].reason).toMatch(reason);
    }
  });

  it('refuses every partial entry when the read-back connection fails, and says so', async () => {
    fake.fetchError = 'Connection refused: Not authorized';
    const r = await withFullPayloads([partial]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(refusalMessage('deleted', r.refused, [partial])).toMatch(
        /^Nothing was deleted\..*big \(10 bytes, 4 bytes kept\): Connection refused: Not authorized/,
      );
    }
  });
});

describe('publishEntries', () => {
  it('never publishes a partial entry: it fails with a reason, the others go out', async () => {
    const r = await publishEntries([partial, small]);
    expect(r.done).toBe(1);
    expect(r.failures.map((f) => [f.topic, f.error])).toEqual([['big', 'only 4 bytes of 10 bytes are at hand: publishing would lose the rest']]);
    expect(fake.published.map((p) => p.topic)).toEqual(['small']);
  });
});

describe('bulk operations together', () => {
  it('run one after another, so that two at once never exceed the window (10 on 3.1.1)', async () => {
    const set = (p: string) => Array.from({ length: 30 }, (_, i): RetainedEntry => ({ topic: `${p}/${i}`, payload: new Uint8Array([i + 1]), qos: 1 }));
    const [a, b] = await Promise.all([publishEntries(set('a')), publishEntries(set('b'))]);
    expect(a.done + b.done).toBe(60);
    expect(fake.maxOutstanding).toBeGreaterThan(1);
    expect(fake.maxOutstanding).toBeLessThanOrEqual(10);
    expect(fake.published.slice(0, 30).every((p) => p.topic.startsWith('a/'))).toBe(true);
  });

  it('wait for a running Replay (the other bulk publisher) to end, and a Replay waits for them', async () => {
    const { runBulk } = await import('./bulk-queue');
    const set = (p: string) => Array.from({ length: 5 }, (_, i): RetainedEntry => ({ topic: `${p}/${i}`, payload: new Uint8Array([i + 1]), qos: 1 }));
    // A replay runs inside runBulk (features/recordings/replay-recording.ts) until it ends.
    let endReplay!: () => void;
    const replay = runBulk(() => new Promise<void>((r) => (endReplay = r)));
    const restore = publishEntries(set('restore'));
    await vi.waitFor(() => expect(endReplay).toBeTypeOf('function'));
    await new Promise((r) => setTimeout(r, 30));
    expect(fake.published.filter((p) => p.topic.startsWith('restore/'))).toHaveLength(0);
    endReplay();
    await replay;
    expect((await restore).done).toBe(5);
    // And a replay asked for while a restore sends starts after it.
    const restore2 = publishEntries(set('r2'));
    const seenByReplay = await runBulk(async () => ({ sent: fake.published.filter((p) => p.topic.startsWith('r2/')).length, outstanding: fake.outstanding }));
    expect(seenByReplay).toEqual({ sent: 5, outstanding: 0 });
    expect((await restore2).done).toBe(5);
  });
});

const snapshotOf = (id: number) => useSnapshotsStore.getState().snapshots.find((s) => s.id === id);
const entry = (topic: string, bytes: number[], qos: 0 | 1 | 2 = 1, extra: Partial<RetainedEntry> = {}): RetainedEntry => ({
  topic,
  payload: new Uint8Array(bytes),
  qos,
  ...extra,
});

describe('snapshotForDeletion', () => {
  it('refuses an entry the app holds only in part, naming its topic, and keeps no snapshot', () => {
    const before = useSnapshotsStore.getState().snapshots.length;
    expect(() => snapshotForDeletion([small, partial], 'Deleted 2')).toThrow('big: a snapshot must hold every byte.');
    expect(useSnapshotsStore.getState().snapshots).toHaveLength(before);
  });

  it('keeps every entry for Restore, shown as deleting until the deletion ends', () => {
    const snap = snapshotForDeletion([small], 'Deleted 1 retained message');
    expect(snapshotOf(snap.id)).toMatchObject({ label: 'Deleted 1 retained message', entries: [small], deleting: true });
  });
});

describe('deleteOp', () => {
  it('publishes an empty retained QoS 1 message to each topic, without the message properties', async () => {
    const entries = [entry('home/lamp', [1, 2, 3], 0, { properties: { contentType: 'text/plain' } }), entry('home/door', [9], 2)];
    const snap = snapshotForDeletion(entries, 'Deleted 2');
    const r = await deleteOp(() => snap)(entries);
    expect(r).toEqual({ done: 2, failures: [] });
    expect(fake.published).toEqual([
      { topic: 'home/lamp', payload: new Uint8Array(0), qos: 1, retain: true, properties: undefined },
      { topic: 'home/door', payload: new Uint8Array(0), qos: 1, retain: true, properties: undefined },
    ]);
    expect(snapshotOf(snap.id)?.deleting).toBe(false);
  });

  it('never publishes to a wildcard or $ topic: those fail with a reason, the others are deleted', async () => {
    const entries = [entry('a/+/b', [1]), entry('$SYS/broker/uptime', [1]), entry('a/#', [1]), entry('plain', [1])];
    const r = await deleteOp(() => null)(entries);
    expect(fake.published.map((p) => p.topic)).toEqual(['plain']);
    expect(r.done).toBe(1);
    expect(r.failures.map((f) => [f.topic, f.error])).toEqual([
      ['a/+/b', 'Not a concrete topic that clients may publish to.'],
      ['$SYS/broker/uptime', 'Not a concrete topic that clients may publish to.'],
      ['a/#', 'Not a concrete topic that clients may publish to.'],
    ]);
  });

  it('while it runs the snapshot shows as deleting and leaving the page asks first', async () => {
    const entries = [entry('x/1', [1]), entry('x/2', [2])];
    const snap = snapshotForDeletion(entries, 'Deleted 2');
    const seen: { deleting?: boolean; guarded: boolean }[] = [];
    await deleteOp(() => snap)(entries, { onProgress: () => seen.push({ deleting: snapshotOf(snap.id)?.deleting, guarded: hasUnfinishedWork() }) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.deleting === true && s.guarded)).toBe(true);
    expect(snapshotOf(snap.id)?.deleting).toBe(false);
    expect(hasUnfinishedWork()).toBe(false);
  });

  it('reports progress up to every entry answered, failures counted', async () => {
    fake.answers.set('t/2', { ok: false, error: 'Not authorized' });
    const progress: unknown[] = [];
    await deleteOp(() => null)([entry('t/1', [1]), entry('t/2', [1]), entry('t/3', [1])], { onProgress: (p) => progress.push(p) });
    expect(progress[0]).toEqual({ total: 3, settled: 0, done: 0, failed: 0, inFlight: 0 });
    expect(progress.at(-1)).toEqual({ total: 3, settled: 3, done: 2, failed: 1, inFlight: 0 });
  });

  it("lists each refusal with the broker's reason, and a retry of the failed ones publishes only those", async () => {
    fake.answers.set('b', { ok: false, reasonCode: 135 });
    fake.answers.set('c', { ok: false, error: 'Connection lost before the broker answered' });
    const entries = [entry('a', [1]), entry('b', [2]), entry('c', [3])];
    const snap = snapshotForDeletion(entries, 'Deleted 3');
    const op = deleteOp(() => snap);
    const r = await op(entries);
    expect(r.done).toBe(1);
    expect(r.failures.map((f) => [f.topic, f.error])).toEqual([
      ['b', 'reason code 135'],
      ['c', 'Connection lost before the broker answered'],
    ]);
    fake.answers.clear();
    fake.published = [];
    const again = await op(r.failures.map((f) => f.entry));
    expect(again).toEqual({ done: 2, failures: [] });
    expect(fake.published.map((p) => [p.topic, p.payload.length, p.qos, p.retain])).toEqual([
      ['b', 0, 1, true],
      ['c', 0, 1, true],
    ]);
  });

  it('Stop fails the entries not sent yet; those sent still get their answer', async () => {
    const stop = new AbortController();
    const entries = Array.from({ length: 15 }, (_, i) => entry(`s/${i}`, [i]));
    const r = await deleteOp(() => null)(entries, { signal: stop.signal, onProgress: (p) => p.settled === 1 && stop.abort() });
    // 3.1.1 window: 10 in flight at once, all answered; the 5 still waiting are never sent.
    expect(fake.published).toHaveLength(10);
    expect(r.done).toBe(10);
    expect(r.failures.map((f) => f.topic)).toEqual(['s/10', 's/11', 's/12', 's/13', 's/14']);
    expect(new Set(r.failures.map((f) => f.error))).toEqual(new Set(['Stopped before it was sent.']));
  });
});

describe('restoreOp', () => {
  it('republishes every message byte for byte, retained, with its QoS and properties, and marks the snapshot restored', async () => {
    const entries = [entry('r/1', [0, 255, 7], 2, { properties: { contentType: 'application/octet-stream' } }), entry('r/2', [42], 0)];
    const snap = snapshotForDeletion(entries, 'Deleted 2');
    const restoring: (boolean | undefined)[] = [];
    const r = await restoreOp(snap)(entries, { onProgress: () => restoring.push(snapshotOf(snap.id)?.restoring) });
    expect(r).toEqual({ done: 2, failures: [] });
    expect(fake.published).toEqual([
      { topic: 'r/1', payload: new Uint8Array([0, 255, 7]), qos: 2, retain: true, properties: { contentType: 'application/octet-stream' } },
      { topic: 'r/2', payload: new Uint8Array([42]), qos: 0, retain: true, properties: undefined },
    ]);
    expect(restoring.every((x) => x === true)).toBe(true);
    expect(snapshotOf(snap.id)).toMatchObject({ restoring: false, restoredAt: expect.any(Number) });
  });

  it('is not marked restored while some failed; a retry of the failed ones completes it', async () => {
    fake.answers.set('r/b', { ok: false, error: 'Quota exceeded' });
    const entries = [entry('r/a', [1]), entry('r/b', [2])];
    const snap = snapshotForDeletion(entries, 'Deleted 2');
    const op = restoreOp(snap);
    const r = await op(entries);
    expect(r.failures.map((f) => [f.topic, f.error])).toEqual([['r/b', 'Quota exceeded']]);
    expect(snapshotOf(snap.id)?.restoredAt).toBeUndefined();
    fake.answers.clear();
    fake.published = [];
    await op(r.failures.map((f) => f.entry));
    expect(fake.published.map((p) => p.topic)).toEqual(['r/b']);
    expect(snapshotOf(snap.id)?.restoredAt).toEqual(expect.any(Number));
  });
});

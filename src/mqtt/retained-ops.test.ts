import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FetchedRetained, ResultEvent } from './protocol';
import type { RetainedEntry } from '../core/retained-file';

const fake = vi.hoisted(() => ({
  fetched: [] as FetchedRetained[],
  fetchError: undefined as string | undefined,
  fetchCalls: [] as string[][],
  published: [] as { topic: string; payload: Uint8Array; qos: number }[],
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
    publish: async (req: { topic: string; payload: Uint8Array; qos: number }): Promise<ResultEvent> => {
      fake.published.push(req);
      fake.outstanding++;
      fake.maxOutstanding = Math.max(fake.maxOutstanding, fake.outstanding);
      await new Promise((r) => setImmediate(r));
      fake.outstanding--;
      return { type: 'result', id: 1, ok: true };
    },
  },
}));

const { withFullPayloads, publishEntries, refusalMessage } = await import('./retained-ops');

const full = Uint8Array.from({ length: 10 }, (_, i) => i);
const partial: RetainedEntry = { topic: 'big', payload: full.slice(0, 4), qos: 1, size: 10 };
const small: RetainedEntry = { topic: 'small', payload: new Uint8Array([7]), qos: 0, size: 1 };

beforeEach(() => {
  fake.fetched = [];
  fake.fetchError = undefined;
  fake.fetchCalls = [];
  fake.published = [];
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
});

import { describe, expect, it } from 'vitest';
import type { MqttMessage } from './message';
import type { RecordingIndex, RecordingState } from './recording-index';
import { buildRecordingIndex, RecordingIndexBuilder, type IndexableMessage } from './recording-index-builder';
import { TopicTrie } from './topic-trie';
import { randomRecordedMessages, seededRandom, T0_RECORDED } from './test-fixtures';

type Msg = IndexableMessage & { seq: number };

/** A small seeded generator (mulberry32), so a failure can be replayed. */
const rng = seededRandom;

const NONE = new Uint8Array(0);
const SOME = new Uint8Array(1);
const T0 = T0_RECORDED;

/**
 * n messages over `topics` topics; times in whole ms over a short span, so many share a ms;
 * in time order unless `shuffled`. Some retained, some empty. `seq`: the position fed.
 */
function randomMessages(seed: number, n: number, topics: number, shuffled: boolean): Msg[] {
  return randomRecordedMessages(seed, n, { topics, emptyShare: 0.1, shuffled }).map((m, i) => ({ ...m, seq: i }));
}

/** Feeds messages in random batch sizes (some empty). */
function build(messages: Msg[], seed: number, checkpointEvery?: number): RecordingIndex {
  const r = rng(seed);
  const b = new RecordingIndexBuilder({ checkpointEvery });
  for (let i = 0; i < messages.length; ) {
    const size = Math.floor(r() * 50);
    b.add(messages.slice(i, i + size));
    i += size;
  }
  return b.finish();
}

interface Expected {
  messageIndex: number;
  count: number;
  retained: boolean;
  retainedIndex: number;
}

/** The naive answer: replay from the start, in time order (ties in feeding order). */
function oracle(messages: Msg[], t: number): Map<string, Expected> {
  const sorted = messages.filter((m) => m.time <= t).sort((a, b) => a.time - b.time || a.seq - b.seq);
  const out = new Map<string, Expected>();
  for (const m of sorted) {
    const was = out.get(m.topic) ?? { messageIndex: -1, count: 0, retained: false, retainedIndex: -1 };
    const retainedIndex = m.payload.length === 0 ? -1 : m.retain ? m.seq : was.retainedIndex;
    out.set(m.topic, { messageIndex: m.seq, count: was.count + 1, retained: retainedIndex >= 0, retainedIndex });
  }
  return out;
}

function asMap(state: RecordingState): Map<string, Expected> {
  const out = new Map<string, Expected>();
  for (const s of state.entries()) out.set(s.topic, { messageIndex: s.messageIndex, count: s.count, retained: s.retained, retainedIndex: s.retainedIndex });
  return out;
}

describe('RecordingIndex: state as of a time, against replaying from the start', () => {
  for (const [name, shuffled] of [
    ['fed in time order', false],
    ['fed out of time order (an imported file)', true],
  ] as const) {
    it(`${name}: 3,000 messages over 200 topics, 150 random times, with and without many checkpoints`, () => {
      const messages = randomMessages(shuffled ? 2 : 1, 3000, 200, shuffled);
      const r = rng(3);
      const small = build(messages, 4, 16);
      const normal = build(messages, 5);
      expect(small.checkpointCount).toBeGreaterThan(5);
      const range = small.timeRange!;
      expect(range).toEqual({ start: Math.min(...messages.map((m) => m.time)), end: Math.max(...messages.map((m) => m.time)) });
      const times = Array.from({ length: 150 }, () => range.start - 2 + Math.floor(r() * (range.end - range.start + 4)));
      for (const t of times) {
        const want = oracle(messages, t);
        expect(asMap(small.stateAt(t))).toEqual(want);
        expect(asMap(normal.stateAt(t))).toEqual(want);
      }
    });
  }

  it('one state moved to random positions (forward, back, same) reports exactly the topics that changed', () => {
    const messages = randomMessages(7, 2000, 80, true);
    const index = build(messages, 8, 32);
    const state = index.newState();
    const r = rng(9);
    let before = asMap(state);
    for (let k = 0; k < 300; k++) {
      const p = r() < 0.1 ? state.position : r() < 0.5 ? state.position + Math.floor(r() * 40) : Math.floor(r() * (index.length + 1));
      const changed = Array.from(index.seek(state, p), (id) => index.topic(id)).sort();
      const after = asMap(state);
      const reallyChanged = [...new Set([...before.keys(), ...after.keys()])].filter((t) => JSON.stringify(before.get(t)) !== JSON.stringify(after.get(t))).sort();
      expect(changed).toEqual(reallyChanged);
      expect(after).toEqual(asMap(index.stateAtPosition(Math.min(p, index.length))));
      before = after;
    }
  });

  it('a state is the Explorer tree of the same messages (TopicTrie): last message, count, retained message', () => {
    const messages = randomMessages(11, 1500, 60, true);
    const index = build(messages, 12, 64);
    const full: MqttMessage[] = messages.map((m) => ({ topic: m.topic, payload: m.payload as Uint8Array, size: m.payload.length, qos: 0, retain: m.retain, time: m.time }));
    for (const p of [0, 1, 100, 777, 1499, 1500]) {
      const trie = new TopicTrie();
      const upTo = Array.from({ length: p }, (_, k) => full[index.messageAt(k)]);
      if (upTo.length) trie.apply(upTo);
      const state = index.stateAtPosition(p);
      expect(state.topicsSeen).toBe(trie.topicCount);
      for (const s of state.entries()) {
        const node = trie.get(s.topic)!;
        expect(node.messageCount).toBe(s.count);
        expect(node.last).toBe(full[s.messageIndex]);
        expect(node.retainedMessage).toBe(s.retainedIndex < 0 ? undefined : full[s.retainedIndex]);
      }
    }
  });
});

describe('RecordingIndex: boundaries', () => {
  // Three messages at the same ms (T0 + 10), fed in a different order than their times.
  const msgs: Msg[] = [
    { seq: 0, time: T0 + 10, topic: 'a', retain: false, payload: SOME },
    { seq: 1, time: T0, topic: 'b', retain: true, payload: SOME },
    { seq: 2, time: T0 + 10, topic: 'a', retain: true, payload: SOME },
    { seq: 3, time: T0 + 10, topic: 'c', retain: false, payload: SOME },
    { seq: 4, time: T0 + 20, topic: 'a', retain: false, payload: NONE },
  ];
  const index = build(msgs, 1);

  it('before the first message: nothing', () => {
    expect(index.indexAtTime(T0 - 1)).toBe(0);
    expect([...index.stateAt(T0 - 1).entries()]).toEqual([]);
    expect(index.indexAtTime(-Infinity)).toBe(0);
  });

  it('exactly at a ms several messages share: all of them, in feeding order; just before it: none of them', () => {
    expect(index.indexAtTime(T0 + 10)).toBe(4);
    expect([...index.stateAt(T0 + 10).entries()]).toEqual([
      { topicId: 0, topic: 'b', messageIndex: 1, count: 1, retained: true, retainedIndex: 1 },
      { topicId: 1, topic: 'a', messageIndex: 2, count: 2, retained: true, retainedIndex: 2 },
      { topicId: 2, topic: 'c', messageIndex: 3, count: 1, retained: false, retainedIndex: -1 },
    ]);
    expect(index.indexAtTime(T0 + 9.999)).toBe(1);
    expect(asMap(index.stateAt(T0 + 9.999))).toEqual(new Map([['b', { messageIndex: 1, count: 1, retained: true, retainedIndex: 1 }]]));
    expect([0, 1, 2, 3, 4].map((p) => index.messageAt(p))).toEqual([1, 0, 2, 3, 4]);
    expect([0, 1, 2, 3, 4].map((p) => index.timeAt(p))).toEqual([T0, T0 + 10, T0 + 10, T0 + 10, T0 + 20]);
  });

  it('after the last message: everything; an empty payload clears the retained message', () => {
    expect(index.indexAtTime(T0 + 1e9)).toBe(5);
    expect(index.stateAt(Infinity).get(index.topicId('a')!)).toEqual({ topicId: 1, topic: 'a', messageIndex: 4, count: 3, retained: false, retainedIndex: -1 });
    expect(index.timeRange).toEqual({ start: T0, end: T0 + 20 });
    expect(() => index.indexAtTime(NaN)).toThrow(RangeError);
  });

  it('a live message with a payload keeps the retained one; positions outside the range are clamped', () => {
    const i = build(
      [
        { seq: 0, time: 1, topic: 'x', retain: true, payload: SOME },
        { seq: 1, time: 2, topic: 'x', retain: false, payload: SOME },
      ],
      1,
    );
    expect(i.stateAt(2).get(0)).toMatchObject({ messageIndex: 1, retained: true, retainedIndex: 0 });
    expect(i.stateAtPosition(99).position).toBe(2);
    expect(i.stateAtPosition(-5).position).toBe(0);
  });

  it('an empty recording', () => {
    const empty = new RecordingIndexBuilder().finish();
    expect(empty.timeRange).toBeNull();
    expect(empty.length).toBe(0);
    expect(empty.indexAtTime(T0)).toBe(0);
    expect([...empty.stateAt(T0).entries()]).toEqual([]);
  });

  it('refuses a message without a valid time, and adding after finish', () => {
    const b = new RecordingIndexBuilder();
    expect(() => b.add([{ time: NaN, topic: 'a', retain: false, payload: SOME }])).toThrow(RangeError);
    b.finish();
    expect(() => b.add([])).toThrow(/after finish/);
  });
});

describe('RecordingIndex: per-topic history, batches, memory', () => {
  it('history and countAt of a topic up to a position, against the oracle', () => {
    const messages = randomMessages(21, 2000, 30, true);
    const index = build(messages, 22);
    const sorted = [...messages].sort((a, b) => a.time - b.time || a.seq - b.seq);
    const r = rng(23);
    for (let k = 0; k < 100; k++) {
      const p = Math.floor(r() * (index.length + 1));
      const topic = `t/${Math.floor(r() * 30)}`;
      const id = index.topicId(topic);
      const want = sorted.slice(0, p).filter((m) => m.topic === topic).map((m) => m.seq);
      if (id === undefined) {
        expect(want).toEqual([]);
        continue;
      }
      expect(index.countAt(id, p)).toBe(want.length);
      expect(index.history(id, p, 5)).toEqual(want.slice(-5));
      expect(index.history(id, p, 1e9)).toEqual(want);
    }
  });

  it('locate: which fed batch and offset hold a message index', async () => {
    const batches = [[1, 2, 3], [], [4], [5, 6]].map((b) => b.map((time) => ({ time, topic: 'a', retain: false, payload: SOME })));
    const index = await buildRecordingIndex(
      (async function* () {
        yield* batches;
      })(),
    );
    expect([0, 1, 2, 3, 4, 5].map((i) => index.locate(i))).toEqual([
      { batch: 0, offset: 0 },
      { batch: 0, offset: 1 },
      { batch: 0, offset: 2 },
      { batch: 1, offset: 0 },
      { batch: 2, offset: 0 },
      { batch: 2, offset: 1 },
    ]);
  });

  it('memory stays bounded per message however many topics (checkpoints grow their interval with the topics)', () => {
    for (const topics of [10, 5_000, 1_000_000]) {
      const n = 50_000;
      const b = new RecordingIndexBuilder();
      const batch: IndexableMessage[] = [];
      for (let i = 0; i < n; i++) batch.push({ time: T0 + i, topic: `t/${topics >= n ? i : i % topics}`, retain: false, payload: SOME });
      b.add(batch);
      const index = b.finish();
      // 8 time + 4 topic id + 1 flags + 4 per-topic list, + at most 6 of checkpoints, + 4 per topic.
      expect(index.typedBytes / n).toBeLessThanOrEqual(17 + 6 + (4 * Math.min(topics, n)) / n + 0.1);
      expect(index.stateAtPosition(n).topicsSeen).toBe(Math.min(topics, n));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { packChunk } from './recording-chunk';
import { RecordingStateCollector, retainedState, type StateKind } from './recording-diff-state';
import type { RecordedMessage } from './recording-format';
import { buildRecordingIndex } from './recording-index-builder';
import type { StateMessage } from './recording-diff';
import { randomRecordedMessages, seededRandom, T0_RECORDED } from './test-fixtures';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
const rng = seededRandom;

const T0 = T0_RECORDED;
const enc = new TextEncoder();
const text = (m: StateMessage | undefined) => (m ? new TextDecoder().decode(m.payload) : undefined);

/** n messages over a few topics, many sharing a ms, some retained, some empty; shuffled when asked (an imported file). */
const randomMessages = (seed: number, n: number, shuffled: boolean) => randomRecordedMessages(seed, n, { topics: 12, emptyShare: 0.15, shuffled });

/** Cut into chunks of random sizes, packed as the recorder stores them. */
function chunks(messages: RecordedMessage[], seed: number): Uint8Array[] {
  const r = rng(seed);
  const out: Uint8Array[] = [];
  for (let i = 0; i < messages.length; ) {
    const size = 1 + Math.floor(r() * 40);
    out.push(packChunk(messages.slice(i, i + size)));
    i += size;
  }
  return out;
}

function collect(blobs: Uint8Array[], kind: StateKind, upTo?: number) {
  const c = new RecordingStateCollector(kind, upTo);
  for (const b of blobs) c.addChunk(b);
  return c;
}

describe('RecordingStateCollector', () => {
  it('keeps the last message per topic; an empty payload makes the topic absent', () => {
    const ms: RecordedMessage[] = [
      { time: T0, topic: 'a', qos: 0, retain: false, payload: enc.encode('1') },
      { time: T0 + 1, topic: 'b', qos: 1, retain: true, payload: enc.encode('x') },
      { time: T0 + 2, topic: 'a', qos: 2, retain: false, payload: enc.encode('2') },
      { time: T0 + 3, topic: 'b', qos: 0, retain: true, payload: new Uint8Array(0) },
      { time: T0 + 4, topic: 'c', qos: 0, retain: false, payload: enc.encode('3') },
    ];
    const s = collect([packChunk(ms.slice(0, 2)), packChunk(ms.slice(2))], 'last').state();
    expect([...s.keys()].sort()).toEqual(['a', 'c']);
    expect(s.get('a')).toMatchObject({ topic: 'a', qos: 2, retain: false, time: T0 + 2, size: 1 });
    expect(text(s.get('a'))).toBe('2');
  });

  it('retained: a retained message sets, a plain one leaves, an empty one (retain flag or not) clears', () => {
    const ms: RecordedMessage[] = [
      { time: T0, topic: 'a', qos: 0, retain: true, payload: enc.encode('r1') },
      { time: T0 + 1, topic: 'a', qos: 0, retain: false, payload: enc.encode('live') },
      { time: T0 + 2, topic: 'b', qos: 0, retain: true, payload: enc.encode('r2') },
      { time: T0 + 3, topic: 'b', qos: 0, retain: false, payload: new Uint8Array(0) },
      { time: T0 + 4, topic: 'c', qos: 0, retain: false, payload: enc.encode('plain') },
    ];
    const s = collect([packChunk(ms)], 'retained').state();
    expect([...s.keys()]).toEqual(['a']);
    expect(text(s.get('a'))).toBe('r1');
  });

  it('counts only messages at or before upTo', () => {
    const ms: RecordedMessage[] = [
      { time: T0, topic: 'a', qos: 0, retain: false, payload: enc.encode('1') },
      { time: T0 + 10, topic: 'a', qos: 0, retain: false, payload: enc.encode('2') },
      { time: T0 + 20, topic: 'b', qos: 0, retain: false, payload: enc.encode('3') },
    ];
    const c = collect([packChunk(ms)], 'last', T0 + 10);
    expect(c.messages).toBe(2);
    expect(text(c.state().get('a'))).toBe('2');
    expect(c.state().has('b')).toBe(false);
  });

  it('keeps a copy of the payload, not a view of the chunk, and the real size of a big payload', () => {
    const big = new Uint8Array(1024 * 1024 + 10).fill(7);
    const blob = packChunk([{ time: T0, topic: 'big', qos: 0, retain: false, payload: big }]);
    const s = collect([blob], 'last').state().get('big')!;
    expect(s.size).toBe(big.length);
    expect(s.payload.length).toBe(1024 * 1024);
    expect(s.payload.buffer.byteLength).toBe(1024 * 1024);
  });

  it.each([
    ['in time order', false],
    ['out of time order (an imported file)', true],
  ])('equals the time index at any time, %s (randomised, both kinds)', async (_, shuffled) => {
    for (let seed = 1; seed <= 20; seed++) {
      const ms = randomMessages(seed, 300, shuffled);
      const blobs = chunks(ms, seed + 100);
      const index = await buildRecordingIndex([ms]);
      const r = rng(seed + 200);
      const range = index.timeRange!;
      for (let k = 0; k < 6; k++) {
        const t = k === 5 ? Infinity : range.start - 1 + Math.floor(r() * (range.end - range.start + 3));
        const st = index.stateAt(t);
        const wantLast = new Map<string, string>();
        const wantRetained = new Map<string, string>();
        for (const e of st.entries()) {
          const last = ms[e.messageIndex];
          if (last.payload.length) wantLast.set(e.topic, new TextDecoder().decode(last.payload));
          if (e.retainedIndex >= 0) wantRetained.set(e.topic, new TextDecoder().decode(ms[e.retainedIndex].payload));
        }
        const gotLast = new Map([...collect(blobs, 'last', t).state()].map(([topic, m]) => [topic, text(m)!]));
        const gotRetained = new Map([...collect(blobs, 'retained', t).state()].map(([topic, m]) => [topic, text(m)!]));
        expect(gotLast, `seed ${seed} t ${t} last`).toEqual(wantLast);
        expect(gotRetained, `seed ${seed} t ${t} retained`).toEqual(wantRetained);
      }
    }
  });

  it('add() one message at a time gives the same state as addChunk()', () => {
    const ms = randomMessages(7, 200, true);
    const one = new RecordingStateCollector('retained');
    for (const m of ms) one.add({ ...m, size: m.payload.length });
    const byChunk = collect(chunks(ms, 8), 'retained');
    expect(new Map([...one.state()].map(([k, m]) => [k, text(m)]))).toEqual(new Map([...byChunk.state()].map(([k, m]) => [k, text(m)])));
    expect(one.messages).toBe(byChunk.messages);
  });
});

describe('retainedState', () => {
  it('is the broker’s retained messages by topic, without empty payloads', () => {
    const s = retainedState([
      { topic: 'a', payload: enc.encode('1'), qos: 1 },
      { topic: 'b', payload: new Uint8Array(0), qos: 0 },
    ]);
    expect([...s.keys()]).toEqual(['a']);
    expect(s.get('a')).toMatchObject({ size: 1, retain: true, qos: 1 });
  });
});

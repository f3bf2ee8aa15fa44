import { describe, expect, test } from 'vitest';
import { Batcher, type IncomingMessage } from './batcher';
import type { BatchEvent } from './protocol';

const enc = new TextEncoder();
const msg = (topic: string, text: string): IncomingMessage => ({
  topic,
  payload: enc.encode(text),
  qos: 0,
  retain: false,
  time: 1,
});

function setup(opts: Partial<ConstructorParameters<typeof Batcher>[0]> = {}) {
  const batches: BatchEvent[] = [];
  let pendingFlush: (() => void) | null = null;
  const b = new Batcher({
    emit: (batch) => batches.push(batch),
    schedule: (fn) => {
      pendingFlush = fn;
    },
    ...opts,
  });
  return { b, batches, runFrame: () => pendingFlush?.() };
}

const payloadOf = (batch: BatchEvent, i: number) => {
  const w = batch.messages[i];
  return new TextDecoder().decode(new Uint8Array(batch.buffer, w.offset, w.length));
};

describe('Batcher', () => {
  test('emits one batch per frame with every payload intact and in order', () => {
    const { b, batches, runFrame } = setup();
    b.add(msg('a', 'one'));
    b.add(msg('b', 'two'));
    b.add(msg('a', 'three'));
    expect(batches).toHaveLength(0);
    runFrame();
    expect(batches).toHaveLength(1);
    expect(batches[0].messages.map((m) => m.topic)).toEqual(['a', 'b', 'a']);
    expect([0, 1, 2].map((i) => payloadOf(batches[0], i))).toEqual(['one', 'two', 'three']);
  });

  test('large payloads are truncated but keep their real size', () => {
    const { b, batches, runFrame } = setup({ payloadLimit: 4 });
    b.add(msg('big', 'abcdefgh'));
    runFrame();
    expect(batches[0].messages[0]).toMatchObject({ length: 4, size: 8 });
    expect(payloadOf(batches[0], 0)).toBe('abcd');
  });

  test('coalesces a flood per topic but keeps exact counts', () => {
    const { b, batches, runFrame } = setup({ maxPending: 100, keepPerTopic: 3 });
    for (let i = 0; i < 250; i++) b.add(msg(i % 5 === 0 ? 'rare' : 'busy', String(i)));
    runFrame();
    const batch = batches[0];
    const counted = batch.messages.length + Object.values(batch.extraCounts ?? {}).reduce((a, c) => a + c, 0);
    expect(counted).toBe(250);
    const busy = batch.messages.map((m, i) => [m.topic, payloadOf(batch, i)]).filter(([t]) => t === 'busy');
    // the newest busy messages survive, in order
    expect(busy.at(-1)?.[1]).toBe('249');
  });

  test('coalesced messages keep their bytes and largest size per topic', () => {
    const { b, batches, runFrame } = setup({ maxPending: 100, keepPerTopic: 3 });
    const sent = new Map<string, number>();
    for (let i = 0; i < 250; i++) {
      const topic = i % 5 === 0 ? 'rare' : 'busy';
      const text = 'x'.repeat(1 + (i % 17));
      sent.set(topic, (sent.get(topic) ?? 0) + text.length);
      b.add(msg(topic, text));
    }
    runFrame();
    const batch = batches[0];
    for (const [topic, bytes] of sent) {
      const kept = batch.messages.filter((m) => m.topic === topic).reduce((a, m) => a + m.size, 0);
      expect(kept + (batch.extraBytes?.[topic] ?? 0)).toBe(bytes);
    }
    expect(batch.extraLargest?.busy).toBe(17);
  });
});

/**
 * What the session keeps of each payload (core/payload-pack.ts): an exact copy that never holds
 * on to the batch buffer it came in, with small payloads side by side in shared 1 KiB chunks
 * rather than a buffer object each (a million topics' worth of those was the largest cost per topic).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Session, type WorkerLike } from './session';
import type { BatchEvent, WireMessage, WorkerEvent } from './protocol';
import { packBatch } from './batch-wire';

function session(): { s: Session; emit: (ev: WorkerEvent) => void } {
  const w: WorkerLike = { postMessage() {}, terminate() {}, onmessage: null, onerror: null, onmessageerror: null };
  const s = new Session({ createWorker: () => w });
  s.disconnect(); // starts the (fake) worker
  // Batches packed as worker.ts posts them (batch-wire.ts).
  return { s, emit: (ev) => w.onmessage!({ data: ev.type === 'batch' ? packBatch(ev) : ev } as MessageEvent<WorkerEvent>) };
}

function batch(payloads: [string, Uint8Array][]): BatchEvent {
  const buffer = new ArrayBuffer(payloads.reduce((n, [, p]) => n + p.length, 0));
  let offset = 0;
  const messages: WireMessage[] = payloads.map(([topic, p], i) => {
    new Uint8Array(buffer, offset, p.length).set(p);
    const w: WireMessage = { topic, offset, length: p.length, size: p.length, qos: 0, retain: false, time: 1000 + i };
    offset += p.length;
    return w;
  });
  return { type: 'batch', messages, buffer };
}

// Batches are applied by calling applyQueued() here; the frame the session asks for never comes.
beforeEach(() => vi.stubGlobal('requestAnimationFrame', () => 0));
afterEach(() => vi.unstubAllGlobals());

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('payloads the session keeps', () => {
  it('are exact copies; small ones share a few chunks, and none holds the batch buffer with a large payload', () => {
    const { s, emit } = session();
    const small = Array.from({ length: 300 }, (_, i) => [`plant/dev${i}/t`, enc.encode(`{"v":${i / 10}}`)] as [string, Uint8Array]);
    const big = new Uint8Array(1 << 20).fill(65);
    const ev = batch([...small.slice(0, 150), ['cam/1', big], ['empty', new Uint8Array(0)], ...small.slice(150)]);
    emit(ev);
    s.applyQueued();
    new Uint8Array(ev.buffer).fill(0); // what the batch buffer holds later changes nothing kept
    const kept = small.map(([topic]) => s.trie.get(topic)!.last!.payload);
    expect(kept.map((p) => dec.decode(p))).toEqual(small.map(([, p]) => dec.decode(p)));
    // ~2,600 bytes of small payloads: a handful of 1 KiB chunks, not 300 buffers.
    expect(new Set(kept.map((p) => p.buffer)).size).toBeLessThanOrEqual(4);
    for (const p of kept) expect(p.buffer.byteLength).toBeLessThanOrEqual(1024);
    const cam = s.trie.get('cam/1')!.last!.payload;
    expect(cam.length).toBe(1 << 20);
    expect(cam.buffer.byteLength).toBe(1 << 20);
    expect(cam.every((b) => b === 65)).toBe(true);
    expect(s.trie.get('empty')!.last!.payload.length).toBe(0);
  });

  it('a chunk carries on into the next batch; each payload stays its own length', () => {
    const { s, emit } = session();
    emit(batch([['a', enc.encode('first')]]));
    s.applyQueued();
    emit(batch([['b', enc.encode('second')]]));
    s.applyQueued();
    const a = s.trie.get('a')!.last!.payload;
    const b = s.trie.get('b')!.last!.payload;
    expect([dec.decode(a), dec.decode(b), a.length, b.length]).toEqual(['first', 'second', 5, 6]);
    expect(a.buffer).toBe(b.buffer);
  });

  it("a known topic's later messages get buffers of their own, so a slow topic never pins a chunk of dropped readings", () => {
    const { s, emit } = session();
    emit(batch([['slow', enc.encode('1')], ['fast', enc.encode('0')]]));
    s.applyQueued();
    const fast = Array.from({ length: 50 }, (_, i) => ['fast', enc.encode(`{"v":${i}}`)] as [string, Uint8Array]);
    emit(batch([...fast, ['slow', enc.encode('2')]]));
    s.applyQueued();
    const slow = s.trie.get('slow')!.last!.payload;
    expect(dec.decode(slow)).toBe('2');
    // Its own 1-byte buffer: dropping the fast topic's history frees every byte of it.
    expect(slow.buffer.byteLength).toBe(1);
    const fastLast = s.trie.get('fast')!.last!.payload;
    expect(dec.decode(fastLast)).toBe('{"v":49}');
    expect(fastLast.buffer.byteLength).toBe(fastLast.length);
  });
});

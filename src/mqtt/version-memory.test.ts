/**
 * The memory of brokers that refused MQTT 5 (version-memory.ts), alone and through the session:
 * after one fallback, the next connect to that broker asks for 3.1.1 straight away (no refused
 * connection first) and the status still says why it is on 3.1.1.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectedWith, forgetFallback, rememberFallback, rememberedFallback, VERSION_MEMORY_MS } from './version-memory';
import { FALLBACK_REFUSED } from './version-fallback';
import { Session } from './session';
import { FakeWorker } from './test-worker';
import { useSessionStore } from '../stores/session-store';
import { MemoryStorage } from '../stores/test-storage';
import { makeProfile } from '../core/test-fixtures';

const KEY = 'switchyard.mqtt311-brokers';
let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the memory', () => {
  it('remembers a refusal per broker URL, for a day', () => {
    rememberFallback('ws://aedes:9001', FALLBACK_REFUSED, 1_000);
    expect(rememberedFallback('ws://aedes:9001', 1_000 + VERSION_MEMORY_MS - 1)).toBe(FALLBACK_REFUSED);
    expect(rememberedFallback('ws://other:9001', 1_000)).toBeUndefined();
    // After a day MQTT 5 is tried again (the broker may have been upgraded).
    expect(rememberedFallback('ws://aedes:9001', 1_000 + VERSION_MEMORY_MS)).toBeUndefined();
  });

  it('forgets a broker that accepted MQTT 5', () => {
    rememberFallback('ws://aedes:9001', FALLBACK_REFUSED, 1_000);
    forgetFallback('ws://aedes:9001');
    expect(rememberedFallback('ws://aedes:9001', 1_000)).toBeUndefined();
  });

  it('keeps at most 50 brokers, the most recent', () => {
    for (let i = 0; i < 60; i++) rememberFallback(`ws://b${i}:1`, FALLBACK_REFUSED, 1_000 + i);
    expect(Object.keys(JSON.parse(storage.getItem(KEY)!))).toHaveLength(50);
    expect(rememberedFallback('ws://b9:1', 2_000)).toBeUndefined();
    expect(rememberedFallback('ws://b59:1', 2_000)).toBe(FALLBACK_REFUSED);
  });

  it('treats unreadable or hostile storage as nothing remembered, and a full storage as no memory', () => {
    storage.setItem(KEY, '{not json');
    expect(rememberedFallback('ws://aedes:9001')).toBeUndefined();
    storage.setItem(KEY, JSON.stringify({ 'ws://aedes:9001': { note: 42, at: 'x' }, __proto__: { note: 'x', at: 1 } }));
    expect(rememberedFallback('ws://aedes:9001')).toBeUndefined();
    storage.failWrites = true;
    expect(() => rememberFallback('ws://aedes:9001', FALLBACK_REFUSED)).not.toThrow();
    expect(rememberedFallback('ws://aedes:9001')).toBeUndefined();
  });

  it('is refreshed only by a real fallback, not by a connect that came from it', () => {
    const profile = { url: 'ws://aedes:9001', protocolVersion: 5 as const };
    connectedWith(profile, { protocolVersion: 4, note: FALLBACK_REFUSED }, false, 1_000);
    connectedWith(profile, { protocolVersion: 4, note: FALLBACK_REFUSED }, true, 1_000 + VERSION_MEMORY_MS - 10);
    expect(rememberedFallback('ws://aedes:9001', 1_000 + VERSION_MEMORY_MS)).toBeUndefined();
    // A 3.1.1 profile has nothing to remember.
    connectedWith({ url: 'ws://v3:1', protocolVersion: 4 }, { protocolVersion: 4 }, false, 1_000);
    expect(storage.getItem(KEY)).not.toContain('ws://v3:1');
  });
});

const aedes = makeProfile({ name: 'Embedded' });

describe('through the session (a page load, then a reload)', () => {
  const load = () => {
    const worker = new FakeWorker();
    const session = new Session({ createWorker: () => worker });
    session.connect(aedes);
    return worker;
  };

  it('asks a broker that refused MQTT 5 for 3.1.1 at once the next time, with the same note in the status', () => {
    const first = load();
    expect(first.lastConnect()).toMatchObject({ protocolVersion: 5 });
    expect(first.lastConnect().versionNote).toBeUndefined();
    // The worker fell back (the broker refused MQTT 5) and connected on 3.1.1.
    first.emit({ type: 'status', state: 'connected', protocolVersion: 4, note: FALLBACK_REFUSED });
    expect(useSessionStore.getState()).toMatchObject({ state: 'connected', protocolVersion: 4, note: FALLBACK_REFUSED });

    const second = load();
    expect(second.lastConnect()).toMatchObject({ protocolVersion: 4, versionNote: FALLBACK_REFUSED });
    second.emit({ type: 'status', state: 'connected', protocolVersion: 4, note: FALLBACK_REFUSED });
    expect(useSessionStore.getState()).toMatchObject({ state: 'connected', protocolVersion: 4, note: FALLBACK_REFUSED });
  });

  it('keeps MQTT 5 for a broker that accepted it, and for other brokers', () => {
    load().emit({ type: 'status', state: 'connected', protocolVersion: 5 });
    expect(load().lastConnect()).toMatchObject({ protocolVersion: 5 });
    rememberFallback('ws://elsewhere:1', FALLBACK_REFUSED);
    expect(load().lastConnect()).toMatchObject({ protocolVersion: 5 });
  });
});

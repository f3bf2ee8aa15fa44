import { beforeEach, expect, test } from 'vitest';
import { recallSessionSubscriptions, rememberSessionSubscriptions } from './session-memory';

const KEY = 'switchyard.session-subscriptions';

/** A plain in-memory Storage (the unit tests run in node). */
class MemoryStorage {
  private data = new Map<string, string>();
  failWrites = false;
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.data.set(k, String(v));
  }
  clear() {
    this.data.clear();
  }
}
const storage = new MemoryStorage();
(globalThis as { localStorage?: unknown }).localStorage = storage;

beforeEach(() => {
  storage.clear();
  storage.failWrites = false;
});

test('remembers per broker URL and client ID', () => {
  rememberSessionSubscriptions('ws://a:1', 'me', [{ filter: 'a/#', code: 2 }]);
  rememberSessionSubscriptions('ws://b:1', 'me', [{ filter: 'b/#', code: 1 }]);
  expect(recallSessionSubscriptions('ws://a:1', 'me')).toEqual([{ filter: 'a/#', code: 2 }]);
  expect(recallSessionSubscriptions('ws://b:1', 'me')).toEqual([{ filter: 'b/#', code: 1 }]);
  expect(recallSessionSubscriptions('ws://a:1', 'other')).toBeUndefined();
});

test.each(['not json{', '[null]', '{}', '{"me @ ws://a:1":[{"filter":1,"code":2}]}', '{"__proto__":[{"filter":"#","code":2}]}', 'null'])(
  'unreadable storage %s means unknown, never an error',
  (raw) => {
    localStorage.setItem(KEY, raw);
    expect(recallSessionSubscriptions('ws://a:1', 'me')).toBeUndefined();
    rememberSessionSubscriptions('ws://a:1', 'me', [{ filter: '#', code: 2 }]);
    expect(recallSessionSubscriptions('ws://a:1', 'me')).toEqual([{ filter: '#', code: 2 }]);
  },
);

test('keeps only the most recently updated sessions', () => {
  for (let i = 0; i < 25; i++) rememberSessionSubscriptions('ws://a:1', `c${i}`, [{ filter: '#', code: 0 }]);
  expect(recallSessionSubscriptions('ws://a:1', 'c0')).toBeUndefined();
  expect(recallSessionSubscriptions('ws://a:1', 'c24')).toBeDefined();
});

test('a storage that refuses writes is not an error', () => {
  storage.failWrites = true;
  expect(() => rememberSessionSubscriptions('ws://a:1', 'me', [])).not.toThrow();
});

/**
 * Decode as per topic filter (issue 13): which rule decides a topic (the exact topic's, else the
 * most specific filter — the protobuf mappings' order), the order the worker gets, and the
 * persisted format (`switchyard.decoders`): old exact-topic entries load, filters load, a
 * malformed entry is dropped without losing the others.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from './test-storage';
import { hasStoredData } from './has-stored-data';
import { decodeAsRuleFor, decodeChoiceFor, workerDecodeRules, type DecodeAsRule } from './decode-as-store';

const KEY = 'switchyard.decoders';
let ls: MemoryStorage;
const g = globalThis as { localStorage?: Storage };

async function load() {
  vi.resetModules();
  if (hasStoredData()) (await import('./start-schemas')).registerStartLoaders();
  const store = await import('./decode-as-store');
  const notices = await import('./storage-notices');
  return { ...store, notices: () => notices.useStorageNotices.getState().notices.map((n) => n.message) };
}

beforeEach(() => {
  ls = new MemoryStorage();
  g.localStorage = ls;
});
afterEach(() => {
  delete g.localStorage;
});

const rules: DecodeAsRule[] = [
  { filter: 'home/#', choice: 'cbor' },
  { filter: 'home/+/climate', choice: 'msgpack' },
  { filter: 'home/kitchen/#', choice: 'json' },
  { filter: 'home/attic/climate', choice: 'text' },
];

describe('Decode as precedence', () => {
  it("the exact topic's choice first, then the most specific matching filter, whatever the stored order", () => {
    for (const order of [rules, rules.slice().reverse()]) {
      expect(decodeChoiceFor('home/attic/climate', order)).toBe('text');
      expect(decodeChoiceFor('home/cellar/climate', order)).toBe('msgpack');
      // home/+/climate and home/kitchen/# both have two exact levels: fewer wildcards, then no #, wins.
      expect(decodeChoiceFor('home/kitchen/climate', order)).toBe('msgpack');
      expect(decodeChoiceFor('home/kitchen/light', order)).toBe('json');
      expect(decodeChoiceFor('home/cellar/light', order)).toBe('cbor');
      expect(decodeChoiceFor('office/climate', order)).toBe('auto');
      expect(decodeAsRuleFor('home/cellar/climate', order)?.filter).toBe('home/+/climate');
    }
  });

  it('the worker gets the same order: exact topics, filters most specific first, then protobuf mappings', () => {
    expect(workerDecodeRules(rules.slice().reverse(), [{ filter: 'home/+/power', messageType: 'home.Power' }])).toEqual([
      { filter: 'home/attic/climate', format: null },
      { filter: 'home/+/climate', format: 'msgpack' },
      { filter: 'home/kitchen/#', format: null },
      { filter: 'home/#', format: 'cbor' },
      { filter: 'home/+/power', format: 'protobuf', messageType: 'home.Power' },
    ]);
  });

  it('a Text rule under a decoding filter goes to the worker even without protobuf mappings', () => {
    expect(workerDecodeRules([{ filter: 'a/+', choice: 'msgpack' }, { filter: 'a/b', choice: 'text' }])).toEqual([
      { filter: 'a/b', format: null },
      { filter: 'a/+', format: 'msgpack' },
    ]);
    expect(workerDecodeRules([{ filter: 'a/b', choice: 'text' }])).toEqual([]);
  });
});

describe('Decode as store', () => {
  it('keeps filter rules across a reload; moving a rule keeps its choice; removing forgets it', async () => {
    const s = await load();
    s.setDecodeChoice('home/+/climate', 'msgpack');
    s.setDecodeChoice('home/attic/climate', 'text');
    s.moveDecodeRule('home/+/climate', 'home/#');
    const again = await load();
    expect(again.useDecodeAsStore.getState().rules).toEqual([
      { filter: 'home/#', choice: 'msgpack' },
      { filter: 'home/attic/climate', choice: 'text' },
    ]);
    again.removeDecodeRule('home/#');
    expect((await load()).useDecodeAsStore.getState().rules).toEqual([{ filter: 'home/attic/climate', choice: 'text' }]);
  });

  it('loads entries saved before filters (exact topics), and drops a malformed entry without losing the others', async () => {
    ls.setItem(
      KEY,
      JSON.stringify({
        state: {
          rules: [
            { filter: 'home/kitchen/climate', choice: 'msgpack' },
            { filter: 'a/#/b', choice: 'cbor' },
            { filter: 'x', choice: 'nonsense' },
            'garbage',
            { filter: 'plant/+/line', choice: 'cbor' },
          ],
        },
        version: 1,
      }),
    );
    const s = await load();
    expect(s.useDecodeAsStore.getState().rules).toEqual([
      { filter: 'home/kitchen/climate', choice: 'msgpack' },
      { filter: 'plant/+/line', choice: 'cbor' },
    ]);
    expect(s.decodeChoiceFor('plant/7/line')).toBe('cbor');
    expect(s.notices().join(' ')).toMatch(/Decode as/);
  });

  it('a stored value that is not a rule list at all starts empty instead of failing', async () => {
    ls.setItem(KEY, JSON.stringify({ state: { rules: 'oops' }, version: 1 }));
    const s = await load();
    expect(s.useDecodeAsStore.getState().rules).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { seededRandom } from './test-fixtures';
import { compareLevelNames, indexByLevelName, levelSortKey, mergeByLevelName, mergeWithKeys, sortByLevelName, sortWithKeys } from './topic-order';

const ALPHABET = 'aAbBzZ0123456789_-. $#+:xXéÅ\u0001';

function randomName(rand: () => number): string {
  const len = Math.floor(rand() * 7);
  let s = '';
  for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

const named = (names: string[]) => names.map((name) => ({ name }));

describe('level name order', () => {
  it('sort keys give exactly the collator order (random names, leading zeros, case, punctuation, non-ASCII)', () => {
    const rand = seededRandom(14);
    const names = Array.from({ length: 3000 }, () => randomName(rand));
    names.push('sensor2', 'sensor10', 'Sensor1', '01', '1', '001a', '1b', '$SYS', '', 'a b', 'a_b', 'a-b', 'a.b');
    const expected = [...names].sort(compareLevelNames);
    expect(sortByLevelName(named(names)).map((n) => n.name)).toEqual(expected);
    // Keys exist for the common ASCII names, so large levels do not need the collator.
    expect(levelSortKey('sensor10')).toBeDefined();
    expect(levelSortKey('sensor2')! < levelSortKey('sensor10')!).toBe(true);
  });

  it('merging new children into a sorted level gives the same order as sorting them all', () => {
    const rand = seededRandom(15);
    const all = [...new Set(Array.from({ length: 2000 }, () => randomName(rand)))];
    const old = all.slice(0, 1500).sort(compareLevelNames);
    const added = all.slice(1500).sort(compareLevelNames);
    const merged = mergeByLevelName(named(old), named(added)).map((n) => n.name);
    expect(merged).toEqual([...all].sort(compareLevelNames));
  });

  it('kept keys: sorting, merging again and again, and finding an item give the collator order', () => {
    const rand = seededRandom(16);
    const all = [...new Set(Array.from({ length: 3000 }, () => randomName(rand)))];
    let order = sortWithKeys(named(all.slice(0, 1000)));
    for (let from = 1000; from < all.length; from += 250) order = mergeWithKeys(order, named(all.slice(from, from + 250)));
    expect(order.items.map((n) => n.name)).toEqual([...all].sort(compareLevelNames));
    expect(order.keys).toEqual(order.items.map((n) => levelSortKey(n.name)));
    for (let i = 0; i < order.items.length; i += 37) expect(indexByLevelName(order.items, order.items[i])).toBe(i);
    expect(indexByLevelName(order.items, { name: 'not in it' })).toBe(-1);
  });

  it('sorts a large level like the collator does', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `device${(i * 7919) % 20_000}`);
    const sorted = sortByLevelName(named(names)).map((n) => n.name);
    expect(sorted.slice(0, 4)).toEqual(['device0', 'device1', 'device2', 'device3']);
    expect(sorted[19_999]).toBe('device19999');
    for (let i = 1; i < sorted.length; i += 97) expect(compareLevelNames(sorted[i - 1], sorted[i])).toBeLessThan(0);
  });
});

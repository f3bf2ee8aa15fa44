import { LRUCache as Real } from 'lru-cache';
import { describe, expect, it } from 'vitest';
import { LRUCache as Shim } from './lru-cache';

/** A seeded sequence of gets and sets over a few keys, applied to both caches step by step. */
function* operations(seed: number, steps: number): Generator<['get' | 'set', number]> {
  let x = seed;
  for (let i = 0; i < steps; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield [x % 3 === 0 ? 'get' : 'set', (x >> 8) % 7];
  }
}

describe('the worker build’s lru-cache (what mqtt.js topic-alias-send uses of it)', () => {
  for (const max of [1, 3, 5]) {
    it(`behaves like lru-cache 10 with max ${max}: values, size, recency order`, () => {
      const real = new Real<number, string>({ max });
      const shim = new Shim<number, string>({ max });
      let n = 0;
      for (const [op, key] of operations(max * 7919, 2000)) {
        if (op === 'get') expect(shim.get(key)).toBe(real.get(key));
        else {
          real.set(key, `v${n}`);
          shim.set(key, `v${n++}`);
        }
        expect(shim.size).toBe(real.size);
        expect([...shim.keys()]).toEqual([...real.keys()]);
      }
    });
  }

  it('drops the least recently used entry, where a get counts as a use', () => {
    const c = new Shim<number, string>({ max: 2 });
    c.set(1, 'a').set(2, 'b');
    c.get(1);
    c.set(3, 'c');
    expect(c.has(2)).toBe(false);
    expect([...c.keys()]).toEqual([3, 1]);
    c.clear();
    expect(c.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

function filled(capacity: number, count: number): RingBuffer<number> {
  const rb = new RingBuffer<number>(capacity);
  for (let i = 1; i <= count; i++) rb.push(i);
  return rb;
}

describe('RingBuffer', () => {
  it('starts empty', () => {
    const rb = new RingBuffer<number>(3);
    expect(rb.length).toBe(0);
    expect(rb.capacity).toBe(3);
    expect(rb.last()).toBeUndefined();
    expect(rb.get(0)).toBeUndefined();
    expect(rb.toArray()).toEqual([]);
    expect(rb.total).toBe(0);
  });

  it.each([
    { capacity: 3, count: 2, expected: [1, 2] },
    { capacity: 3, count: 3, expected: [1, 2, 3] },
    { capacity: 3, count: 4, expected: [2, 3, 4] },
    { capacity: 3, count: 10, expected: [8, 9, 10] },
    { capacity: 1, count: 5, expected: [5] },
    { capacity: 0, count: 5, expected: [] },
  ])('capacity $capacity after $count pushes keeps $expected', ({ capacity, count, expected }) => {
    const rb = filled(capacity, count);
    expect(rb.toArray()).toEqual(expected);
    expect(rb.length).toBe(expected.length);
    expect(rb.total).toBe(count);
    expect(rb.last()).toBe(expected[expected.length - 1]);
    expected.forEach((v, i) => expect(rb.get(i)).toBe(v));
  });

  it('get is undefined out of bounds', () => {
    const rb = filled(3, 5);
    expect(rb.get(-1)).toBeUndefined();
    expect(rb.get(3)).toBeUndefined();
    expect(rb.get(1.5)).toBeUndefined();
  });

  it.each([
    { from: 5, count: 8, to: 2, expected: [7, 8] },
    { from: 5, count: 8, to: 10, expected: [4, 5, 6, 7, 8] },
    { from: 5, count: 3, to: 2, expected: [2, 3] },
    { from: 5, count: 8, to: 0, expected: [] },
  ])('setCapacity $from→$to keeps newest', ({ from, count, to, expected }) => {
    const rb = filled(from, count);
    rb.setCapacity(to);
    expect(rb.capacity).toBe(to);
    expect(rb.toArray()).toEqual(expected);
    expect(rb.total).toBe(count);
    rb.push(99);
    const after = to === 0 ? [] : [...expected, 99].slice(-to);
    expect(rb.toArray()).toEqual(after);
  });

  it('clear empties and resets total', () => {
    const rb = filled(3, 5);
    rb.clear();
    expect(rb.length).toBe(0);
    expect(rb.total).toBe(0);
    rb.push(1);
    expect(rb.toArray()).toEqual([1]);
  });

  it('matches a naive array model under random operations', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const rb = new RingBuffer<number>(4);
    let model: number[] = [];
    let cap = 4;
    for (let step = 0; step < 2000; step++) {
      const r = rand();
      if (r < 0.9) {
        const evicted = rb.push(step);
        model.push(step);
        // push returns the oldest item it overwrote (nothing while not full, nothing at capacity 0).
        expect(evicted).toBe(cap > 0 && model.length > cap ? model[0] : undefined);
        if (model.length > cap) model = model.slice(model.length - cap);
      } else {
        cap = Math.floor(rand() * 8);
        rb.setCapacity(cap);
        model = cap === 0 ? [] : model.slice(-cap);
      }
      expect(rb.toArray()).toEqual(model);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { SubtreeRates } from './subtree-rates';

describe('SubtreeRates', () => {
  it('a row has a rate one sample after it is first asked for, from its subtree count', () => {
    let now = 1000;
    const rates = new SubtreeRates(() => now);
    const node = { subtreeMessages: 100 };
    expect(rates.rateOf(node)).toBeUndefined();
    node.subtreeMessages = 150;
    now = 2000;
    rates.sample(now);
    expect(rates.rateOf(node)).toBe(50);
  });

  it('averages over the last 10 s', () => {
    let now = 0;
    const rates = new SubtreeRates(() => now);
    const node = { subtreeMessages: 0 };
    rates.rateOf(node);
    // 20 msg/s for 10 s, then 0.
    for (let s = 1; s <= 10; s++) {
      node.subtreeMessages += 20;
      rates.sample((now = s * 1000));
    }
    expect(rates.rateOf(node)).toBe(20);
    for (let s = 11; s <= 15; s++) rates.sample((now = s * 1000));
    expect(rates.rateOf(node)).toBe(10);
    for (let s = 16; s <= 20; s++) rates.sample((now = s * 1000));
    expect(rates.rateOf(node)).toBe(0);
  });

  it('forgets rows nobody asked about for 15 s, and tells listeners once per sample', () => {
    const rates = new SubtreeRates(() => 0);
    let told = 0;
    rates.subscribe(() => told++);
    rates.sample(0);
    expect(told).toBe(0); // nothing tracked: nothing to tell
    const kept = { subtreeMessages: 0 };
    const dropped = { subtreeMessages: 0 };
    rates.rateOf(kept);
    rates.rateOf(dropped);
    for (let s = 1; s <= 16; s++) {
      rates.sample(s * 1000);
      rates.rateOf(kept);
    }
    expect(rates.size).toBe(1);
    expect(told).toBe(16);
  });
});

import { describe, expect, it } from 'vitest';
import { graceLeft, INPUT_GRACE_MS } from './input-grace';

describe('a live refresh gives way to input', () => {
  it('waits out the grace after a pointer or key press', () => {
    expect(graceLeft(1_000, 1_000)).toBe(INPUT_GRACE_MS);
    expect(graceLeft(1_020, 1_000)).toBe(INPUT_GRACE_MS - 20);
  });

  it('goes at once once the grace has passed, or with no input yet', () => {
    expect(graceLeft(1_000 + INPUT_GRACE_MS, 1_000)).toBe(0);
    expect(graceLeft(5_000, 1_000)).toBe(0);
    expect(graceLeft(5_000)).toBe(0);
  });
});

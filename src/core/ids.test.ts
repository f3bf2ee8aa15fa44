import { describe, expect, it } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('is the prefix, the time in base 36 and five random base-36 characters', () => {
    expect(newId('dash', 1_700_000_000_000, () => 0.123456789)).toBe('dash-loyw3v28-4fzzz');
  });

  it('has the same shape with the real clock and randomness', () => {
    expect(newId('w')).toMatch(/^w-[0-9a-z]{8}-[0-9a-z]{1,5}$/);
  });

  it('differs between two ids made in the same millisecond', () => {
    const values = [0.1, 0.2];
    const next = () => values.shift()!;
    expect(newId('s', 42, next)).not.toBe(newId('s', 42, next));
  });
});

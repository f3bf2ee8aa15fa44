import { describe, expect, it } from 'vitest';
import { sameBytes } from './bytes';

describe('sameBytes', () => {
  it.each([
    ['both empty', [], [], true],
    ['equal', [1, 2, 255], [1, 2, 255], true],
    ['one byte differs', [1, 2, 3], [1, 2, 4], false],
    ['first byte differs', [0, 2, 3], [1, 2, 3], false],
    ['prefix of the other', [1, 2], [1, 2, 3], false],
    ['longer than the other', [1, 2, 3], [1, 2], false],
  ])('%s', (_name, a, b, same) => {
    expect(sameBytes(new Uint8Array(a), new Uint8Array(b))).toBe(same);
  });

  it('compares the viewed bytes of a subarray, not its whole buffer', () => {
    const whole = new Uint8Array([9, 1, 2, 9]);
    expect(sameBytes(whole.subarray(1, 3), new Uint8Array([1, 2]))).toBe(true);
  });
});

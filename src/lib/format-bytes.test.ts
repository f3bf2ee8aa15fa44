import { describe, expect, it } from 'vitest';
import { formatBytesIEC } from './format-bytes';

describe('formatBytesIEC', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [64 * 1024, '64 KiB'],
    [1024 * 1024, '1 MiB'],
    [1536 * 1024, '1.5 MiB'],
    [10_000_000, '9.54 MiB'],
    [300 * 1024 * 1024, '300 MiB'],
  ])('%d → %s', (n, want) => expect(formatBytesIEC(n)).toBe(want));
});

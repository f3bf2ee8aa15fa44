import { describe, expect, it } from 'vitest';
import { formatDuration, parseCapMb } from './format';

describe('Recordings formats', () => {
  it.each([
    ['200', { bytes: 200 * 1024 * 1024 }],
    [' 1 ', { bytes: 1024 * 1024 }],
    ['0.1', { bytes: 104_858 }],
    ['1.5', { bytes: 1.5 * 1024 * 1024 }],
    ['', { error: 'Enter the size cap in MB (0.1 to 100000).' }],
    ['0', { error: 'The size cap must be from 0.1 to 100000 MB.' }],
    ['0.0', { error: 'The size cap must be from 0.1 to 100000 MB.' }],
    ['100001', { error: 'The size cap must be from 0.1 to 100000 MB.' }],
    ['1.25', { error: 'The size cap is a number of MB with at most one decimal (0.1 to 100000).' }],
    ['-3', { error: 'The size cap is a number of MB with at most one decimal (0.1 to 100000).' }],
    ['1e3', { error: 'The size cap is a number of MB with at most one decimal (0.1 to 100000).' }],
  ])('size cap %j', (text, out) => expect(parseCapMb(text)).toEqual(out));

  it.each([
    [400, '0.4 s'],
    [12_345, '12 s'],
    [185_000, '3 min 05 s'],
    [7_440_000, '2 h 04 min'],
  ])('duration %d ms', (ms, out) => expect(formatDuration(ms)).toBe(out));
});

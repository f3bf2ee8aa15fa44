import { describe, expect, it } from 'vitest';
import { formatSize, formatTime, plural } from './format';

describe('format', () => {
  it('pluralises counts', () => {
    expect(plural(1, 'msg')).toBe('1 msg');
    expect(plural(2, 'topic')).toBe('2 topics');
  });
  it('formats sizes', () => {
    expect(formatSize(12)).toBe('12 B');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.00 MB');
  });
  it('formats times with milliseconds', () => {
    expect(formatTime(new Date(2026, 0, 1, 9, 5, 7, 42).getTime())).toMatch(/09:05:07\.042$/);
  });
});

import { describe, expect, it } from 'vitest';
import { formatClock, formatSize, formatTime, plural } from './format';

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
    expect(formatTime(new Date(2026, 0, 1, 9, 5, 7, 42).getTime())).toBe('09:05:07.042');
    expect(formatTime(new Date(2026, 0, 1, 23, 59, 59, 999).getTime())).toBe('23:59:59.999');
  });
  it('shows the hour after midnight as 00, not 24', () => {
    expect(formatTime(new Date(2026, 0, 1, 0, 5, 7, 3).getTime())).toBe('00:05:07.003');
    expect(formatClock(new Date(2026, 0, 1, 0, 5, 7).getTime())).toBe('00:05:07');
  });
  it('formats clock times without milliseconds', () => {
    expect(formatClock(new Date(2026, 0, 1, 14, 3, 27, 412).getTime())).toBe('14:03:27');
  });
});

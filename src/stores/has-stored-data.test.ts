import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './test-storage';
import { hasStoredData } from './has-stored-data';

const storage = (entries: Record<string, string>) => {
  const ls = new MemoryStorage();
  for (const [k, v] of Object.entries(entries)) ls.setItem(k, v);
  return () => ls;
};

describe('whether the stored data’s checks must load before the stores (main.tsx)', () => {
  it('a first visit: nothing stored, or only other sites’ keys on the same origin', () => {
    expect(hasStoredData(storage({}))).toBe(false);
    expect(hasStoredData(storage({ 'other-app.settings': '{}' }))).toBe(false);
    expect(hasStoredData(() => undefined)).toBe(false);
  });

  it('any key of Switchyard’s counts, also one no start store owns', () => {
    expect(hasStoredData(storage({ 'switchyard.profiles': '{}' }))).toBe(true);
    expect(hasStoredData(storage({ 'other-app.settings': '{}', 'switchyard.something-new': 'x' }))).toBe(true);
  });

  it('a storage the browser refuses holds nothing readable', () => {
    expect(
      hasStoredData(() => {
        throw new DOMException('denied', 'SecurityError');
      }),
    ).toBe(false);
  });
});

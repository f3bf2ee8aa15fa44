import { describe, expect, it } from 'vitest';
import { userPropsFromPairs, userPropsToPairs } from './user-properties';
import { isPartial, toRetainedFile, type RetainedEntry } from './retained-file';
import { parseRetainedFile } from './retained-file-parse';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('retained export file', () => {
  it('round-trips text, binary and properties byte-identically', () => {
    const entries: RetainedEntry[] = [
      { topic: 'cfg/a', payload: new TextEncoder().encode('{"x":1}'), qos: 1 },
      { topic: 'cfg/bin', payload: bytes(0, 255, 128, 10), qos: 0 },
      {
        topic: 'cfg/p',
        payload: bytes(1),
        qos: 2,
        properties: { contentType: 'application/json', userProperties: { a: 'b' }, correlationData: bytes(9, 8) },
      },
    ];
    const parsed = parseRetainedFile(toRetainedFile(entries, { broker: 'ws://x' }));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.entries).toEqual(entries);
  });

  it('never writes an entry the app holds only in part (its payload shorter than its size)', () => {
    const whole: RetainedEntry = { topic: 'big', payload: bytes(1, 2, 3), qos: 1, size: 3 };
    const partial: RetainedEntry = { topic: 'big', payload: bytes(1, 2), qos: 1, size: 3 };
    expect(isPartial(whole)).toBe(false);
    expect(isPartial(partial)).toBe(true);
    expect(isPartial({ topic: 'x', payload: bytes(1), qos: 0 })).toBe(false);
    expect(() => toRetainedFile([whole, partial])).toThrow(/big: only 2 of its 3 bytes/);
    const parsed = parseRetainedFile(toRetainedFile([whole]));
    expect(parsed.ok && [...parsed.entries[0].payload]).toEqual([1, 2, 3]);
  });

  it.each([
    ['not json', 'nope', /Not a JSON file/],
    ['wrong format', JSON.stringify({ format: 'x', version: 1, messages: [] }), /format/],
    ['bad qos', JSON.stringify({ format: 'switchyard.retained', version: 1, messages: [{ topic: 'a', payload: 'AA==', qos: 3 }] }), /messages\.0\.qos/],
    ['wildcard topic', JSON.stringify({ format: 'switchyard.retained', version: 1, messages: [{ topic: 'a/#', payload: 'AA==', qos: 0 }] }), /Wildcards/],
    ['$ topic', JSON.stringify({ format: 'switchyard.retained', version: 1, messages: [{ topic: '$SYS/x', payload: 'AA==', qos: 0 }] }), /\$/],
    ['bad base64', JSON.stringify({ format: 'switchyard.retained', version: 1, messages: [{ topic: 'a', payload: '@@@', qos: 0 }] }), /base64/],
    ['empty payload', JSON.stringify({ format: 'switchyard.retained', version: 1, messages: [{ topic: 'a', payload: '', qos: 0 }] }), /empty payload/],
    ['unknown key', JSON.stringify({ format: 'switchyard.retained', version: 1, messages: [{ topic: 'a', payload: 'AA==', qos: 0, evil: 1 }] }), /messages\.0/],
  ])('rejects %s', (_name, text, error) => {
    const r = parseRetainedFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
  it('keeps user properties named __proto__, constructor and toString through export and import', () => {
    const userProperties = userPropsFromPairs([['__proto__', 'a'], ['constructor', 'b'], ['toString', 'c'], ['k', 'd']]);
    const entry: RetainedEntry = { topic: 't', payload: new Uint8Array([1]), qos: 1, properties: { userProperties } };
    const parsed = parseRetainedFile(toRetainedFile([entry]));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(userPropsToPairs(parsed.entries[0].properties?.userProperties)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
      ['toString', 'c'],
      ['k', 'd'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects user properties that are not text', () => {
    const text = JSON.stringify({ format: 'switchyard.retained', version: 1, messages: [{ topic: 'a', payload: 'AA==', qos: 0, properties: { userProperties: { k: 1 } } }] });
    const r = parseRetainedFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/userProperties/);
  });
});

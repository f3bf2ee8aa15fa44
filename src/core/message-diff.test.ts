import { describe, expect, it } from 'vitest';
import { diffPayloads } from './message-diff';

const b = (s: string) => new TextEncoder().encode(s);

describe('diffPayloads', () => {
  it('reports identical payloads as the same', () => {
    expect(diffPayloads(b('on'), b('on'))).toEqual({ kind: 'same' });
  });

  it('gives key-level changes for JSON, nested paths and arrays included', () => {
    const d = diffPayloads(b('{"t":21.5,"h":40,"tags":["a"],"cfg":{"x":1}}'), b('{"t":21.7,"tags":["a","b"],"cfg":{"x":1,"y":2}}'));
    expect(d.kind).toBe('json');
    if (d.kind !== 'json') return;
    expect(d.changes).toEqual(
      expect.arrayContaining([
        { path: 't', type: 'changed', before: '21.5', after: '21.7' },
        { path: 'h', type: 'removed', before: '40' },
        { path: 'tags[1]', type: 'added', after: '"b"' },
        { path: 'cfg.y', type: 'added', after: '2' },
      ]),
    );
    expect(d.changes).toHaveLength(4);
  });

  it('falls back to a text diff when JSON only changed formatting', () => {
    const d = diffPayloads(b('{"a":1}'), b('{ "a": 1 }'));
    expect(d.kind).toBe('text');
  });

  it('diffs text by words', () => {
    const d = diffPayloads(b('lamp is off'), b('lamp is on'));
    expect(d.kind).toBe('text');
    if (d.kind !== 'text') return;
    expect(d.parts.filter((p) => p.removed).map((p) => p.value)).toEqual(['off']);
    expect(d.parts.filter((p) => p.added).map((p) => p.value)).toEqual(['on']);
  });

  it('only compares sizes for binary', () => {
    expect(diffPayloads(new Uint8Array([0, 1, 2]), new Uint8Array([0, 255]))).toEqual({ kind: 'binary', beforeSize: 3, afterSize: 2 });
  });
});

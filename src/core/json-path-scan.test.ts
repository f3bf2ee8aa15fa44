import { describe, expect, it } from 'vitest';
import { scanJsonPath, UNSURE } from './json-path-scan';
import { decodePayload } from './payload';
import { getPath, parsePath, type PathSegment } from './value-extract';
import { seededRandom } from './test-fixtures';

const enc = new TextEncoder();

/** What the alert engine read before: decodePayload, then getPath on a JSON document. */
function reference(bytes: Uint8Array, path: PathSegment[]): unknown {
  const d = decodePayload(bytes);
  if (d.kind !== 'json') return 'not json';
  const v = getPath(d.json, path);
  return v !== null && typeof v === 'object' ? null : v;
}

const scan = (text: string, path: string) => scanJsonPath(enc.encode(text), parsePath(path)!);

describe('scanJsonPath', () => {
  it.each([
    ['{"v":21.5,"seq":1}', 'v', 21.5],
    [' {"a":{"b":[1,{"c":-2e3}]}} \n', 'a.b[1].c', -2000],
    ['{"v":1,"v":2}', 'v', 2],
    ['{"v":{"x":1},"v":3}', 'v', 3],
    ['{"v":"ON"}', 'v', 'ON'],
    ['{"v":true,"w":null}', 'w', null],
    ['{"v":[1,2]}', 'v', null],
    ['{"v":1}', 'w', undefined],
    ['{"v":1}', 'v[0]', undefined],
    ['[5,6]', '[1]', 6],
    ['[5,6]', '[2]', undefined],
    ['{"__proto__":7}', '__proto__', 7],
    ['{"v":1e999}', 'v', Infinity],
  ])('%s at %s', (text, path, want) => {
    expect(scan(text, path)).toEqual(want);
  });

  it.each([
    ['{"v":1,}', 'v'],
    ['{"v":01}', 'v'],
    ['{"v":1} x', 'v'],
    ['{"v":"a\\"b"}', 'v'],
    ['{"v":"ü"}', 'v'],
    ['21.5', 'v'],
    ['"x"', 'v'],
    ['', 'v'],
    ['{"v":tru}', 'v'],
    ['{"v":1', 'v'],
    ['{"v":\u000b1}', 'v'],
    ['[' .repeat(100) + ']'.repeat(100), '[0]'],
  ])('cannot tell from %j: the caller decodes', (text, path) => {
    expect(scan(text, path)).toBe(UNSURE);
  });

  it('agrees with decoding and JSON.parse whenever it answers (random documents, mutated)', () => {
    const rand = seededRandom(7);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const keys = ['v', 'a', 'b', 'seq', '__proto__', 'constructor'];
    const gen = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.4) return pick([0, -1.5, 21.25, 1e21, 'on', 'x y', true, false, null, 3]);
      if (r < 0.7) return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [pick(keys), gen(depth + 1)]));
      return Array.from({ length: Math.floor(rand() * 4) }, () => gen(depth + 1));
    };
    const paths = ['v', 'a.v', 'a[0]', '[0]', '[1].v', 'b.a.seq', '__proto__', 'constructor', 'v[2]'].map((p) => parsePath(p)!);
    const junk = ' \t\n{}[],:"\\-.e0123x\u0001\u00e9';
    let answered = 0;
    for (let i = 0; i < 4_000; i++) {
      let text = JSON.stringify(gen(0), null, rand() < 0.3 ? 1 : undefined);
      if (rand() < 0.15) text = text.replace(/"v":/, '"v":1,"v":'); // a duplicate key
      if (rand() < 0.4) {
        const at = Math.floor(rand() * (text.length + 1));
        text = text.slice(0, at) + pick([...junk]) + text.slice(at + (rand() < 0.5 ? 1 : 0));
      }
      const bytes = enc.encode(text);
      for (const path of paths) {
        const got = scanJsonPath(bytes, path);
        if (got === UNSURE) continue;
        answered++;
        expect(got, `${text} at ${JSON.stringify(path)}`).toEqual(reference(bytes, path));
      }
    }
    expect(answered).toBeGreaterThan(10_000);
  });
});

// The worker is on the first load: its decoder handle must not bring any decoder's code with it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

describe('decode-control.ts', () => {
  it('imports decoders only dynamically, and nothing of core/sparkplug.ts', () => {
    const src = readFileSync(new URL('./decode-control.ts', import.meta.url), 'utf8');
    const staticImports = [...src.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].map((m) => m[1]);
    expect(staticImports).toEqual(['../../core/topic-filter']);
  });
});

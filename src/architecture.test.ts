// The house rules of DESIGN.md that code review would otherwise have to catch:
// features never import one another, core stays pure, only src/mqtt talks to mqtt.js,
// and nothing renders untrusted text as HTML.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(new URL(import.meta.url).pathname);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

const sources = files(SRC).filter((f) => !f.endsWith('.test.ts'));
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );
const resolved = (file: string, spec: string) => (spec.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), spec)) : spec);
const area = (rel: string) => rel.split(path.sep).slice(0, rel.startsWith('features') ? 2 : 1).join('/');

describe('architecture', () => {
  it('a feature never imports another feature', () => {
    const bad: string[] = [];
    for (const f of sources) {
      const from = area(path.relative(SRC, f));
      if (!from.startsWith('features/')) continue;
      for (const spec of importsOf(f)) {
        const to = area(resolved(f, spec));
        if (to.startsWith('features/') && to !== from) bad.push(`${path.relative(SRC, f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('core is plain TypeScript: no React, no mqtt, nothing from the rest of src', () => {
    const bad: string[] = [];
    for (const f of sources.filter((s) => path.relative(SRC, s).startsWith('core'))) {
      for (const spec of importsOf(f)) {
        const to = resolved(f, spec);
        if (spec === 'react' || spec.startsWith('react-') || spec === 'mqtt' || (spec.startsWith('.') && !to.startsWith('core'))) {
          bad.push(`${path.relative(SRC, f)} → ${spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('shared components do no I/O: nothing from src/mqtt or src/stores (actions come in as props)', () => {
    const bad: string[] = [];
    for (const f of sources.filter((s) => path.relative(SRC, s).startsWith('components'))) {
      for (const spec of importsOf(f)) {
        const to = area(resolved(f, spec));
        if (to === 'mqtt' || to === 'stores') bad.push(`${path.relative(SRC, f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('only src/mqtt imports mqtt.js', () => {
    const bad = sources.filter((f) => !path.relative(SRC, f).startsWith('mqtt') && importsOf(f).includes('mqtt'));
    expect(bad.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('nothing renders HTML from strings', () => {
    const bad = sources.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML/.test(readFileSync(f, 'utf8')));
    expect(bad.map((f) => path.relative(SRC, f))).toEqual([]);
  });
});

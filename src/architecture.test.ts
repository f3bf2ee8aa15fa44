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

  it('only src/mqtt imports mqtt.js', () => {
    const bad = sources.filter((f) => !path.relative(SRC, f).startsWith('mqtt') && importsOf(f).includes('mqtt'));
    expect(bad.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('nothing renders HTML from strings', () => {
    const bad = sources.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML/.test(readFileSync(f, 'utf8')));
    expect(bad.map((f) => path.relative(SRC, f))).toEqual([]);
  });
});

/** Files under `dir` (relative to src), without tests. */
const under = (dir: string) => sources.filter((f) => path.relative(SRC, f).startsWith(`${dir}/`));
const rel = (f: string) => path.relative(SRC, f);
const text = (f: string) => readFileSync(f, 'utf8');

describe('layers of the middle (docs/architecture.md, "Folders")', () => {
  it('stores import only core, lib and each other: never mqtt, hooks, features, components or app', () => {
    const bad = under('stores').flatMap((f) =>
      importsOf(f)
        .filter((spec) => spec.startsWith('.') && /^(mqtt|hooks|features|components|app)\b/.test(resolved(f, spec)))
        .map((spec) => `${rel(f)} → ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('components are shared pieces without I/O: they never import mqtt, stores, hooks, features or app', () => {
    const bad = under('components').flatMap((f) =>
      importsOf(f)
        .filter((spec) => spec.startsWith('.') && /^(mqtt|stores|hooks|features|app)\b/.test(resolved(f, spec)))
        .map((spec) => `${rel(f)} → ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('lib imports only core; mqtt and hooks never import features, components or app', () => {
    const rules: Array<[string, RegExp]> = [
      ['lib', /^(mqtt|stores|hooks|features|components|app)\b/],
      ['mqtt', /^(hooks|features|components|app)\b/],
      ['hooks', /^(features|components|app)\b/],
    ];
    const bad = rules.flatMap(([dir, banned]) =>
      under(dir).flatMap((f) =>
        importsOf(f)
          .filter((spec) => spec.startsWith('.') && banned.test(resolved(f, spec)))
          .map((spec) => `${rel(f)} → ${spec}`),
      ),
    );
    expect(bad).toEqual([]);
  });
});

describe('one bridge from models to React', () => {
  it('only hooks/use-model.ts calls useSyncExternalStore: views read models with useModel', () => {
    const bad = sources.filter((f) => rel(f) !== path.join('hooks', 'use-model.ts') && /useSyncExternalStore\s*[(<]/.test(text(f)));
    expect(bad.map(rel)).toEqual([]);
  });

  it('only core/emitter.ts keeps a set of listeners: every model extends VersionedEmitter', () => {
    const bad = sources.filter((f) => rel(f) !== path.join('core', 'emitter.ts') && /listeners\s*=\s*new Set/.test(text(f)));
    expect(bad.map(rel)).toEqual([]);
  });
});

describe('live wiring is explicit (app/live.ts)', () => {
  const LIVE = path.join('app', 'live.ts');
  it('only app/live.ts subscribes to the session, the trie or a store outside React', () => {
    const wiring = /\b(?:session|this\.session)\.(?:onBatch|onConnected|onDisconnected|onAlerts)\(|\b(?:session\.)?trie\.subscribe\(|\buse\w+Store\.subscribe\(/;
    const bad = sources.filter((f) => rel(f) !== LIVE && wiring.test(text(f)));
    expect(bad.map(rel)).toEqual([]);
  });

  it('importing a module starts nothing: no timers, listeners or subscriptions at the top level', () => {
    const topLevel = /^(?!\s|\/\/|\*|\/\*|(?:export\s+)?(?:async\s+)?function\b)[^\n]*\b(?:setInterval|setTimeout|addEventListener|addLeaveCheck|onBatch|onConnected|onDisconnected|subscribe)\(/m;
    const bad = sources.filter((f) => rel(f) !== 'main.tsx' && topLevel.test(text(f)));
    expect(bad.map(rel)).toEqual([]);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DRAGGABLE_USER_SELECT_CSS, contentSecurityPolicy, cspHash } from './csp.js';

describe('Content-Security-Policy', () => {
  test('strict: no unsafe-inline, no unsafe-eval, no inline scripts', () => {
    const policy = contentSecurityPolicy();
    expect(policy).toMatch(/^default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; worker-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self' 'sha256-[A-Za-z0-9+/]+=*'$/);
    expect(policy).not.toMatch(/unsafe/);
  });

  test("the hashed style is exactly what the installed react-draggable inserts", () => {
    const require = createRequire(import.meta.url);
    // The ES module build is what Vite bundles; each of its files that inserts the style must match.
    const dir = path.dirname(require.resolve('react-draggable'));
    const inserting = readdirSync(dir)
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .filter((source) => source.includes('styleEl.innerHTML'));
    expect(inserting.length).toBeGreaterThan(0);
    for (const source of inserting) {
      const lines = [...source.matchAll(/styleEl\.innerHTML \+?= "([^"]*)\\n";/g)].map((m) => `${m[1]}\n`);
      expect(lines.join('')).toBe(DRAGGABLE_USER_SELECT_CSS);
    }
    expect(contentSecurityPolicy()).toContain(cspHash(DRAGGABLE_USER_SELECT_CSS));
  });

  test('the nginx example in the README sends the same policy', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`add_header Content-Security-Policy "${contentSecurityPolicy()}; frame-ancestors 'none'"`);
  });
});

// Shared preamble of the Node model benchmarks (bench/recording-figures.js, recording-diff.js,
// time-travel.js, recording-index.js): options, the re-spawn with Node flags, loading src/ through
// vite, the seeded random numbers, timing and formatting helpers, the synthetic recording's clock.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

export const args = process.argv.slice(2);
/** The value after `name` on the command line, or `fallback`. */
export const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

/**
 * Runs the script at `scriptUrl` (its import.meta.url) again with the Node `flags`, marked by the
 * environment variable `envName` = '1', and exits with its status — unless this is already that
 * child (and `force` is not set).
 */
export function respawn(scriptUrl, envName, flags, force = false) {
  if (!force && process.env[envName] === '1') return;
  const r = spawnSync(process.execPath, [...flags, fileURLToPath(scriptUrl), ...args], {
    stdio: 'inherit',
    env: { ...process.env, [envName]: '1' },
  });
  process.exit(r.status ?? 1);
}

/** A module of the app (path from the repository root), through vite. */
export const load = async (file) => (await runnerImport(path.join(root, file), { configFile: false, root, logLevel: 'silent' })).module;

/** mulberry32: the same recording on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
export const fmt = (xs) => `p50 ${pct(xs, 50).toFixed(2)} / p95 ${pct(xs, 95).toFixed(2)} / max ${Math.max(...xs).toFixed(2)} ms`;
export const num = (x) => x.toLocaleString('en-US');
/** Milliseconds `fn` takes. */
export const time = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

/** The synthetic recordings: one hour from T0, stored in chunks of BATCH messages. */
export const T0 = Date.UTC(2026, 11, 1, 14, 0, 0);
export const HOUR = 3_600_000;
export const BATCH = 5000;

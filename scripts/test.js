// `npm test`: prerequisites, then lint, type check, unit tests, e2e tests, in that order.
// Streams each tool's output, stops at the first failing stage, and ends with one summary line
// per stage and a closing count line ("tests: N passed, N failed").
//
//   npm test                      everything
//   npm test -- --grep explorer   extra arguments go to `playwright test`
//
// Environment: CHROMIUM_PATH (browser to drive; found/installed by scripts/prereqs.js),
// SWITCHYARD_E2E_PORT (port of the preview server, default 4173), SWITCHYARD_E2E_WORKERS.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrereqs } from './prereqs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reportDir = path.join(root, 'node_modules', '.tmp', 'test-reports');
const vitestJson = path.join(reportDir, 'vitest.json');
const playwrightJson = path.join(reportDir, 'playwright.json');
const extraArgs = process.argv.slice(2);

/** @type {{name: string, status: 'ok'|'FAIL'|'skipped', seconds: number, counts?: Counts, note?: string}[]} */
const results = [];
/** @typedef {{passed: number, failed: number, skipped: number, flaky?: number}} Counts */

let current = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.error(`\n[test] ${sig}: stopping`);
    // Let the runner shut down its browsers, brokers and web server before we go.
    const child = current;
    if (!child) process.exit(130);
    child.once('close', () => process.exit(130));
    // Forward as SIGINT: on SIGTERM Playwright exits at once and orphans `vite preview`.
    // Ctrl-C at a terminal already reached the child (and a second SIGINT means "force").
    if (!(sig === 'SIGINT' && process.stdin.isTTY)) child.kill('SIGINT');
    setTimeout(() => process.exit(130), 15_000).unref();
  });
}

function banner(text) {
  console.log(`\n━━━ ${text} ${'━'.repeat(Math.max(3, 72 - text.length))}`);
}

/** Run a command with inherited stdio; resolves with its exit code. */
function run(cmd, args, env = {}) {
  console.log(`$ ${path.relative(root, cmd) || cmd} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    current = child;
    child.on('error', (err) => {
      console.error(`[test] could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** @returns {Counts | undefined} */
function vitestCounts() {
  const r = readJson(vitestJson);
  if (!r) return undefined;
  return {
    passed: r.numPassedTests ?? 0,
    failed: r.numFailedTests ?? 0,
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}

/** @returns {Counts | undefined} */
function playwrightCounts() {
  const r = readJson(playwrightJson);
  if (!r?.stats) return undefined;
  const s = r.stats;
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0, flaky: s.flaky ?? 0 };
}

async function stage(name, fn) {
  banner(name);
  const t0 = Date.now();
  let status = 'FAIL';
  let counts;
  let note;
  try {
    const out = await fn();
    status = out.ok ? 'ok' : 'FAIL';
    counts = out.counts;
    note = out.note;
  } catch (err) {
    console.error(err?.code === 'PREREQS_MISSING' ? err.message : err);
  }
  results.push({ name, status, seconds: (Date.now() - t0) / 1000, counts, note });
  return status === 'ok';
}

function summary() {
  const stages = ['prereqs', 'lint', 'typecheck', 'unit', 'e2e'];
  for (const name of stages) if (!results.find((r) => r.name === name)) results.push({ name, status: 'skipped', seconds: 0 });
  banner('summary');
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of results) {
    const c = r.counts;
    const detail = [
      c && `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}${c.flaky ? ` (${c.flaky} flaky)` : ''}`,
      r.note,
    ].filter(Boolean).join('; ');
    const time = r.status === 'skipped' ? '' : `${r.seconds.toFixed(1)}s`;
    console.log(`  ${r.name.padEnd(10)} ${r.status.padEnd(8)} ${time.padStart(7)}  ${detail}`.trimEnd());
    if (c) {
      passed += c.passed;
      failed += c.failed;
      skipped += c.skipped;
    }
    // A stage that failed without a failing test (tsc errors, a crash, no tests found) still counts.
    if (r.status === 'FAIL' && !(c && c.failed > 0)) failed += 1;
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed === 0 && results.every((r) => r.status === 'ok');
}

async function main() {
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  let prereqs = null;

  const ok =
    (await stage('prereqs', async () => {
      prereqs = await ensurePrereqs({ install: true });
      return { ok: true, note: prereqs.installed.length ? `installed ${prereqs.installed.join(' ')}` : undefined };
    })) &&
    (await stage('lint', async () => {
      const ok = (await run(bin('eslint'), ['.', '--max-warnings', '0'])) === 0;
      if (!ok) console.error('\n[test] lint failed: fix the ESLint findings above (`npm run lint` repeats just this step).');
      return { ok, note: ok ? undefined : 'ESLint findings; run `npm run lint`' };
    })) &&
    (await stage('typecheck', async () => ({ ok: (await run(bin('tsc'), ['-b'])) === 0 }))) &&
    (await stage('unit', async () => {
      const code = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
      const counts = vitestCounts();
      return { ok: code === 0 && (!counts || counts.passed > 0), counts, note: counts ? undefined : 'no JSON report' };
    })) &&
    (await stage('e2e', async () => {
      const code = await run(bin('playwright'), ['test', ...extraArgs], {
        CHROMIUM_PATH: prereqs.chromiumPath,
        SWITCHYARD_PW_JSON: playwrightJson,
        // The whole suite: the specs that need the machine to themselves run last, alone (playwright.config.ts).
        ...(extraArgs.length === 0 ? { SWITCHYARD_E2E_ALONE_LAST: '1' } : {}),
      });
      const counts = playwrightCounts(); // absent when the extra args replace the reporters
      return { ok: code === 0 && (!counts || counts.passed > 0), counts, note: counts ? undefined : 'no JSON report' };
    }));

  const allOk = summary() && ok;
  process.exit(allOk ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// Playwright config of the throughput benchmark (`npm run bench`, see bench/README.md).
// Not part of `npm test`: the e2e config (../playwright.config.ts) only looks in e2e/.
// Settings come from scripts/bench.js through BENCH_* environment variables.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from '../e2e/fixtures/chromium.ts';
import { benchChromiumArgs } from './quiet-browser.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.BENCH_PORT ?? 4180);
const baseURL = `http://127.0.0.1:${port}`;
// The app is built into its own directory so that a concurrent `npm test` (which builds and
// serves dist/) is never disturbed, and vice versa.
// The soak serves its own copy for an hour: another benchmark's rebuild must not empty it under it.
const outDir = process.env.BENCH_SOAK === '1' ? '.tmp/bench-dist-soak' : '.tmp/bench-dist';
const needsApp = !['bare', 'raw'].includes(process.env.BENCH_ONLY ?? '');
// With --profile, keep function names readable in the CPU profile.
const buildFlags =
  (process.env.BENCH_PROFILE === '1' ? ' --minify false' : '') +
  // --first-load: the same build plus a per-module size report (bench/first-load.vite.config.ts).
  (process.env.BENCH_FIRST_LOAD === '1' ? ' -c bench/first-load.vite.config.ts' : '');

export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: path.join(root, '.tmp', 'bench-test-results'),
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // The spec sets its own timeout from the requested load (rounds × phases × duration).
  timeout: 30 * 60_000,
  reporter: 'line',
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    headless: true,
    trace: 'off',
    screenshot: 'off',
    video: 'off',
    launchOptions: {
      executablePath: chromiumExecutable,
      args: benchChromiumArgs,
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: needsApp
    ? {
        // The production build, served as a user would get it.
        command: `npx vite build --outDir ${outDir} --emptyOutDir${buildFlags} && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
        cwd: root,
        url: baseURL,
        reuseExistingServer: false,
        timeout: 180_000,
        stdout: 'ignore',
        stderr: 'pipe',
        // --first-load: the build's default broker is the embedded one the spec starts on port + 10, as
        // `npm start` tells the dev server its broker's URL (dev/start.js), so that `/` is npm start's first visit.
        ...(process.env.BENCH_FIRST_LOAD === '1' ? { env: { VITE_SWITCHYARD_BROKER_URL: `ws://127.0.0.1:${port + 10}` } } : {}),
      }
    : undefined,
});

// E2E: the built app served by `vite preview`, driven in Debian's Chromium (no Playwright
// browser download), against real Mosquitto brokers each test starts on free ports
// (e2e/fixtures/mosquitto.ts). The page is pointed at a broker with ?broker=ws://127.0.0.1:PORT.
import { defineConfig, devices, type ReporterDescription } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from './e2e/fixtures/chromium.ts';

const port = Number(process.env.SWITCHYARD_E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;
const isCI = !!process.env.CI;
// The default port builds into dist/; any other port gets its own build and results folder, so
// runs on different ports (several people or agents on one machine) never overwrite each other.
const own = process.env.SWITCHYARD_E2E_PORT && port !== 4173;
const outDir = own ? `.tmp/e2e-dist-${port}` : 'dist';
// The embedded broker (dev/broker.js) accepts WebSockets only from the app's own origins; in e2e
// the app is served from baseURL, so specs' startBroker() calls accept that page (and no other).
process.env.SWITCHYARD_ALLOWED_ORIGINS = baseURL;
// A failed test keeps its trace; Playwright writes every WebSocket frame into it, base64, as the
// test runs (memory-cap.spec's 140 MiB of pictures would be ~195 MB of trace). MQTT frames are
// binary and the app's own views show what arrived, so traces leave them out ('' keeps them).
process.env.PLAYWRIGHT_TRACING_NO_WEBSOCKET_FRAMES ??= '1';

const reporter: ReporterDescription[] = [['list']];
// scripts/test.js asks for a JSON report to print one count line for the whole run.
if (process.env.SWITCHYARD_PW_JSON) reporter.push(['json', { outputFile: process.env.SWITCHYARD_PW_JSON }]);

/**
 * Specs that need the machine to themselves: they run one at a time (see `projects`). The replay
 * specs assert time; the memory-cap spec moves 140 MiB through the app's WebSocket, which
 * Playwright has Chromium report to it frame by frame (memory-cap.spec.ts).
 */
const aloneSpecs = /[\\/](replay(-roundtrip|-range)?|memory-cap)\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e',
  outputDir: own ? `test-results/port-${port}` : 'test-results',
  // Two cores; every test has its own broker on its own ports, so two workers are safe.
  workers: Number(process.env.SWITCHYARD_E2E_WORKERS ?? 2),
  fullyParallel: false,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter,
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs },
  },
  // The specs that need the machine to themselves run in their own project, one at a time. In
  // `npm test` (scripts/test.js sets SWITCHYARD_E2E_ALONE_LAST) they also wait for every other
  // spec to finish. The replay specs time a replay at 1× against the recording (gaps within
  // 20 %): beside another worker's browser under a firehose the machine's load reached 9-10 on two
  // cores and single bursts came 100-230 ms late, which is the machine, not the replay (alone,
  // the largest gap error is 1-5 %). The memory-cap spec took 22-66 s beside the 100,000-topic burst
  // and 19 s alone at the end of `npm test`. Run by hand (`npm run test:e2e`, a file, --grep) nothing waits: a
  // dependency would make a single replay spec run the whole other project first.
  projects: [
    { name: 'chromium', testIgnore: aloneSpecs },
    { name: 'alone', testMatch: aloneSpecs, workers: 1, dependencies: process.env.SWITCHYARD_E2E_ALONE_LAST ? ['chromium'] : [] },
  ],
  webServer: {
    // Build once, then serve the static files exactly as a user would get them.
    command: `npx vite build --outDir ${outDir} --emptyOutDir && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: !isCI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

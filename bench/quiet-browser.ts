// The browser the throughput benchmark measures in: the same Chromium, started with the same
// command line Playwright uses, but without DevTools watching the network.
//
// Why: Playwright enables the CDP Network domain on every page and worker it drives. With it on,
// Chromium reports every WebSocket frame to the DevTools client (Network.webSocketFrameReceived,
// payload included): at 5,000 msg/s that is 5,000 JSON events a second relayed by the browser
// process, written down the DevTools pipe and parsed by the Playwright worker. Sampled per thread
// (/proc, December 2026) that relay took ~50 % of one of this machine's two cores during a window
// (browser main 15–18 %, its IO thread 11–13 %, the DevTools pipe writer 9–10 %, Playwright's
// Node process 12–14 %), CPU the page under test then waits for. A person's browser has no
// DevTools attached. So the benchmark talks to this browser through a small CDP relay that answers
// `Network.enable` itself (success, not forwarded): everything else Playwright does — contexts,
// navigation, locators, input, evaluate, CDP sessions, tracing — goes through unchanged, and the
// pages (bare, raw and app alike) run as they would for a user. `--devtools-network` measures the
// old way (Playwright's own browser, Network domain on), for comparison.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '../e2e/fixtures/chromium.ts';
import { startRelay } from './cdp-relay.ts';
import { PROFILE_PREFIX, removeStaleProfiles } from './stale-profiles.ts';

export interface QuietBrowser {
  browser: Browser;
  /** Started with the command line of Playwright's own browser (false: the e2e flags, Playwright's was not found). */
  playwrightCommandLine: boolean;
  /** Network.enable requests answered by the relay instead of the browser. */
  networkEnablesAnswered: () => number;
  close: () => Promise<void>;
}

/** The command line of the Chromium that Playwright launched for this worker process (its direct child), or null. */
function playwrightChromiumCommand(): string[] | null {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv.includes('--remote-debugging-pipe')) return argv;
    } catch {
      /* the process went away */
    }
  }
  return null;
}

/** The benchmarks' Chromium flags (bench/playwright.config.ts): the e2e ones, and a page measured while another is closed is never throttled. */
export const benchChromiumArgs = [
  ...chromiumArgs,
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Starts Chromium (Playwright's own command line when found) on a DevTools port and waits for its endpoint. */
async function startChromium(): Promise<{ proc: ChildProcess; endpoint: string; profile: string; found: boolean }> {
  removeStaleProfiles();
  const profile = mkdtempSync(path.join(os.tmpdir(), PROFILE_PREFIX));
  const found = playwrightChromiumCommand();
  const [exe, ...args] = found ?? [chromiumExecutable, '--headless', '--hide-scrollbars', '--mute-audio', ...benchChromiumArgs];
  const argv = [
    ...args.filter((a) => a !== '--remote-debugging-pipe' && !a.startsWith('--user-data-dir=') && a !== 'about:blank'),
    `--user-data-dir=${profile}`,
    '--remote-debugging-port=0',
    'about:blank',
  ];
  const proc = spawn(exe, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools endpoint within 30 s: ${err.slice(-500)}`)), 30_000);
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before its DevTools endpoint: ${err.slice(-500)}`));
    });
  });
  proc.stderr!.resume();
  return { proc, endpoint, profile, found: found !== null };
}

/** Chromium as Playwright starts it, driven by Playwright through the relay (no Network domain). */
export async function launchQuietBrowser(): Promise<QuietBrowser> {
  const { proc, endpoint, profile, found } = await startChromium();
  const relay = await startRelay(endpoint);
  const browser = await chromium.connectOverCDP(relay.url);
  return {
    browser,
    playwrightCommandLine: found,
    networkEnablesAnswered: relay.answered,
    close: async () => {
      await browser.close().catch(() => {});
      await relay.close();
      const exited = new Promise<void>((resolve) => (proc.exitCode !== null ? resolve() : proc.once('exit', () => resolve())));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
      // Chromium's helpers may still be writing to it for a moment after the browser exits.
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}

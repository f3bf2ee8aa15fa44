import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { handshake } from './test-utils.js';

const START = fileURLToPath(new URL('./start.js', import.meta.url));

/**
 * Runs `node dev/start.js` with extra environment variables.
 * @param {Record<string, string>} env
 */
function run(env) {
  const child = spawn(process.execPath, [START], {
    env: { ...process.env, SWITCHYARD_WS_PORT: '0', SWITCHYARD_MQTT_PORT: '0', SWITCHYARD_UI_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    out: () => stdout,
    err: () => stderr,
    /** Resolves once stdout contains `text`. */
    waitForOutput: (/** @type {string} */ text, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${text}" in output:\n${stdout}\n${stderr}`)), timeoutMs);
        const check = () => {
          if (!stdout.includes(text)) return;
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve(undefined);
        };
        child.stdout.on('data', check);
        check();
      }),
  };
}

describe('npm start (dev/start.js)', () => {
  /** @type {net.Server} */
  let blocker;
  /** @type {number} */
  let busy;
  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise((resolve) => blocker.listen(0, '127.0.0.1', () => resolve(undefined)));
    busy = /** @type {net.AddressInfo} */ (blocker.address()).port;
  });
  afterAll(() => new Promise((resolve) => blocker.close(() => resolve(undefined))));

  test('a taken broker port: one line naming the port and variable, exit 1', async () => {
    const app = run({ SWITCHYARD_WS_PORT: String(busy) });
    expect(await app.exited).toBe(1);
    expect(app.err()).toBe(
      `Port ${busy} is already in use (MQTT over WebSocket). Set SWITCHYARD_WS_PORT to use another port.\n`,
    );
    expect(app.out()).toBe('');
  });

  test('a taken UI port: one line, exit 1, broker and simulator stopped', async () => {
    const app = run({ SWITCHYARD_UI_PORT: String(busy) });
    expect(await app.exited).toBe(1);
    expect(app.err()).toBe(`Port ${busy} is already in use (web UI). Set SWITCHYARD_UI_PORT to use another port.\n`);
  }, 20_000);

  test('an invalid port value is reported, not thrown', async () => {
    const app = run({ SWITCHYARD_MQTT_PORT: 'eighteen' });
    expect(await app.exited).toBe(1);
    expect(app.err()).toBe('SWITCHYARD_MQTT_PORT must be a port number (0-65535), got "eighteen".\n');
  });

  test('starts broker, simulator and UI, prints the banner, and one SIGINT stops it with 0', async () => {
    const app = run({});
    try {
      await app.waitForOutput('Ctrl-C to stop.');
      expect(app.out()).toMatch(/Web UI +http:\/\/localhost:\d+\//);
      expect(app.out()).toMatch(/MQTT over WebSocket +ws:\/\/localhost:\d+/);
      expect(app.out()).toMatch(/Simulated devices +livingroom, garden, lamp, kitchen, th-01, th-02/);
      app.child.kill('SIGINT');
      expect(await app.exited).toBe(0);
    } finally {
      app.child.kill('SIGKILL');
    }
  }, 30_000);

  test("the dev server's page may open the broker's WebSocket, a page from another site may not", async () => {
    const app = run({ SWITCHYARD_NO_SIMULATOR: '1' });
    try {
      await app.waitForOutput('Ctrl-C to stop.');
      const ui = /Web UI +(http:\/\/localhost:\d+)\//.exec(app.out())?.[1];
      const ws = /MQTT over WebSocket +ws:\/\/localhost:(\d+)/.exec(app.out())?.[1];
      expect(ui).toBeTruthy();
      expect(await handshake(`ws://127.0.0.1:${ws}`, ui)).toBe(101);
      expect(await handshake(`ws://127.0.0.1:${ws}`, 'http://evil.example')).toBe(403);
      expect(app.err()).not.toMatch(/WITHOUT AUTHENTICATION/);
    } finally {
      app.child.kill('SIGKILL');
    }
  }, 30_000);

  test('bound beyond localhost, the banner warns loudly that there is no authentication', async () => {
    const app = run({ SWITCHYARD_NO_SIMULATOR: '1', SWITCHYARD_HOST: '0.0.0.0' });
    try {
      await app.waitForOutput('Ctrl-C to stop.');
      await expect.poll(() => app.err(), { timeout: 5000 }).toMatch(/WARNING: the broker listens on 0\.0\.0\.0 .* WITHOUT AUTHENTICATION/);
    } finally {
      app.child.kill('SIGKILL');
    }
  }, 30_000);

  test('SIGTERM also stops everything and exits 0', async () => {
    const app = run({ SWITCHYARD_NO_SIMULATOR: '1' });
    try {
      await app.waitForOutput('Ctrl-C to stop.');
      expect(app.out()).toMatch(/Simulated devices +off/);
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
    } finally {
      app.child.kill('SIGKILL');
    }
  }, 30_000);
});

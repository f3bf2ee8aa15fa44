// `npm start`: the embedded broker, the device simulator and the Vite dev server in one process.
// One Ctrl-C (SIGINT) or SIGTERM stops all three and exits 0.
import { brokerOptionsFromEnv, displayHost, startBroker } from './broker.js';
import { exitWithError, flagFromEnv, portFromEnv } from './env.js';
import { simulatorOptionsFromEnv, startSimulator } from './simulator.js';
import { StartupError } from './startup-error.js';
import { exposureWarning } from './origins.js';

/** Give up on a graceful shutdown after this long and just exit. */
const SHUTDOWN_TIMEOUT_MS = 3000;

/** @type {Array<() => Promise<unknown>>} closers, in start order */
const running = [];
let stopping = false;

/** Stops what has started, newest first, then exits. */
async function shutdown(/** @type {number} */ code = 0) {
  if (stopping) process.exit(code); // a second Ctrl-C: don't wait any longer
  stopping = true;
  setTimeout(() => process.exit(code), SHUTDOWN_TIMEOUT_MS).unref();
  for (const close of running.reverse()) {
    try {
      await close();
    } catch {
      // keep stopping the rest
    }
  }
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  const say = (/** @type {string} */ prefix) => (/** @type {string} */ line) => console.log(`[${prefix}] ${line}`);

  try {
    const brokerOptions = brokerOptionsFromEnv();
    const uiPort = portFromEnv('SWITCHYARD_UI_PORT', 5173);
    const withSimulator = !flagFromEnv('SWITCHYARD_NO_SIMULATOR');
    const simOptions = withSimulator ? simulatorOptionsFromEnv() : undefined;

    const broker = await startBroker({ ...brokerOptions, log: say('broker') });
    running.push(() => broker.close());

    let deviceNames = 'off (SWITCHYARD_NO_SIMULATOR)';
    if (simOptions) {
      const url = `mqtt://${dialHost(brokerOptions.host)}:${broker.mqttPort}`;
      const sim = await startSimulator({ ...simOptions, url, log: say('simulator') });
      running.push(() => sim.stop());
      deviceNames = [...sim.devices.keys()].join(', ') || 'none (all disabled)';
    }

    const host = displayHost(brokerOptions.host);
    // The app connects to ws://<page host>:9001 unless told otherwise at build time.
    if (broker.wsPort !== 9001 && !process.env.VITE_SWITCHYARD_BROKER_URL) {
      process.env.VITE_SWITCHYARD_BROKER_URL = `ws://${host}:${broker.wsPort}`;
    }

    const vite = await startVite(uiPort);
    running.push(() => vite.close());

    if (stopping) return;
    const uiUrl = vite.resolvedUrls?.local[0] ?? `http://localhost:${uiPort}/`;
    // The dev server's own pages may use the broker (its port is known only now when it was 0).
    for (const url of [...(vite.resolvedUrls?.local ?? []), ...(vite.resolvedUrls?.network ?? []), uiUrl]) broker.allowOrigin(url);
    printBanner({ uiUrl, host, wsPort: broker.wsPort, mqttPort: broker.mqttPort, deviceNames });
    const warning = exposureWarning(brokerOptions.host, broker);
    if (warning) console.warn(`\n${warning}\n`);
  } catch (err) {
    for (const close of running.reverse()) await close().catch(() => {});
    exitWithError(err);
  }
}

/**
 * Starts Vite's dev server through its JS API (same process, so one Ctrl-C stops everything).
 * @param {number} port
 */
async function startVite(port) {
  const { createServer } = await import('vite');
  // Vite installs its own SIGTERM handler that exits with status 143 before we have stopped
  // the broker; we handle SIGTERM ourselves, so take Vite's away again.
  const before = new Set(process.listeners('SIGTERM'));
  const server = await createServer({ server: { port, strictPort: true }, clearScreen: false });
  for (const listener of process.listeners('SIGTERM')) {
    if (!before.has(listener)) process.off('SIGTERM', listener);
  }
  try {
    await server.listen();
  } catch (err) {
    await server.close().catch(() => {});
    const code = /** @type {NodeJS.ErrnoException} */ (err).code;
    if (code === 'EADDRINUSE' || /already in use/i.test(String(/** @type {Error} */ (err).message))) {
      throw new StartupError(
        `Port ${port} is already in use (web UI). Set SWITCHYARD_UI_PORT to use another port.`,
        { code: 'EADDRINUSE', port, envVar: 'SWITCHYARD_UI_PORT' },
      );
    }
    throw err;
  }
  return server;
}

/** The address the in-process simulator should dial for a broker listening on `host`. */
function dialHost(/** @type {string} */ host) {
  if (['localhost', '0.0.0.0', '::', ''].includes(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * @param {{ uiUrl: string, host: string, wsPort: number, mqttPort: number, deviceNames: string }} info
 */
function printBanner({ uiUrl, host, wsPort, mqttPort, deviceNames }) {
  const portFlag = mqttPort === 1883 ? '' : ` -p ${mqttPort}`;
  console.log(
    [
      '',
      '  Switchyard is running',
      '',
      `  Web UI               ${uiUrl}`,
      `  MQTT over WebSocket  ws://${host}:${wsPort}`,
      `  MQTT                 mqtt://${host}:${mqttPort}`,
      `  Simulated devices    ${deviceNames}`,
      '',
      `  Try:  mosquitto_pub -h ${host}${portFlag} -t home/office/lamp -m on`,
      `        mosquitto_sub -h ${host}${portFlag} -t 'home/#' -v`,
      '',
      '  Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main();

/**
 * The MQTT worker, started as the first thing the page does: main.tsx imports this module before
 * anything else, so the worker's script is fetched and evaluated while the main thread is still
 * evaluating the app's own modules (docs/performance.md, "First load"). The session adopts it on
 * its first connect (session.ts); until then it sits idle (it only ever speaks when spoken to).
 * A worker whose script failed to load is not handed over: the session starts a fresh one, whose
 * failure it then sees and reports.
 */

/** A new MQTT worker (the one place that names worker.ts, so the build emits it once). */
export function startMqttWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'mqtt' });
}

let early: Worker | null = null;
let failed = false;

/** Starts the worker now (once), unless this environment has no workers. */
export function startEarlyWorker(): void {
  if (early || typeof Worker === 'undefined') return;
  early = startMqttWorker();
  early.addEventListener('error', () => (failed = true), { once: true });
}

/** The worker started early, once (null when none was started or it failed to load). */
export function takeEarlyWorker(): Worker | null {
  const w = early;
  early = null;
  if (w && failed) {
    w.terminate();
    return null;
  }
  return w;
}

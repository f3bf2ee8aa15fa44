/**
 * `worker-timers` for mqtt.js in the worker build (scripts/lean-mqtt.js). mqtt.js runs its
 * keep-alive on worker-timers only in a page (timerVariant 'auto': `isBrowser && !isWebWorker`)
 * so that a background tab does not throttle it; in a worker it uses the native timers, and so
 * does this module, which keeps worker-timers' own worker (and its code) out of the bundle.
 */
export function setInterval(fn: () => void, ms: number): number {
  return globalThis.setInterval(fn, ms) as unknown as number;
}
export function clearInterval(id: number): void {
  globalThis.clearInterval(id);
}
export function setTimeout(fn: () => void, ms: number): number {
  return globalThis.setTimeout(fn, ms) as unknown as number;
}
export function clearTimeout(id: number): void {
  globalThis.clearTimeout(id);
}

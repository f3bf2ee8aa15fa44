// The entry is only this: the MQTT worker starts loading at once, before the app's own modules
// are fetched and evaluated (mqtt/early-worker.ts); the session adopts it when it connects.
// Then the app boots (app/boot.ts: stores, session, views). docs/performance.md, "First load".
import { startEarlyWorker } from './mqtt/early-worker';
import { hasStoredData } from './stores/has-stored-data';

startEarlyWorker();
const root = document.getElementById('root')!;
const couldNotLoad = (err: unknown) => {
  root.textContent = `Switchyard could not load its code (${err instanceof Error ? err.message : String(err)}). Reload the page to try again.`;
};
// What the stores read back from localStorage is checked (zod) before they are created; with
// nothing stored (a first visit) there is nothing to check and the checks are not loaded.
const checksReady = hasStoredData() ? import('./stores/start-schemas').then((m) => void m.registerStartLoaders()) : Promise.resolve();
checksReady.then(() => import('./app/boot')).then((m) => m.boot(root, couldNotLoad), couldNotLoad);

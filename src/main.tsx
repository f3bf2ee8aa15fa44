// The entry is only this: the MQTT worker starts loading at once, before the app's own modules
// are fetched and evaluated (mqtt/early-worker.ts); the session adopts it when it connects.
// Then the app boots (app/boot.ts: stores, session, views). docs/performance.md, "First load".
import { startEarlyWorker } from './mqtt/early-worker';

startEarlyWorker();
const root = document.getElementById('root')!;
const couldNotLoad = (err: unknown) => {
  root.textContent = `Switchyard could not load its code (${err instanceof Error ? err.message : String(err)}). Reload the page to try again.`;
};
import('./app/boot').then((m) => m.boot(root, couldNotLoad), couldNotLoad);

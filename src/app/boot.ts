/**
 * The app, once main.tsx has started the MQTT worker: the stores, the session and the views.
 * main.tsx imports this dynamically, so none of this has to be fetched and evaluated before the
 * worker starts loading (docs/performance.md, "First load").
 */
import './styles/tokens.css';
import './styles/global.css';
import { startSession } from './start-session';

/** Starts the session (it adopts the worker main.tsx started) and renders the views into `root`. */
export function boot(root: HTMLElement, couldNotLoad: (err: unknown) => void): void {
  // The views' code is fetched while the session connects: neither waits for the other.
  const app = import('./render');
  startSession();
  app.then((m) => m.render(root), couldNotLoad);
}

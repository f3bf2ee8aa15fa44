// First: zod runs jitless before any schema is used (the CSP allows no eval; scripts/csp.js).
import './lib/zod-config';
import './app/styles/tokens.css';
import './app/styles/global.css';
import { startSession } from './app/start-session';

// The views' code is fetched while the session starts the MQTT worker and connects: neither
// waits for the other (docs/performance.md, "First load").
const app = import('./app/render');
startSession();
const root = document.getElementById('root')!;
app.then(
  (m) => m.render(root),
  (err: unknown) => {
    root.textContent = `Switchyard could not load its code (${err instanceof Error ? err.message : String(err)}). Reload the page to try again.`;
  },
);

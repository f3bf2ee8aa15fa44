/**
 * Renders the app into the page. app/boot.ts loads this module (React DOM, the shell, the
 * Explorer) while the session is already connecting (its MQTT worker was started by main.tsx),
 * so the connection does not wait for this code to be parsed (docs/performance.md, "First load").
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { normalizePath } from './router';
import { navigation } from '../lib/navigation';

export function render(root: HTMLElement): void {
  // `/` (npm start, a `?broker=` link) is the Explorer: moved there before the first render (as the
  // index route's <Navigate> would after it), so the first render is the Explorer itself and not
  // an empty index followed by a second, time-sliced render in a transition.
  if (normalizePath(location.pathname) === '/') navigation.navigate(`/explorer${location.search}`, { replace: true });
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

/**
 * Renders the app into the page. main.tsx loads this module (React DOM, the shell, the
 * Explorer) while the session is already starting the MQTT worker and connecting, so the
 * worker's download and the connection do not wait for this code to be parsed
 * (docs/performance.md, "First load").
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

export function render(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

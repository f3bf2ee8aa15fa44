/**
 * Renders the app into the page. app/boot.ts loads this module (React DOM, the shell, the
 * Explorer) while the session is already connecting (its MQTT worker was started by main.tsx),
 * so the connection does not wait for this code to be parsed (docs/performance.md, "First load").
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

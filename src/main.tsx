// First: zod runs jitless before any schema is used (the CSP allows no eval; scripts/csp.js).
import './lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/styles/tokens.css';
import './app/styles/global.css';
import { App } from './app/app';
import { startSession } from './app/start-session';

startSession();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The Content-Security-Policy the built app ships with, as a <meta> tag in index.html (works on
// any static host; README "Security headers" gives the same policy as HTTP headers for nginx).
// Only in the build: Vite's dev server injects inline scripts (React refresh) that it would block.
import { createHash } from 'node:crypto';

/**
 * react-draggable (under react-grid-layout, while a widget is dragged in Edit layout) inserts one
 * inline <style> element with exactly this text. It is allowed by its hash, not by
 * 'unsafe-inline'; scripts/csp.test.js checks the installed library still writes this text.
 */
export const DRAGGABLE_USER_SELECT_CSS =
  '.react-draggable-transparent-selection *::-moz-selection {all: inherit;}\n' +
  '.react-draggable-transparent-selection *::selection {all: inherit;}\n';

/** `'sha256-…'` of a text, as CSP writes hashes. @param {string} text */
export function cspHash(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The policy. What each relaxation is for:
 * - connect-src ws: wss: — the broker is wherever the user points the app.
 * - img-src data: blob: — SVG icons in CSS as data: URLs.
 * - style-src hash — react-draggable's one <style> element (above). Inline `style` props need
 *   nothing: React (and recharts, react-grid-layout and react-virtual through it) sets them
 *   through the CSSOM (element.style), which CSP does not govern; only style *attributes* in
 *   markup or setAttribute('style') would need 'unsafe-inline', and nothing here does that.
 * - No 'unsafe-eval': zod runs jitless (src/core/zod-config.ts, imported by every module that uses zod), so it never probes `new Function`.
 */
export function contentSecurityPolicy() {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "worker-src 'self'",
    "connect-src 'self' ws: wss:",
    "img-src 'self' data: blob:",
    `style-src 'self' ${cspHash(DRAGGABLE_USER_SELECT_CSS)}`,
  ].join('; ');
}

/**
 * Vite plugin: the policy as the first element of <head> in the built index.html.
 * @returns {import('vite').Plugin}
 */
export function cspPlugin() {
  return {
    name: 'switchyard-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() }, injectTo: 'head-prepend' },
    ],
  };
}

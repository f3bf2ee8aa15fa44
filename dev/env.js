import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartupError } from './startup-error.js';

/**
 * Reads a TCP port from an environment variable. Empty or unset gives the fallback;
 * anything other than an integer 0..65535 is a StartupError naming the variable.
 * @param {string} name
 * @param {number} fallback
 * @param {NodeJS.ProcessEnv} [env]
 */
export function portFromEnv(name, fallback, env = process.env) {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new StartupError(`${name} must be a port number (0-65535), got "${raw}".`, { envVar: name });
  }
  return port;
}

/**
 * True for "1", "true", "yes", "on" (any case).
 * @param {string} name
 * @param {NodeJS.ProcessEnv} [env]
 */
export function flagFromEnv(name, env = process.env) {
  return /^(1|true|yes|on)$/i.test(env[name]?.trim() ?? '');
}

/**
 * A comma- or space-separated list, lower-cased, empty entries dropped.
 * @param {string | undefined} raw
 * @returns {string[]}
 */
export function parseList(raw) {
  return (raw ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * True when the module with this import.meta.url is the script node was started with.
 * @param {string} importMetaUrl
 */
export function isMainModule(importMetaUrl) {
  const entry = process.argv[1];
  return Boolean(entry) && path.resolve(entry) === fileURLToPath(importMetaUrl);
}

/**
 * Prints a StartupError (or any error) as one line on stderr and exits with status 1.
 * @param {unknown} err
 * @returns {never}
 */
export function exitWithError(err) {
  const message = err instanceof StartupError ? err.message : `Could not start: ${errorText(err)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** @param {unknown} err */
function errorText(err) {
  return err instanceof Error ? err.message : String(err);
}

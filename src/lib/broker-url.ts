/**
 * Broker URL checks shared by the Connection form, `?broker=` deep links and
 * the session (a stored profile may have been edited by hand): a WebSocket URL,
 * without credentials (those go in Username and Password, never in a URL).
 */

/** Why `url` cannot be used as a broker URL, or undefined when it can. */
export function validateBrokerUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return 'Enter a broker URL such as ws://localhost:9001.';
  }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return 'Use a WebSocket URL: ws://host:port/path or wss://host:port/path.';
  if (u.username || u.password) return 'Put credentials in Username and Password, not in the URL.';
  return undefined;
}

/** True when the URL carries a user name or password (never echo, store or keep such a URL). */
export function hasCredentials(url: string): boolean {
  try {
    const u = new URL(url.trim());
    return !!(u.username || u.password);
  } catch {
    // Not a URL to the parser; still refuse anything that looks like user:pass@host.
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url.trim());
  }
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for ws:// to a host other than this machine: whatever is sent can be read on the way. */
export function isPlainRemote(url: string): boolean {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'ws:' && !LOCAL_HOSTS.has(u.hostname) && !u.hostname.endsWith('.localhost');
  } catch {
    return false;
  }
}

/** True when a page served over https would be refused a ws:// connection (mixed content). */
export function isBlockedMixedContent(url: string, pageProtocol: string): boolean {
  if (pageProtocol !== 'https:') return false;
  try {
    return new URL(url.trim()).protocol === 'ws:';
  } catch {
    return false;
  }
}

/**
 * The warning to show before credentials go to `url` unencrypted (ws:// to another
 * machine), or undefined when the transport is encrypted or stays on this machine.
 */
export function plainCredentialsWarning(url: string | undefined, what = 'the password'): string | undefined {
  if (!url || !isPlainRemote(url)) return undefined;
  const host = new URL(url.trim()).host;
  return `Not encrypted: ${what} goes to ${host} over ws://, readable by anyone on the network path. Use wss:// for a broker on another machine.`;
}

/** The note next to Broker URL when the browser will refuse ws:// from an https page, else undefined. */
export function mixedContentNote(url: string, pageProtocol: string): string | undefined {
  if (!isBlockedMixedContent(url, pageProtocol)) return undefined;
  return 'This page is served over https, so the browser only allows wss:// connections: a ws:// URL will be blocked. Use the broker’s wss:// URL.';
}

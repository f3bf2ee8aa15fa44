/**
 * `url.parse` for mqtt.js in the worker build (scripts/lean-mqtt.js): mqtt.js's `connect()` reads
 * a broker URL with Node's legacy `url.parse(url, true)` and uses protocol, auth, hostname, port,
 * path and query from it. mqtt's prebuilt browser bundle carries a port of Node's whole `url`
 * module (with punycode and a query-string library) for that; this is the same algorithm for the
 * URLs the app connects to (ws:// and wss://, src/lib/broker-url.ts), and url.test.ts checks it
 * field by field against Node's own `url.parse` on many such URLs.
 */

export interface LegacyUrl {
  protocol: string | null;
  slashes: boolean | null;
  auth: string | null;
  host: string | null;
  port: string | null;
  hostname: string | null;
  hash: string | null;
  search: string | null;
  query: Record<string, string | string[]> | string | null;
  pathname: string | null;
  path: string | null;
}

// From Node's lib/url.js.
const PROTOCOL = /^[a-z0-9.+-]+:/i;
const PORT = /:[0-9]*$/;
const HOST_PATTERN = /^\/\/[^@/]+@[^@/]+/;
const SIMPLE_PATH = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const SLASHED = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:', 'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);
const HOSTLESS = new Set(['javascript', 'javascript:']);
const AUTO_ESCAPE: Record<string, string> = {
  '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', "'": '%27', '<': '%3C', '>': '%3E',
  '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D',
};
const NON_HOST = new Set([' ', '"', '%', "'", ';', '<', '>', '\\', '^', '`', '{', '|', '}']);
const FORBIDDEN_HOST = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const FORBIDDEN_HOST_IPV6 = /[\0\t\n\r #%/<>?@\\^|]/;
const HOSTNAME_MAX = 255;

/** querystring.unescapeBuffer(s, true).toString(): '%XX' as bytes, other characters as their low byte. */
function unescapeBuffer(s: string): string {
  const out: number[] = [];
  const hex = (c: string | undefined) => (c !== undefined && /^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : -1);
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 43) {
      out.push(32);
      i++;
      continue;
    }
    if (c === 37 && i < s.length - 2) {
      const hi = hex(s[i + 1]);
      if (hi < 0) {
        out.push(37);
        i++;
        continue;
      }
      const lo = hex(s[i + 2]);
      if (lo < 0) {
        out.push(37);
        i++;
        continue;
      }
      out.push(hi * 16 + lo);
      i += 3;
      continue;
    }
    out.push(c & 0xff);
    i++;
  }
  return new TextDecoder().decode(new Uint8Array(out));
}

/** querystring.unescape(s, true). */
function unescapeQs(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return unescapeBuffer(s);
  }
}

/** querystring.parse(qs) with its defaults ('&', '=', at most 1000 pairs), into a null-prototype object. */
function parseQuery(qs: string): Record<string, string | string[]> {
  const out = Object.create(null) as Record<string, string | string[]>;
  if (qs.length === 0) return out;
  for (const part of qs.split('&').slice(0, 1000)) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const k = unescapeQs(eq >= 0 ? part.slice(0, eq) : part);
    const v = eq >= 0 ? unescapeQs(part.slice(eq + 1)) : '';
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[k] = [prev, v];
  }
  return out;
}

/** Node's toASCII (IDNA) for a host name: punycode where it is not ASCII. */
function toAscii(hostname: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(hostname)) return hostname;
  try {
    return new URL(`ws://${hostname}/`).hostname;
  } catch {
    return '';
  }
}

const isWs = (code: number) => code < 33 || code === 0xa0 || code === 0xfeff;

/** Node's legacy `url.parse(raw, parseQueryString)`, without slashesDenoteHost. */
export function parse(raw: string, parseQueryString = false): LegacyUrl {
  const u: LegacyUrl = {
    protocol: null,
    slashes: null,
    auth: null,
    host: null,
    port: null,
    hostname: null,
    hash: null,
    search: null,
    query: null,
    pathname: null,
    path: null,
  };
  const setQuery = (search: string | null) => {
    u.search = search;
    if (search !== null) u.query = parseQueryString ? parseQuery(search.slice(1)) : search.slice(1);
    else if (parseQueryString) u.query = Object.create(null) as Record<string, string>;
  };

  // Trim whitespace at both ends; backslashes before the first '?' or '#' become '/'.
  let start = 0;
  while (start < raw.length && isWs(raw.charCodeAt(start))) start++;
  let end = raw.length;
  while (end > start && isWs(raw.charCodeAt(end - 1))) end--;
  let rest = '';
  let hasHash = false;
  let hasAt = false;
  let split = false;
  for (let i = start; i < end; i++) {
    const c = raw[i];
    if (!split) {
      if (c === '@') hasAt = true;
      else if (c === '#') hasHash = split = true;
      else if (c === '?') split = true;
      else if (c === '\\') {
        rest += '/';
        continue;
      }
    } else if (!hasHash && c === '#') hasHash = true;
    rest += c;
  }

  if (!hasHash && !hasAt) {
    const simple = SIMPLE_PATH.exec(rest);
    if (simple) {
      u.path = rest;
      u.pathname = simple[1];
      if (simple[2]) setQuery(simple[2]);
      else if (parseQueryString) setQuery(null);
      return u;
    }
  }

  const proto = PROTOCOL.exec(rest)?.[0];
  const lowerProto = proto?.toLowerCase() ?? '';
  if (proto) {
    u.protocol = lowerProto;
    rest = rest.slice(proto.length);
  }
  let slashes = false;
  if (proto || HOST_PATTERN.test(rest)) {
    slashes = rest.startsWith('//');
    if (slashes && !(proto && HOSTLESS.has(lowerProto))) {
      rest = rest.slice(2);
      u.slashes = true;
    }
  }

  if (!HOSTLESS.has(lowerProto) && (slashes || (proto && !SLASHED.has(proto)))) {
    // The host ends at '/', '?' or '#'; characters that cannot be in a host end it earlier,
    // unless an '@' (the end of the credentials) follows them.
    let hostEnd = -1;
    let atSign = -1;
    let nonHost = -1;
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i];
      if (c === '\t' || c === '\n' || c === '\r') {
        rest = rest.slice(0, i) + rest.slice(i + 1);
        i--;
      } else if (NON_HOST.has(c)) {
        if (nonHost === -1) nonHost = i;
      } else if (c === '#' || c === '/' || c === '?') {
        if (nonHost === -1) nonHost = i;
        hostEnd = i;
      } else if (c === '@') {
        atSign = i;
        nonHost = -1;
      }
      if (hostEnd !== -1) break;
    }
    let from = 0;
    if (atSign !== -1) {
      u.auth = decodeURIComponent(rest.slice(0, atSign));
      from = atSign + 1;
    }
    if (nonHost === -1) {
      u.host = rest.slice(from);
      rest = '';
    } else {
      u.host = rest.slice(from, nonHost);
      rest = rest.slice(nonHost);
    }

    // parseHost: the port is the digits after the last ':'.
    let host = u.host;
    const port = PORT.exec(host)?.[0];
    if (port) {
      if (port !== ':') u.port = port.slice(1);
      host = host.slice(0, host.length - port.length);
    }
    let hostname = host;
    const ipv6 = hostname.startsWith('[') && hostname.endsWith(']');
    if (!ipv6) {
      // getHostname: whatever follows a character that cannot be in a host name is path.
      for (let i = 0; i < hostname.length; i++) {
        const c = hostname[i];
        if (c === '/' || c === '\\' || c === '#' || c === '?' || c === ':') {
          rest = `/${hostname.slice(i)}${rest}`;
          hostname = hostname.slice(0, i);
          break;
        }
      }
    }
    hostname = hostname.length > HOSTNAME_MAX ? '' : hostname.toLowerCase();
    if (hostname !== '') {
      if (ipv6) {
        if (FORBIDDEN_HOST_IPV6.test(hostname)) throw new TypeError(`Invalid URL: ${raw}`);
      } else {
        hostname = toAscii(hostname);
        if (hostname === '' || FORBIDDEN_HOST.test(hostname)) throw new TypeError(`Invalid URL: ${raw}`);
      }
    }
    u.host = hostname + (u.port ? `:${u.port}` : '');
    if (ipv6) {
      hostname = hostname.slice(1, -1);
      if (!rest.startsWith('/')) rest = `/${rest}`;
    }
    u.hostname = hostname;
  }

  if (!HOSTLESS.has(lowerProto)) rest = rest.replace(/[\t\n\r "'<>\\^`{|}]/g, (c) => AUTO_ESCAPE[c]);

  const hashIdx = rest.indexOf('#');
  if (hashIdx !== -1) u.hash = rest.slice(hashIdx);
  const beforeHash = hashIdx === -1 ? rest : rest.slice(0, hashIdx);
  const questionIdx = beforeHash.indexOf('?');
  setQuery(questionIdx === -1 ? null : beforeHash.slice(questionIdx));
  const firstIdx = questionIdx !== -1 ? questionIdx : hashIdx;
  if (firstIdx === -1) {
    if (rest.length > 0) u.pathname = rest;
  } else if (firstIdx > 0) {
    u.pathname = rest.slice(0, firstIdx);
  }
  if (SLASHED.has(lowerProto) && u.hostname && !u.pathname) u.pathname = '/';
  if (u.pathname || u.search) u.path = (u.pathname ?? '') + (u.search ?? '');
  return u;
}

export default { parse };

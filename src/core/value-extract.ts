/**
 * Numbers out of MQTT payloads, for charts and widgets: plain numbers
 * ("21.5"), numbers with a unit ("21.5 °C", "45%"), switch words
 * (on/off, true/false, ON/OFF → 1/0), and fields inside JSON reached by a
 * path such as `temperature` or `a.b[0].c`. Anything that is not a finite
 * number (NaN, Infinity, garbage) is rejected, never coerced.
 */
import { decodePayload, type DecodedPayload } from './payload';

/** A number read from a payload; `boolean` when it came from a switch word or a JSON boolean. */
export interface Reading {
  value: number;
  boolean: boolean;
}

/** One step of a JSON path: an object key or an array index. */
export type PathSegment = string | number;

const NUMBER_AT_START = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;
/** A unit after a number: starts with a letter or a unit sign, short, no second number. */
const UNIT = /^[\p{L}%°‰µ'"/][\p{L}\p{N}%°‰µ/²³·.\-_]{0,11}$/u;
const RADIX_PREFIX = /^[-+]?0[xXbBoO]/;
const TRUE_WORDS = new Set(['on', 'true']);
const FALSE_WORDS = new Set(['off', 'false']);

/** Payloads larger than this are not parsed for charting (counted as skipped instead). */
export const MAX_CHART_PAYLOAD = 256 * 1024;

/**
 * Reads a number from text: "21.5", " -3e2 ", "21.5 °C", "45%", "on"/"OFF"/"true".
 * Returns undefined for anything else, including "NaN", "Infinity", "1.2.3", "12 34", "0x1f".
 */
export function parseReading(text: string): Reading | undefined {
  const s = text.trim();
  if (s.length === 0 || s.length > 64) return undefined;
  const word = s.toLowerCase();
  if (TRUE_WORDS.has(word)) return { value: 1, boolean: true };
  if (FALSE_WORDS.has(word)) return { value: 0, boolean: true };
  if (RADIX_PREFIX.test(s)) return undefined;
  const m = NUMBER_AT_START.exec(s);
  if (!m) return undefined;
  const value = Number(m[0]);
  if (!Number.isFinite(value)) return undefined;
  const rest = s.slice(m[0].length).trim();
  if (rest.length > 0 && !UNIT.test(rest)) return undefined;
  return { value, boolean: false };
}

/** A reading from a JSON value: finite numbers, booleans, and strings parseReading accepts. */
export function readingFromValue(value: unknown): Reading | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? { value, boolean: false } : undefined;
  if (typeof value === 'boolean') return { value: value ? 1 : 0, boolean: true };
  if (typeof value === 'string') return parseReading(value);
  return undefined;
}

/**
 * Parses `a.b[0].c`, `[2].x`, `a["key with.dots"]`. Bare keys run until `.` or `[`.
 * Returns undefined for a malformed path; '' is the empty path (the payload itself).
 */
export function parsePath(path: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  let i = 0;
  const n = path.length;
  while (i < n) {
    const c = path[i];
    if (c === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) return undefined;
      const inner = path.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) out.push(Number(inner));
      else if (inner.startsWith('"')) {
        // A JSON string: find its real end (it may contain ']').
        const end = jsonStringEnd(path, i + 1);
        if (end < 0 || path[end] !== ']') return undefined;
        try {
          out.push(JSON.parse(path.slice(i + 1, end)) as string);
        } catch {
          return undefined;
        }
        i = end + 1;
        if (path[i] === '.') i++;
        continue;
      } else return undefined;
      i = close + 1;
      if (path[i] === '.') {
        i++;
        if (i >= n) return undefined;
      }
      continue;
    }
    let j = i;
    while (j < n && path[j] !== '.' && path[j] !== '[') j++;
    if (j === i) return undefined;
    out.push(path.slice(i, j));
    i = j;
    if (path[i] === '.') {
      i++;
      if (i >= n) return undefined;
    }
  }
  return out;
}

/** Index just past the closing quote of the JSON string starting at `start`, or -1. */
function jsonStringEnd(s: string, start: number): number {
  for (let k = start + 1; k < s.length; k++) {
    if (s[k] === '\\') k++;
    else if (s[k] === '"') return k + 1;
  }
  return -1;
}

const BARE_KEY = /^[^.[\]"\s]+$/;

/** The inverse of parsePath: `a.b[0].c`, with odd keys quoted as `["a.b"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (BARE_KEY.test(seg)) out += out.length === 0 ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The value at `path` inside parsed JSON, or undefined when any step is missing. */
export function getPath(json: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = json;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return cur;
}

/** Cache of parsed paths: the same few fields are read for every message. */
const pathCache = new Map<string, PathSegment[] | undefined>();

function cachedPath(field: string): PathSegment[] | undefined {
  if (pathCache.has(field)) return pathCache.get(field);
  const parsed = parsePath(field);
  if (pathCache.size > 500) pathCache.clear();
  pathCache.set(field, parsed);
  return parsed;
}

/**
 * A reading from an already decoded payload. `field` '' means the whole payload
 * (a number, a number with a unit, a switch word, or a bare JSON number/boolean);
 * otherwise a JSON path into a JSON payload.
 */
export function readingFromDecoded(decoded: DecodedPayload, field: string): Reading | undefined {
  if (field === '') {
    if (decoded.kind !== 'text' || decoded.text === undefined) return undefined;
    if (decoded.numeric !== undefined) return { value: decoded.numeric, boolean: false };
    const text = decoded.text.trim();
    // A JSON string such as "21.5" or "ON".
    if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) {
      try {
        return readingFromValue(JSON.parse(text));
      } catch {
        return undefined;
      }
    }
    return parseReading(text);
  }
  if (decoded.kind !== 'json') return undefined;
  const path = cachedPath(field);
  if (!path) return undefined;
  return readingFromValue(getPath(decoded.json, path));
}

/** A reading from payload bytes (see readingFromDecoded). Too large payloads give undefined. */
export function extractReading(bytes: Uint8Array, field = ''): Reading | undefined {
  if (bytes.length > MAX_CHART_PAYLOAD) return undefined;
  return readingFromDecoded(decodePayload(bytes), field);
}

/** True when the whole payload charts as a number ("Chart this topic"): a number, number with unit, or switch word. */
export function isChartable(bytes: Uint8Array): boolean {
  return extractReading(bytes, '') !== undefined;
}

export interface NumericFieldsOptions {
  /** Deepest nesting walked (default 8). */
  maxDepth?: number;
  /** Most fields returned (default 200). */
  maxFields?: number;
  /** Array elements looked at per array (default 32). */
  maxArrayItems?: number;
}

/**
 * JSON paths of every field inside a JSON payload that charts as a number
 * (numbers, booleans, numeric or on/off strings), nested paths included, in
 * document order: `temperature`, `a.b[0].c`. [] for anything that is not JSON.
 */
export function numericFields(bytes: Uint8Array, options: NumericFieldsOptions = {}): string[] {
  if (bytes.length > MAX_CHART_PAYLOAD) return [];
  const decoded = decodePayload(bytes);
  if (decoded.kind !== 'json') return [];
  return numericFieldsOf(decoded.json, options);
}

/** numericFields for an already parsed JSON value. */
export function numericFieldsOf(json: unknown, options: NumericFieldsOptions = {}): string[] {
  const maxDepth = options.maxDepth ?? 8;
  const maxFields = options.maxFields ?? 200;
  const maxItems = options.maxArrayItems ?? 32;
  const out: string[] = [];
  const path: PathSegment[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (out.length >= maxFields) return;
    if (value !== null && typeof value === 'object') {
      if (depth >= maxDepth) return;
      const entries: [PathSegment, unknown][] = Array.isArray(value)
        ? value.slice(0, maxItems).map((v, i) => [i, v])
        : Object.entries(value as Record<string, unknown>);
      for (const [key, child] of entries) {
        path.push(key);
        walk(child, depth + 1);
        path.pop();
        if (out.length >= maxFields) return;
      }
      return;
    }
    if (path.length > 0 && readingFromValue(value) !== undefined) out.push(formatPath(path));
  };
  walk(json, 0);
  return out;
}

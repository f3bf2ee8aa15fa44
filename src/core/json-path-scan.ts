/**
 * The value at a JSON path read straight from a payload's bytes, without decoding the text and
 * building every object (what the alert rules do for each message: decodePayload + JSON.parse
 * cost several µs per message in Chromium, this a fraction of it). It answers only when it is
 * sure to agree with `getPath(JSON.parse(text), path)` on a payload that decodePayload calls JSON:
 * plain ASCII JSON whose root is an object or an array, strings without escapes. Anything else
 * (non-ASCII bytes, control bytes, a backslash, invalid JSON, very deep nesting) is UNSURE, and
 * the caller decodes the usual way.
 */
import type { PathSegment } from './value-extract';

/** The scan cannot tell: decode the payload the usual way. */
export const UNSURE: unique symbol = Symbol('unsure');

/**
 * number, boolean or string at the path (strings as written: they have no escapes); null for a
 * JSON null, an object or an array there (none of them is a reading); undefined when the path is
 * not in the document; UNSURE when the scan cannot tell.
 */
export type ScannedValue = number | boolean | string | null | undefined | typeof UNSURE;

const MAX_DEPTH = 64;

let b: Uint8Array = new Uint8Array(0);
let pos = 0;
let end = 0;
let segs: readonly PathSegment[] = [];
/** Set when the document is not what the scan handles (see the file comment). */
let bad = false;

export function scanJsonPath(bytes: Uint8Array, path: readonly PathSegment[]): ScannedValue {
  if (path.length === 0) return UNSURE;
  b = bytes;
  pos = 0;
  end = bytes.length;
  segs = path;
  bad = false;
  skipWs();
  const first = pos < end ? b[pos] : 0;
  let found: ScannedValue = UNSURE;
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
    found = value(0, true);
    skipWs();
    if (pos !== end) bad = true;
  }
  const out = bad ? UNSURE : found;
  b = EMPTY;
  segs = [];
  return out;
}

const EMPTY = new Uint8Array(0);

function skipWs(): void {
  while (pos < end) {
    const c = b[pos];
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
    else break;
  }
}

/**
 * Reads one value at `pos`. `want`: this value lies on the path, `depth` segments in: return
 * what is at the rest of the path (undefined if absent); otherwise just skip it (returns undefined).
 */
function value(depth: number, want: boolean): ScannedValue {
  if (depth > MAX_DEPTH || pos >= end) {
    bad = true;
    return undefined;
  }
  const c = b[pos];
  if (c === 0x7b) return object(depth, want);
  if (c === 0x5b) return array(depth, want);
  const at = want && depth === segs.length;
  if (c === 0x22 /* " */) {
    const start = pos + 1;
    if (!stringEnd()) return undefined;
    return at ? String.fromCharCode.apply(null, b.subarray(start, pos - 1) as unknown as number[]) : undefined;
  }
  if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
    const start = pos;
    if (!numberEnd()) return undefined;
    return at ? Number(String.fromCharCode.apply(null, b.subarray(start, pos) as unknown as number[])) : undefined;
  }
  if (literal(c === 0x74 ? TRUE : c === 0x66 ? FALSE : c === 0x6e ? NULL : undefined)) {
    return at ? (c === 0x74 ? true : c === 0x66 ? false : null) : undefined;
  }
  bad = true;
  return undefined;
}

function object(depth: number, want: boolean): ScannedValue {
  pos++; // {
  const seg = want && depth < segs.length ? segs[depth] : undefined;
  let found: ScannedValue = undefined;
  skipWs();
  if (pos < end && b[pos] === 0x7d) {
    pos++;
    return want && depth === segs.length ? null : undefined;
  }
  for (;;) {
    skipWs();
    if (pos >= end || b[pos] !== 0x22) {
      bad = true;
      return undefined;
    }
    const keyStart = pos + 1;
    if (!stringEnd()) return undefined;
    // JSON.parse keeps the last of duplicate keys, and so does this.
    const match = typeof seg === 'string' && keyIs(seg, keyStart, pos - 1);
    skipWs();
    if (pos >= end || b[pos] !== 0x3a /* : */) {
      bad = true;
      return undefined;
    }
    pos++;
    skipWs();
    const v = value(depth + 1, match);
    if (bad) return undefined;
    if (match) found = v;
    skipWs();
    if (pos < end && b[pos] === 0x2c /* , */) {
      pos++;
      continue;
    }
    if (pos < end && b[pos] === 0x7d /* } */) {
      pos++;
      break;
    }
    bad = true;
    return undefined;
  }
  if (!want) return undefined;
  return depth === segs.length ? null : found;
}

function array(depth: number, want: boolean): ScannedValue {
  pos++; // [
  const seg = want && depth < segs.length ? segs[depth] : undefined;
  let found: ScannedValue = undefined;
  skipWs();
  if (pos < end && b[pos] === 0x5d) {
    pos++;
    return want && depth === segs.length ? null : undefined;
  }
  for (let i = 0; ; i++) {
    skipWs();
    const match = seg === i;
    const v = value(depth + 1, match);
    if (bad) return undefined;
    if (match) found = v;
    skipWs();
    if (pos < end && b[pos] === 0x2c) {
      pos++;
      continue;
    }
    if (pos < end && b[pos] === 0x5d /* ] */) {
      pos++;
      break;
    }
    bad = true;
    return undefined;
  }
  if (!want) return undefined;
  return depth === segs.length ? null : found;
}

/** Moves past a string that starts at `pos`; false (and bad) for escapes, control or non-ASCII bytes, or no end. */
function stringEnd(): boolean {
  pos++;
  while (pos < end) {
    const c = b[pos++];
    if (c === 0x22) return true;
    if (c === 0x5c /* \ */ || c < 0x20 || c >= 0x7f) break;
  }
  bad = true;
  return false;
}

/** Moves past a JSON number (-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?); false (and bad) when it is not one. */
function numberEnd(): boolean {
  if (b[pos] === 0x2d) pos++;
  if (pos < end && b[pos] === 0x30) pos++;
  else if (!digits()) return fail();
  if (pos < end && b[pos] === 0x2e /* . */) {
    pos++;
    if (!digits()) return fail();
  }
  if (pos < end && (b[pos] === 0x65 || b[pos] === 0x45) /* e E */) {
    pos++;
    if (pos < end && (b[pos] === 0x2b || b[pos] === 0x2d)) pos++;
    if (!digits()) return fail();
  }
  return true;
}

function digits(): boolean {
  const start = pos;
  while (pos < end && b[pos] >= 0x30 && b[pos] <= 0x39) pos++;
  return pos > start;
}

function fail(): false {
  bad = true;
  return false;
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function literal(word: number[] | undefined): boolean {
  if (!word || pos + word.length > end) return false;
  for (let i = 0; i < word.length; i++) if (b[pos + i] !== word[i]) return false;
  pos += word.length;
  return true;
}

function keyIs(key: string, from: number, to: number): boolean {
  if (to - from !== key.length) return false;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== b[from + i]) return false;
  return true;
}

/**
 * Payload decoding for display: classifies bytes as empty / text / JSON /
 * binary, and converts between bytes and hex or base64. Works in browsers,
 * workers and Node (no Buffer).
 */

export type PayloadKind = 'empty' | 'text' | 'json' | 'binary';

export interface DecodedPayload {
  kind: PayloadKind;
  /** The decoded text, for kinds 'text' and 'json'. */
  text?: string;
  /** The parsed value, for kind 'json' (always an object or an array). */
  json?: unknown;
  /** For kind 'text': the number when the whole trimmed text is a finite decimal number ("21.5", "-3", "1e3"). */
  numeric?: number;
}

export interface DecodeOptions {
  /**
   * The bytes are a truncated prefix of a larger payload: an incomplete UTF-8
   * sequence at the very end is tolerated (dropped) instead of making it binary.
   */
  truncated?: boolean;
}

/** Result of parsing user input into bytes: the bytes, or a message saying what is wrong and where. */
export type BytesResult = { bytes: Uint8Array; error?: undefined } | { bytes?: undefined; error: string };

const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const NUMBER_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Classifies and decodes a payload. Text must be valid UTF-8 without control
 * characters other than tab, newline and carriage return; otherwise it is
 * 'binary' (show it with toHex). JSON objects and arrays are 'json'; numbers,
 * strings, true/false/null stay 'text' (numbers also get `numeric`).
 */
export function decodePayload(bytes: Uint8Array, options: DecodeOptions = {}): DecodedPayload {
  if (bytes.length === 0) return { kind: 'empty' };
  const text = decodeText(bytes, options.truncated ?? false);
  if (text === undefined) return { kind: 'binary' };
  const trimmed = text.trim();
  const first = trimmed.charCodeAt(0);
  if (first === 123 /* { */ || first === 91 /* [ */) {
    try {
      return { kind: 'json', text, json: JSON.parse(trimmed) };
    } catch {
      // not JSON after all: plain text
    }
  }
  if (NUMBER_RE.test(trimmed)) {
    const numeric = Number(trimmed);
    if (Number.isFinite(numeric)) return { kind: 'text', text, numeric };
  }
  return { kind: 'text', text };
}

/** The bytes as UTF-8 text, or undefined when they are not valid, control-free text. */
function decodeText(bytes: Uint8Array, truncated: boolean): string | undefined {
  const kind = textKind(bytes);
  if (kind === CONTROL) return undefined;
  // Short ASCII (most sensor readings): one JS call instead of TextDecoder's, which costs several
  // µs per call in Chromium (the alert rules decode every message they read, bench/README.md).
  if (kind === ASCII && bytes.length <= ASCII_FAST_MAX) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  try {
    // A fresh streaming decoder keeps an incomplete trailing sequence instead of throwing.
    return truncated
      ? new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
      : strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

const ASCII = 0;
const UTF8 = 1;
const CONTROL = 2;
/** Longest ASCII payload turned into a string with String.fromCharCode (well within argument limits). */
const ASCII_FAST_MAX = 1024;

/**
 * CONTROL: control bytes other than \t \n \r (C0 and DEL; safe on UTF-8: these never occur inside
 * a sequence); else ASCII when every byte is below 0x80, else UTF8 (for the decoder to check).
 */
function textKind(bytes: Uint8Array): number {
  let kind = ASCII;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x20 ? b !== 9 && b !== 10 && b !== 13 : b === 0x7f) return CONTROL;
    if (b >= 0x80) kind = UTF8;
  }
  return kind;
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Bytes as lower-case hex pairs separated by spaces: "de ad be ef". With
 * `maxBytes`, only that many bytes are shown, followed by " …" when cut.
 */
export function toHex(bytes: Uint8Array, maxBytes?: number): string {
  const n = maxBytes === undefined ? bytes.length : Math.max(0, Math.min(bytes.length, maxBytes));
  const parts = new Array<string>(n);
  for (let i = 0; i < n; i++) parts[i] = HEX_PAIRS[bytes[i]];
  const out = parts.join(' ');
  return n < bytes.length ? (n > 0 ? `${out} …` : '…') : out;
}

/**
 * Parses hex typed by a person: whitespace anywhere is ignored, and each
 * whitespace-separated group may start with 0x. Positions in errors are 1-based.
 */
export function fromHex(input: string): BytesResult {
  const digits: number[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const groupStart = i === 0 || /\s/.test(input[i - 1]);
    if (groupStart && c === '0' && (input[i + 1] === 'x' || input[i + 1] === 'X')) {
      i += 2;
      continue;
    }
    const v = parseInt(c, 16);
    if (Number.isNaN(v)) return { error: `Invalid hex character '${c}' at position ${i + 1}` };
    digits.push(v);
    i++;
  }
  if (digits.length % 2 !== 0) {
    return { error: `Odd number of hex digits (${digits.length}): each byte needs two` };
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let b = 0; b < bytes.length; b++) bytes[b] = (digits[2 * b] << 4) | digits[2 * b + 1];
  return { bytes };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map<string, number>([
  ...Array.from(B64, (ch, i) => [ch, i] as [string, number]),
  ['-', 62],
  ['_', 63],
]);

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + '=';
  }
  return out;
}

/**
 * Parses base64 (standard or URL-safe alphabet; whitespace ignored; padding
 * optional but, when present, only at the end). Positions in errors are 1-based.
 */
export function fromBase64(input: string): BytesResult {
  const values: number[] = [];
  let padding = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (/\s/.test(c)) continue;
    if (c === '=') {
      padding++;
      continue;
    }
    const v = B64_VALUE.get(c);
    if (v === undefined || padding > 0) {
      const what = v === undefined ? `Invalid base64 character '${c}'` : "Data after '=' padding";
      return { error: `${what} at position ${i + 1}` };
    }
    values.push(v);
  }
  if (values.length % 4 === 1) {
    return { error: `Base64 input is incomplete: ${values.length} characters, which cannot encode whole bytes` };
  }
  if (padding > 0 && (values.length + padding) % 4 !== 0) {
    return { error: `Wrong base64 padding: ${padding} '=' after ${values.length} characters` };
  }
  const bytes = new Uint8Array(Math.floor((values.length * 3) / 4));
  let b = 0;
  for (let i = 0; i < values.length; i += 4) {
    const n =
      (values[i] << 18) | (values[i + 1] << 12) | ((values[i + 2] ?? 0) << 6) | (values[i + 3] ?? 0);
    bytes[b++] = n >> 16;
    if (b < bytes.length) bytes[b++] = (n >> 8) & 255;
    if (b < bytes.length) bytes[b++] = n & 255;
  }
  return { bytes };
}

/**
 * A one-line preview for tree rows: text with whitespace runs collapsed,
 * cut to `maxChars` with '…'; binary as "0x" plus hex of the first bytes;
 * '' for an empty payload. Looks only at the first few KB of big payloads.
 */
export function previewText(bytes: Uint8Array, maxChars = 80): string {
  if (bytes.length === 0 || maxChars <= 0) return '';
  const limit = Math.max(1024, maxChars * 16);
  const head = bytes.length > limit ? bytes.subarray(0, limit) : bytes;
  const text = decodeText(head, head !== bytes);
  if (text === undefined) {
    const fits = 2 + 2 * bytes.length <= maxChars;
    const shown = fits ? bytes.length : Math.max(0, Math.floor((maxChars - 3) / 2));
    let hex = '0x';
    for (let i = 0; i < shown; i++) hex += HEX_PAIRS[bytes[i]];
    return shown < bytes.length ? `${hex}…` : hex;
  }
  const line = text.replace(/\s+/g, ' ').trim();
  // maxChars * 2 code units always hold more than maxChars code points when cut here.
  const sliced = line.length > maxChars * 2;
  const chars = Array.from(sliced ? line.slice(0, maxChars * 2) : line);
  if (!sliced && chars.length <= maxChars && head === bytes) return line;
  // Cut: by length, or because only the head of a big payload was decoded.
  const keep = Math.min(chars.length, maxChars - 1);
  return chars.slice(0, keep).join('') + '…';
}

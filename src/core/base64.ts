/**
 * Strict, fast base64 (RFC 4648 §4: the standard alphabet `A–Z a–z 0–9 + /`, `=` padding) for
 * file formats that carry binary, such as recordings (recording-format.ts).
 *
 * - `encodeBase64` always pads.
 * - `decodeBase64` accepts padded or unpadded text and nothing else: no whitespace, no URL-safe
 *   alphabet, `=` only at the end. A problem comes back as `{ error }` naming the first bad
 *   character's 1-based position; it never throws.
 *
 * The Publish form's lenient reader (whitespace, URL-safe) is `fromBase64` in payload.ts.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENC = new Uint8Array(64);
/** Value of each char code below 128, or 255 for a character outside the alphabet. */
const DEC = new Uint8Array(128).fill(255);
for (let i = 0; i < 64; i++) {
  ENC[i] = ALPHABET.charCodeAt(i);
  DEC[ALPHABET.charCodeAt(i)] = i;
}
const PAD = 61; // '='
/** Char codes turned into a string per call of String.fromCharCode (below engines' argument limits). */
const SLICE = 8192;

/** Standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n === 0) return '';
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = ENC[v >> 18];
    out[o++] = ENC[(v >> 12) & 63];
    out[o++] = ENC[(v >> 6) & 63];
    out[o++] = ENC[v & 63];
  }
  if (i < n) {
    const two = i + 1 < n;
    const v = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
    out[o++] = ENC[v >> 18];
    out[o++] = ENC[(v >> 12) & 63];
    out[o++] = two ? ENC[(v >> 6) & 63] : PAD;
    out[o++] = PAD;
  }
  if (out.length <= SLICE) return String.fromCharCode.apply(null, out as unknown as number[]);
  let s = '';
  for (let k = 0; k < out.length; k += SLICE) s += String.fromCharCode.apply(null, out.subarray(k, k + SLICE) as unknown as number[]);
  return s;
}

export type Base64Result = { bytes: Uint8Array; error?: undefined } | { bytes?: undefined; error: string };

/** Strict base64 (see the file header). */
export function decodeBase64(text: string): Base64Result {
  let end = text.length;
  // Up to two '=' at the very end, and only where they complete a group of four.
  let pad = 0;
  while (pad < 2 && end > 0 && text.charCodeAt(end - 1) === PAD) {
    end--;
    pad++;
  }
  if (pad > 0 && text.length % 4 !== 0) return { error: `wrong padding: ${text.length} characters with '=' is not a multiple of 4` };
  if (end % 4 === 1) return { error: `${end} characters cannot encode whole bytes` };
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DEC[c] : 255;
    if (v === 255) {
      const what = c === PAD ? "'=' before the end" : `invalid character ${JSON.stringify(text[i])}`;
      return { error: `${what} at position ${i + 1}` };
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >> bits) & 0xff;
    }
  }
  return { bytes };
}

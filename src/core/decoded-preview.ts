/**
 * The one-line preview of a decoded payload (issue 13) for the Explorer's tree rows, like a JSON
 * payload's preview: a Sparkplug B message as `DDATA · Temperature 21.3, Pressure 1.02, …` (the
 * metric names the worker resolved from the BIRTH), a MessagePack / CBOR / Protobuf value as
 * compact JSON text. Bounded: the walk stops as soon as the line is long enough, so a large value
 * costs no more than a short one. Plain text for React to render as text; never markup.
 */
import type { DecodedPayload, JsonLike, SparkplugMetric } from './decoded';

/**
 * The preview of a decoding, cut to `maxChars` code points with '…' (as `previewText`), or
 * `undefined` when there is nothing decoded or the decoder refused the payload (the caller shows
 * the bytes' preview as before).
 */
export function decodedPreview(d: DecodedPayload | undefined, maxChars = 80): string | undefined {
  if (!d || d.error || maxChars <= 0) return undefined;
  // Enough code units to hold maxChars code points and to know that more followed.
  const out = new Line(maxChars * 2 + 2);
  if (d.sparkplug) {
    const sp = d.sparkplug;
    out.add(oneLine(sp.messageType));
    let first = true;
    for (const m of sp.metrics) {
      if (out.full) break;
      out.add(first ? ' · ' : ', ');
      first = false;
      out.add(oneLine(m.name) || (m.alias !== undefined ? `(alias ${m.alias})` : '(no name)'));
      out.add(' ');
      out.add(metricText(m));
    }
  } else if (d.value !== undefined) {
    json(d.value, out);
  } else return undefined;
  return cut(out.text, maxChars, out.full);
}

/** A string that stops growing once it holds `limit` code units (then `full`). */
class Line {
  text = '';
  full = false;
  constructor(private readonly limit: number) {}
  add(s: string): void {
    if (this.full) return;
    this.text += s.length > this.limit ? s.slice(0, this.limit) : s;
    if (this.text.length >= this.limit) this.full = true;
  }
}

/** Names and types from the wire: control characters and whitespace runs become one space. */
// eslint-disable-next-line no-control-regex -- replacing the wire's control characters is the point
const oneLine = (s: string) => s.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();

/** A JSON string literal of at most ~`max` characters of `s` (escapes control characters, quotes). */
const quoted = (s: string, max = 200) => JSON.stringify(s.length > max ? s.slice(0, max) : s);

function metricText(m: SparkplugMetric): string {
  const v = m.value;
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (m.type === 'DateTime') return new Date(v).toISOString();
    // A Float is a 32-bit number: 21.3 arrives as 21.299999237060547; show the shortest text that is the same float.
    return m.type === 'Float' ? shortestFloat32(v) : String(v);
  }
  if (typeof v === 'string') return quoted(v);
  return String(v);
}

export function shortestFloat32(v: number): string {
  if (!Number.isFinite(v) || Math.fround(v) !== v) return String(v);
  for (let p = 1; p < 10; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}

/** Compact JSON text of a JSON-like value, stopping once `out` is full (no recursion past it). */
function json(v: JsonLike, out: Line): void {
  if (out.full) return;
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return out.add(String(v));
  if (typeof v === 'string') return out.add(quoted(v));
  if (Array.isArray(v)) {
    out.add('[');
    for (let i = 0; i < v.length && !out.full; i++) {
      if (i > 0) out.add(',');
      json(v[i], out);
    }
    return out.add(']');
  }
  out.add('{');
  let first = true;
  for (const k in v) {
    if (out.full) return;
    if (!first) out.add(',');
    first = false;
    out.add(quoted(k));
    out.add(':');
    json(v[k], out);
  }
  out.add('}');
}

/** Cut to `maxChars` code points with '…' when longer (or when the walk stopped early). */
function cut(line: string, maxChars: number, stopped: boolean): string {
  const chars = Array.from(line);
  if (!stopped && chars.length <= maxChars) return line;
  return chars.slice(0, Math.max(0, maxChars - 1)).join('') + '…';
}

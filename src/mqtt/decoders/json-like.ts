/**
 * What MessagePack and CBOR decode to (Maps with any keys, byte arrays, bigints, Dates, tagged
 * values) made into JSON-like data for the main thread: shown like JSON, read by JSON paths.
 * Bounded: very deep or very large values are cut with a marker, never recursed without end.
 */
import type { JsonLike } from '../../core/decoded';

const MAX_DEPTH = 64;
const MAX_ITEMS = 100_000;

const hex = (b: Uint8Array) => Array.from(b.subarray(0, 256), (x) => x.toString(16).padStart(2, '0')).join(' ') + (b.length > 256 ? ` … (${b.length} bytes)` : '');

export function toJsonLike(v: unknown): JsonLike {
  let items = 0;
  const walk = (x: unknown, depth: number): JsonLike => {
    if (++items > MAX_ITEMS) return '(cut: too many items)';
    if (x === null || x === undefined) return null;
    switch (typeof x) {
      case 'boolean':
      case 'string':
        return x;
      case 'number':
        return Number.isFinite(x) ? x : String(x);
      case 'bigint':
        return x <= BigInt(Number.MAX_SAFE_INTEGER) && x >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(x) : x.toString();
      case 'object':
        break;
      default:
        return String(x);
    }
    if (depth >= MAX_DEPTH) return '(cut: nested too deep)';
    if (x instanceof Uint8Array) return hex(x);
    if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>, (n) => walk(n, depth + 1));
    if (x instanceof Date) return Number.isNaN(x.getTime()) ? String(x) : x.toISOString();
    if (Array.isArray(x)) return x.map((e) => walk(e, depth + 1));
    const out: { [k: string]: JsonLike } = Object.create(null);
    const entries = x instanceof Map ? x.entries() : Object.entries(x as object)[Symbol.iterator]();
    for (const [k, val] of entries) {
      const key = typeof k === 'string' ? k : typeof k === 'object' && k !== null ? JSON.stringify(walk(k, depth + 1)) : String(k);
      out[key] = walk(val, depth + 1);
    }
    // Tagged CBOR values (cbor-x Tag) carry `tag` and `value` and come through as such.
    return out;
  };
  return walk(v, 0);
}

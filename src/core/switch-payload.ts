/**
 * Reading a device's state out of a payload, for switches and value widgets:
 * the whole payload as text, or a field reached by a JSON path (`state`,
 * `a.b[0].c`, using value-extract's path syntax), compared with the configured
 * "state on" / "state off" values.
 */
import { decodePayload } from './payload';
import { getPath, parsePath } from './value-extract';

export interface SwitchStateConfig {
  /** Command payloads; the state values default to them (as in Home Assistant). */
  onPayload: string;
  offPayload: string;
  stateOn: string;
  stateOff: string;
  /** '' = the whole payload. */
  stateJsonPath: string;
}

export interface SwitchStateReading {
  /** true = on, false = off, undefined = matched neither. */
  value: boolean | undefined;
  /** The payload was empty (a cleared retained state). */
  empty: boolean;
  /** What was compared (for messages), at most 200 characters. */
  raw: string;
}

/** The text at `jsonPath` ('' = whole payload) or undefined when it is not there / not text. */
export function extractText(bytes: Uint8Array, jsonPath: string): string | undefined {
  const decoded = decodePayload(bytes);
  if (jsonPath.trim() === '') {
    return decoded.kind === 'text' || decoded.kind === 'json' ? decoded.text : undefined;
  }
  if (decoded.kind !== 'json') return undefined;
  const path = parsePath(jsonPath.trim());
  if (!path) return undefined;
  const v = getPath(decoded.json, path);
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Canonical form for comparing: JSON by structure, anything else trimmed and case-folded. */
function canonical(s: string): string {
  const t = s.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.stringify(sortKeys(JSON.parse(t)));
    } catch {
      // not JSON: compare as text
    }
  }
  return t.toLowerCase();
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** The "state on" / "state off" values in effect (defaults: the command payloads). */
export function effectiveStateValues(cfg: SwitchStateConfig): { on: string; off: string } {
  return { on: cfg.stateOn !== '' ? cfg.stateOn : cfg.onPayload, off: cfg.stateOff !== '' ? cfg.stateOff : cfg.offPayload };
}

/**
 * Reads on/off from a state payload. Exact matches win; otherwise values match
 * ignoring case and surrounding spaces, and JSON values by structure.
 */
export function readSwitchState(bytes: Uint8Array, cfg: SwitchStateConfig): SwitchStateReading {
  if (bytes.length === 0) return { value: undefined, empty: true, raw: '' };
  const text = extractText(bytes, cfg.stateJsonPath);
  if (text === undefined) {
    const whole = extractText(bytes, '') ?? '(binary payload)';
    const raw = cfg.stateJsonPath ? `${whole.slice(0, 120)} (no field ${cfg.stateJsonPath})` : whole;
    return { value: undefined, empty: false, raw: raw.slice(0, 200) };
  }
  const { on, off } = effectiveStateValues(cfg);
  const raw = text.slice(0, 200);
  if (text === on) return { value: true, empty: false, raw };
  if (text === off) return { value: false, empty: false, raw };
  const c = canonical(text);
  if (c === canonical(on)) return { value: true, empty: false, raw };
  if (c === canonical(off)) return { value: false, empty: false, raw };
  return { value: undefined, empty: false, raw };
}

/** Availability: true for the "available" payload, false for "not available", undefined otherwise. */
export function readAvailability(bytes: Uint8Array, online: string, offline: string): boolean | undefined {
  const text = extractText(bytes, '');
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === online.trim()) return true;
  if (t === offline.trim()) return false;
  return undefined;
}

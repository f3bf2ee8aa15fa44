/**
 * The retained-messages export file: what Export writes and Import reads.
 * Payloads are base64 so that binary survives byte-identically. Reading one (with zod) is in
 * retained-file-parse.ts, which only Import needs: this module is on the first load's path.
 */
import { toBase64 } from './payload';
import type { MessageProperties } from './message';

export const RETAINED_FILE_FORMAT = 'switchyard.retained';
export const RETAINED_FILE_VERSION = 1;

export interface RetainedEntry {
  topic: string;
  payload: Uint8Array;
  qos: 0 | 1 | 2;
  properties?: MessageProperties;
  /**
   * The payload's full length as the broker holds it, when known. Larger than
   * payload.length means the app kept only the first bytes: such an entry is partial and
   * must never be published back or written to a file (see isPartial).
   */
  size?: number;
}

/** True when the entry holds only the first bytes of its payload (publishing it would lose the rest). */
export function isPartial(e: RetainedEntry): boolean {
  return e.size !== undefined && e.size > e.payload.length;
}

export function toRetainedFile(entries: RetainedEntry[], meta: { broker?: string; now?: Date } = {}): string {
  const partial = entries.find(isPartial);
  if (partial) throw new Error(`${partial.topic}: only ${partial.payload.length} of its ${partial.size} bytes are at hand; an export must hold every byte.`);
  const file = {
    format: RETAINED_FILE_FORMAT,
    version: RETAINED_FILE_VERSION,
    exportedAt: (meta.now ?? new Date()).toISOString(),
    broker: meta.broker,
    messages: entries.map((e) => {
      const out: Record<string, unknown> = { topic: e.topic, payload: toBase64(e.payload), qos: e.qos };
      if (e.properties) {
        const { correlationData, ...rest } = e.properties;
        out.properties = correlationData ? { ...rest, correlationData: toBase64(correlationData) } : rest;
      }
      return out;
    }),
  };
  return JSON.stringify(file, null, 2);
}

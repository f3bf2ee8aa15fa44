// The rebirth NCMD as the reference library (sparkplug-payload, Eclipse Tahu's JavaScript
// decoder) reads it: one metric, `Node Control/Rebirth`, Boolean true.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { encodeRebirthCommand } from './rebirth-command';
import { SparkplugDecoder } from './sparkplug-decoder';

const require = createRequire(import.meta.url);
const sparkplug = (require('sparkplug-payload') as { get(v: string): { decodePayload(b: Uint8Array): unknown } }).get('spBv1.0');

describe('Request rebirth payload', () => {
  it('is the standard NCMD: Node Control/Rebirth = true (Boolean), with timestamps, as Tahu decodes it', () => {
    const now = 1_700_000_000_123;
    const decoded = JSON.parse(JSON.stringify(sparkplug.decodePayload(encodeRebirthCommand(now)), (_k, v: unknown) => (typeof v === 'object' && v !== null && 'low' in v && 'high' in v ? Number(String(v)) : v)));
    expect(decoded).toEqual({ timestamp: now, metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true, timestamp: now }] });
  });

  it('reads back through the app decoder as an NCMD with the metric by name', () => {
    const out = new SparkplugDecoder().decode('spBv1.0/plant/NCMD/edge1', encodeRebirthCommand(5));
    expect(out?.error).toBeUndefined();
    expect(out?.sparkplug?.metrics).toEqual([{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }]);
    expect(out?.sparkplug?.timestamp).toBe(5);
  });
});

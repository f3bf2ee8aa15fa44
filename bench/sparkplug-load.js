// The Sparkplug B load of `npm run bench -- --sparkplug` (issue 13: at 5,000 DDATA msg/s with 10
// metrics each, the app's ingest stays within 15 % of the same load as JSON). Used by
// bench/load-generator.js in place of its JSON readings, message for message: each of the
// `topics` topics is a device `spBv1.0/bench/DDATA/edge/<NNNN>` of one edge node, so the run's
// `seq` counts 0–255 across all of them with no gap. A run starts with the edge node's NBIRTH and
// one DBIRTH per device (metric names with aliases 1–10), counted among the run's messages; the
// DDATA that follow carry aliases only, so the app resolves every name from the births. Encoded
// with sparkplug-payload, the Eclipse Tahu reference encoder (a dev dependency).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const sparkplug = require('sparkplug-payload').get('spBv1.0');

const METRICS = ['Temperature', 'Pressure', 'Flow', 'Level', 'Speed', 'Current', 'Voltage', 'Power', 'Count', 'Running'];
const TYPES = ['Float', 'Float', 'Double', 'Double', 'Int32', 'Float', 'Float', 'Double', 'Int64', 'Boolean'];

const pad = (n, width) => String(n).padStart(width, '0');

function value(type, seq, k) {
  if (type === 'Boolean') return seq % 2 === 0;
  if (type === 'Int32' || type === 'Int64') return seq * 10 + k;
  return 20 + 5 * Math.sin(seq / 500 + k) + (seq % 7) / 10;
}

/**
 * The same readings as JSON, message for message: "the same load as JSON" of issue 13. Each
 * message is what a device would send for one DDATA: the metrics by name with their values
 * (floats to 3 decimals) and the timestamp and seq, `{"timestamp":…,"seq":…,"Temperature":21.317,…}`
 * (~197 bytes, as many as the DDATA's), on `json/bench/DDATA/edge/<NNNN>`; no births, so
 * every message of the run is a reading.
 */
export function sparkplugAsJson(topics) {
  const width = Math.max(4, String(topics - 1).length);
  const devices = Array.from({ length: topics }, (_, i) => pad(i, width));
  const round = (v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v);
  return (n) => {
    const reading = { timestamp: Date.now(), seq: n & 255 };
    METRICS.forEach((name, k) => (reading[name] = round(value(TYPES[k], n, k))));
    return { topic: `json/bench/DDATA/edge/${devices[n % topics]}`, payload: Buffer.from(JSON.stringify(reading)) };
  };
}

/** A function from the run's message number to the message to publish (topic and bytes). */
export function sparkplugMessages(topics) {
  const width = Math.max(4, String(topics - 1).length);
  const devices = Array.from({ length: topics }, (_, i) => pad(i, width));
  const births = 1 + topics;
  return (n) => {
    const timestamp = Date.now();
    if (n === 0) {
      return { topic: 'spBv1.0/bench/NBIRTH/edge', payload: sparkplug.encodePayload({ timestamp, seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }) };
    }
    const seq = n & 255;
    if (n < births) {
      const device = devices[n - 1];
      const metrics = METRICS.map((name, k) => ({ name, alias: k + 1, type: TYPES[k], value: value(TYPES[k], n, k), timestamp }));
      return { topic: `spBv1.0/bench/DBIRTH/edge/${device}`, payload: sparkplug.encodePayload({ timestamp, seq, metrics }) };
    }
    const device = devices[(n - births) % topics];
    const metrics = METRICS.map((_, k) => ({ alias: k + 1, type: TYPES[k], value: value(TYPES[k], n, k), timestamp }));
    return { topic: `spBv1.0/bench/DDATA/edge/${device}`, payload: sparkplug.encodePayload({ timestamp, seq, metrics }) };
  };
}

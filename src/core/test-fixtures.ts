import type { MqttMessage } from './message';

/** Test helper: a message with sensible defaults. Used only by *.test.ts files. */
export function makeMessage(
  topic: string,
  payload: string | Uint8Array = 'x',
  extra: Partial<Omit<MqttMessage, 'topic' | 'payload'>> = {},
): MqttMessage {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  return { topic, payload: bytes, size: bytes.length, qos: 0, retain: false, time: 0, ...extra };
}

/** Test helper: a small deterministic PRNG (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

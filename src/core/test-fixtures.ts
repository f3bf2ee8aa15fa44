import type { Profile } from './connection';
import type { MqttMessage } from './message';
import type { RecordedMessage } from './recording-format';

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

/** Test helper: a connection profile (ws://127.0.0.1:9001, MQTT 5, clean start, `#`) with overrides. */
export function makeProfile(over: Partial<Profile> = {}): Profile {
  return {
    id: 'p1',
    name: 'Plant',
    url: 'ws://127.0.0.1:9001',
    moreUrls: [],
    clientId: 'me',
    username: '',
    password: '',
    rememberPassword: false,
    keepalive: 30,
    clean: true,
    protocolVersion: 5,
    subscriptions: ['#'],
    willTopic: '',
    willPayload: '',
    willQos: 0,
    willRetain: false,
    ...over,
  };
}

/** Where randomRecordedMessages' times start (2025-11-24). */
export const T0_RECORDED = 1_764_000_000_000;

/**
 * Test helper: `n` recorded messages (QoS 1) from a seed, for the time index and what is built
 * on it. Times start at `T0_RECORDED` in whole ms over a short span, so many share a ms; topics
 * are `t/0` … `t/<topics - 1>`, the low ones more often; 30 % are retained and `emptyShare` of them
 * have an empty payload (the others `m<i>`); in time order unless `shuffled` (an imported file).
 */
export function randomRecordedMessages(seed: number, n: number, { topics, emptyShare, shuffled }: { topics: number; emptyShare: number; shuffled: boolean }): RecordedMessage[] {
  const r = seededRandom(seed);
  const enc = new TextEncoder();
  const out: RecordedMessage[] = [];
  let t = T0_RECORDED;
  for (let i = 0; i < n; i++) {
    if (r() < 0.4) t += Math.floor(r() * 5);
    const x = r();
    out.push({ time: t, topic: `t/${Math.floor(r() * r() * topics)}`, qos: 1, retain: x < 0.3, payload: x > 1 - emptyShare ? new Uint8Array(0) : enc.encode(`m${i}`) });
  }
  if (shuffled) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
  }
  return out;
}

import type { Profile } from './connection';
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

/**
 * mqtt.js keeps the QoS 1/2 packets of a session in two stores: incoming (QoS 2 messages we
 * PUBREC'd and show when the PUBREL comes) and outgoing (publishes and PUBRELs the broker has
 * not acknowledged yet). The worker builds a new mqtt.js client for every reconnect; with a kept
 * session (Clean start off) it must hand the same stores to each of them, or a message PUBREC'd
 * before a drop whose PUBREL comes after it is never shown, and our own unacknowledged
 * publishes are never sent again. One pair per broker URL + client ID; emptied when the broker
 * says the session is gone (CONNACK without session present) or a clean start discards it.
 */
import mqtt from 'mqtt';
import type { IStore, Store } from 'mqtt';
import { Qos1Redelivery } from './qos1-redelivery';

// The browser build of mqtt.js has only a default export.
const BaseStore = mqtt.Store;

/** A Store that survives client.end() (mqtt.js closes stores on end) and can be emptied. */
class SessionPacketStore extends BaseStore {
  private readonly ids = new Set<number>();

  constructor() {
    super({ clean: false });
  }

  override put(...args: Parameters<Store['put']>): this {
    const id = args[0].messageId;
    if (id !== undefined) this.ids.add(id);
    return super.put(...args);
  }

  override del(...args: Parameters<Store['del']>): this {
    const id = args[0].messageId;
    if (id !== undefined) this.ids.delete(id);
    return super.del(...args);
  }

  get size(): number {
    return this.ids.size;
  }

  clear(): void {
    for (const messageId of [...this.ids]) this.del({ messageId }, () => {});
  }
}

export interface SessionStores {
  incomingStore: IStore;
  outgoingStore: IStore;
  /** QoS 1 messages received in the session, to recognise the broker's redeliveries (qos1-redelivery.ts). */
  qos1: Qos1Redelivery;
  clear(): void;
}

/** Kept sessions remembered at most (each holds at most a Receive Maximum of packets). */
const MAX_SESSIONS = 8;
const sessions = new Map<string, { incoming: SessionPacketStore; outgoing: SessionPacketStore; qos1: Qos1Redelivery }>();

const keyOf = (url: string, clientId: string) => `${clientId}\u0000${url}`;

/** The stores of the kept session of this client ID on this broker (created on first use). */
export function sessionStores(url: string, clientId: string): SessionStores {
  const key = keyOf(url, clientId);
  let s = sessions.get(key);
  if (s) sessions.delete(key);
  else s = { incoming: new SessionPacketStore(), outgoing: new SessionPacketStore(), qos1: new Qos1Redelivery() };
  sessions.set(key, s);
  for (const k of [...sessions.keys()].slice(0, Math.max(0, sessions.size - MAX_SESSIONS))) sessions.delete(k);
  const { incoming, outgoing, qos1 } = s;
  return {
    incomingStore: incoming,
    outgoingStore: outgoing,
    qos1,
    clear() {
      incoming.clear();
      outgoing.clear();
      qos1.clear();
    },
  };
}

/** A clean start discards the session, and with it whatever was in flight. */
export function forgetSessionStores(url: string, clientId: string): void {
  sessions.delete(keyOf(url, clientId));
}

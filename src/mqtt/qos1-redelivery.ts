/**
 * QoS 1 redeliveries of a kept session, recognised so that a message already shown is not shown
 * (and counted, recorded, alerted on) a second time.
 *
 * When the connection drops after the broker sent us a QoS 1 message but before our PUBACK
 * reached it, the broker sends that message again after we reconnect with the session kept, with
 * the same packet ID and DUP set (MQTT 3.1.1 and 5, section 4.4). mqtt.js hands it over again
 * like a new message. A broker gives a packet ID to another message only once our PUBACK for the
 * previous one arrived, so a DUP PUBLISH whose packet ID, topic and payload are those of the last
 * QoS 1 message we got with that ID is that message again. (The one case this would misjudge: the
 * broker got our PUBACK, gave the same ID at once to a message with the very same topic and
 * payload, and that one was lost in a drop. Mosquitto and aedes count packet IDs up per client, so
 * 65,535 other QoS 1/2 messages to us would have to come in between.)
 *
 * The payload is kept as its length and a 32-bit FNV-1a hash, never the bytes. At most one entry
 * per packet ID (65,535). QoS 2 needs none of this: mqtt.js's incoming store keeps it exactly once.
 */
export class Qos1Redelivery {
  private readonly last = new Map<number, { topic: string; size: number; hash: number }>();

  /**
   * A QoS 1 message as it arrives: true if it is a redelivery of the message last received with
   * its packet ID (already shown: skip it); otherwise it is remembered and false is returned.
   */
  repeat(messageId: number | undefined, topic: string, payload: Uint8Array, dup: boolean): boolean {
    if (messageId === undefined) return false;
    const hash = fnv1a(payload);
    const prev = this.last.get(messageId);
    if (dup && prev && prev.topic === topic && prev.size === payload.length && prev.hash === hash) return true;
    this.last.set(messageId, { topic, size: payload.length, hash });
    return false;
  }

  /** The broker no longer has the session: nothing it sends can be a redelivery. */
  clear(): void {
    this.last.clear();
  }

  /** Packet IDs remembered (tests). */
  get size(): number {
    return this.last.size;
  }
}

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

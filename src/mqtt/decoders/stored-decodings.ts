/**
 * Decoded payloads of messages already stored on the main thread (issue 13), for the views that
 * show them: the Explorer's History and tree rows, the Retained table, the Charts dialog. The
 * worker decodes every message as it arrives, but its decodings are kept only on each topic's
 * newest message (mqtt/decoded-retention.ts), and a Decode as choice reaches the worker only for
 * the messages after it. What the views need beyond that — a History entry whose decoding was
 * dropped, the newest message of a topic the user just chose a decoder for — is decoded here,
 * once per message, on request (a view on screen asking, never per incoming message), with the
 * same lazily loaded decoder modules as the worker (decode-once.ts, through decode-stored.ts,
 * which is loaded with the first request).
 *
 * Bounded: at most MAX_KEPT decodings are held (weakly, per message object: they go with their
 * message); past that the whole cache is dropped and rebuilt on demand. One History holds at most
 * MAX_HISTORY_LIMIT entries, so a view's own requests always fit.
 */
import { VersionedEmitter } from '../../core/emitter';
import { isDecodeFormat, type DecodedPayload, type DecodeFormat } from '../../core/decoded';
import { MAX_HISTORY_LIMIT, type MqttMessage } from '../../core/message';
import { previewText } from '../../core/payload';
import { decodedPreview } from '../../core/decoded-preview';
import { decodeAsRuleFor, type DecodeAsRule } from '../../stores/decode-as-store';
import type { StoredJob } from './decode-stored';

/** Which decoding a view shows for a topic's messages. */
export interface WantedDecoding {
  format: DecodeFormat;
  /** Protobuf: the message type (from the Decode as rule or the topic's mapping). */
  messageType?: string;
  /** Chosen by the user (Decode as): Sparkplug B then applies outside `spBv1.0/…` too. */
  chosen: boolean;
}

const SPARKPLUG_PREFIX = 'spBv1.0/';

/**
 * The decoding the views show for messages on `topic` under the Decode as rules, the one the
 * worker makes now: the decoder chosen for the topic; under Auto, Sparkplug B on `spBv1.0/…` and
 * a protobuf mapping's type (known from `hint`, the worker's decoding of the topic's newest
 * message) — never MessagePack / CBOR, which only a choice applies (a decoding of those under
 * Auto is left from a choice since undone); nothing for Text / JSON / Hex (the bytes are shown).
 */
export function wantedDecoding(topic: string, rules: readonly DecodeAsRule[], hint?: DecodedPayload): WantedDecoding | undefined {
  const rule = decodeAsRuleFor(topic, rules);
  const choice = rule?.choice ?? 'auto';
  if (isDecodeFormat(choice)) {
    if (choice !== 'protobuf') return { format: choice, chosen: true };
    const messageType = rule?.messageType ?? (hint?.format === 'protobuf' ? hint.messageType : undefined);
    return messageType !== undefined ? { format: choice, messageType, chosen: true } : { format: choice, chosen: true };
  }
  if (choice !== 'auto') return undefined;
  if (hint?.format === 'protobuf') return hint.messageType !== undefined ? { format: 'protobuf', messageType: hint.messageType, chosen: false } : { format: 'protobuf', chosen: false };
  if (topic.startsWith(SPARKPLUG_PREFIX)) return { format: 'sparkplug', chosen: false };
  return undefined;
}

/** A decoding is the wanted one: same format (and protobuf message type, when one is wanted). */
export function isWanted(d: DecodedPayload | undefined, want: WantedDecoding): d is DecodedPayload {
  return d !== undefined && d.format === want.format && (want.messageType === undefined || d.messageType === want.messageType);
}

/**
 * The BIRTH whose aliases name a Sparkplug B DATA / CMD topic's metrics: `spBv1.0/g/DDATA/e/d` →
 * `spBv1.0/g/DBIRTH/e/d`, `spBv1.0/g/NDATA/e` → `spBv1.0/g/NBIRTH/e`; `undefined` for a BIRTH or
 * a topic outside the namespace.
 */
export function sparkplugBirthTopic(topic: string): string | undefined {
  if (!topic.startsWith(SPARKPLUG_PREFIX)) return undefined;
  const p = topic.split('/');
  if (p.length !== 4 && p.length !== 5) return undefined;
  if (p[2] === 'NBIRTH' || p[2] === 'DBIRTH' || p[2] === 'STATE') return undefined;
  p[2] = p.length === 5 ? 'DBIRTH' : 'NBIRTH';
  return p.join('/');
}

/** Most decodings held (two full Histories of the largest size, and the rows on screen). */
export const MAX_KEPT = 2 * MAX_HISTORY_LIMIT + 5_000;

interface Slot {
  want: WantedDecoding;
  /** `undefined` while it is being decoded. */
  decoded?: DecodedPayload;
}


const sameWant = (a: WantedDecoding, b: WantedDecoding) => a.format === b.format && a.messageType === b.messageType && a.chosen === b.chosen;

export class StoredDecodings extends VersionedEmitter {
  private kept = new WeakMap<MqttMessage, Slot>();
  private count = 0;
  private jobs: StoredJob[] = [];
  private running = false;

  /**
   * The message's wanted decoding: the worker's when it is that one, else one made here. The
   * first request starts it and returns `undefined` (the bytes are shown meanwhile); this model
   * changes once it is ready (one change for all the requests of a render). `birth`: for a
   * Sparkplug B DATA message, the topic's BIRTH (sparkplugBirthTopic), whose aliases name its
   * metrics as the worker named them.
   */
  decodingOf(m: MqttMessage, want: WantedDecoding, birth?: MqttMessage): DecodedPayload | undefined {
    if (isWanted(m.decoded, want)) return m.decoded;
    const slot = this.kept.get(m);
    if (slot && sameWant(slot.want, want)) return slot.decoded;
    if (++this.count > MAX_KEPT) {
      this.kept = new WeakMap();
      this.count = 1;
    }
    this.kept.set(m, { want });
    this.jobs.push({ m, want, birth });
    if (!this.running) {
      this.running = true;
      void this.run();
    }
    return undefined;
  }

  /** True while `m` waits for its wanted decoding (decodingOf started it). */
  isPending(m: MqttMessage, want: WantedDecoding): boolean {
    if (isWanted(m.decoded, want)) return false;
    const slot = this.kept.get(m);
    return slot !== undefined && sameWant(slot.want, want) && slot.decoded === undefined;
  }

  private async run(): Promise<void> {
    try {
      await Promise.resolve(); // the rest of the render's requests
      while (this.jobs.length > 0) {
        const jobs = this.jobs;
        this.jobs = [];
        const { decodeStored } = await import('./decode-stored');
        await decodeStored(
          jobs,
          ({ m, want }) => {
            const slot = this.kept.get(m);
            return slot !== undefined && sameWant(slot.want, want);
          },
          ({ m }, d) => {
            const slot = this.kept.get(m);
            if (slot) slot.decoded = d;
          },
        );
        this.changed();
      }
    } finally {
      this.running = false;
    }
  }
}

/** The one instance the views share (a decoding made for the Message panel serves the tree row too). */
export const storedDecodings = new StoredDecodings();

/**
 * A one-line preview of a stored message as the views show it (`maxChars` code points): its
 * wanted decoding's (core/decoded-preview.ts) when there is one and the decoder did not refuse
 * the payload, else the bytes' (text or hex) as always. `decode`: whether to decode it here when
 * the worker did not (false: only the worker's decoding is used).
 */
export function storedPreview(m: MqttMessage, want: WantedDecoding | undefined, maxChars: number, decode: boolean, birth?: MqttMessage): string {
  const d = !want ? undefined : decode ? storedDecodings.decodingOf(m, want, birth) : isWanted(m.decoded, want) ? m.decoded : undefined;
  return decodedPreview(d, maxChars) ?? previewText(m.payload, maxChars);
}

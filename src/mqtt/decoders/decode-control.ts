/**
 * The worker's payload decoders (issue 13), small because the worker is on the first load: each
 * decoder's code (Sparkplug B, MessagePack, CBOR) is imported only when a message needs it — a
 * message on `spBv1.0/…`, or on a topic the user decodes as MessagePack / CBOR / Sparkplug B
 * (`decode-rules` command). worker-host.ts hands it every message before the batcher; it puts
 * the result on the message (`decoded`, beside the untouched bytes) and passes it on in order.
 * While a decoder loads, messages wait (bounded) so that order and Sparkplug seq stay right.
 */
import type { IncomingMessage } from '../batcher';
import type { DecodedPayload, DecodeFormat, DecodeRule } from '../../core/decoded';
import { matchesFilter } from '../../core/topic-filter';

/** Sparkplug B's topic namespace (as in core/sparkplug.ts, which is not imported here: the worker's first load). */
const SPARKPLUG_PREFIX = 'spBv1.0/';
import type { DecodeRulesCommand } from './decode-protocol';
import type { ProtoFile } from '../../core/protobuf-decoders';

/** `rule`: the Decode as rule or protobuf mapping that chose the decoder; `proto`: the uploaded .proto files. */
type Decode = (topic: string, bytes: Uint8Array, forced: boolean, rule?: DecodeRule, proto?: readonly ProtoFile[]) => DecodedPayload | undefined;

/** How each decoder's code is loaded (tests may count or fail loads). */
export type DecoderLoaders = { [F in DecodeFormat]?: () => Promise<Decode> };

export const defaultLoaders: Required<DecoderLoaders> = {
  sparkplug: () => import('./sparkplug-decoder').then(({ SparkplugDecoder }) => {
    const d = new SparkplugDecoder();
    return (topic, bytes, forced) => d.decode(topic, bytes, forced);
  }),
  protobuf: () => import('./protobuf-decoder').then(({ ProtobufDecoder }) => {
    const d = new ProtobufDecoder();
    return (_t, bytes, _f, rule, proto) => d.decode(proto ?? [], rule?.messageType, bytes);
  }),
  msgpack: () => import('./msgpack-decoder').then(({ decodeMsgpack }) => (_t, bytes) => decodeMsgpack(bytes)),
  cbor: () => import('./cbor-decoder').then(({ decodeCbor }) => (_t, bytes) => decodeCbor(bytes)),
};

/** Messages held while a decoder loads (a few ms; a flood may bring thousands). */
const MAX_WAITING = 50_000;
/** Topics whose rule is remembered (cleared when full or when the rules change). */
const MAX_CACHED = 10_000;

export class DecodeControl {
  private rules: DecodeRule[] = [];
  private readonly decoders = new Map<DecodeFormat, Decode>();
  private readonly failed = new Map<DecodeFormat, string>();
  private readonly loading = new Set<DecodeFormat>();
  private waiting: { m: IncomingMessage; format: DecodeFormat | null; forced: boolean; rule?: DecodeRule }[] = [];
  private readonly ruleFor = new Map<string, DecodeRule | null>();
  private proto: readonly ProtoFile[] = [];
  private readonly loaders: Required<DecoderLoaders>;

  constructor(
    private readonly out: (m: IncomingMessage) => void,
    loaders: DecoderLoaders = defaultLoaders,
  ) {
    this.loaders = { ...defaultLoaders, ...loaders };
  }

  /** Every message the connection receives (the hot path: a prefix check while there are no rules). */
  add(m: IncomingMessage): void {
    const rule = this.rules.length > 0 ? (this.ruleOf(m.topic) ?? undefined) : undefined;
    const ruled = rule?.format ?? null;
    const format = ruled ?? (m.topic.startsWith(SPARKPLUG_PREFIX) ? 'sparkplug' : null);
    if (!format && this.waiting.length === 0) {
      this.out(m);
      return;
    }
    const forced = ruled !== null;
    if (this.waiting.length > 0 || (format && !this.decoders.has(format) && !this.failed.has(format))) {
      if (this.waiting.length >= MAX_WAITING) this.release();
      this.waiting.push({ m, format, forced, rule });
      if (format) this.load(format);
      return;
    }
    this.decodeOut(m, format, forced, rule);
  }

  command(cmd: DecodeRulesCommand): void {
    this.rules = cmd.rules.slice();
    this.proto = cmd.proto ?? [];
    this.ruleFor.clear();
  }

  /** The first rule whose filter matches (the main thread sends them in order of precedence). */
  private ruleOf(topic: string): DecodeRule | null {
    let r = this.ruleFor.get(topic);
    if (r === undefined) {
      r = this.rules.find((x) => matchesFilter(x.filter, topic)) ?? null;
      if (this.ruleFor.size >= MAX_CACHED) this.ruleFor.clear();
      this.ruleFor.set(topic, r);
    }
    return r;
  }

  private decodeOut(m: IncomingMessage, format: DecodeFormat | null, forced: boolean, rule?: DecodeRule): void {
    if (format) {
      const decode = this.decoders.get(format);
      if (decode) {
        try {
          const d = decode(m.topic, m.payload, forced, rule, this.proto);
          if (d) m.decoded = d;
        } catch (e) {
          m.decoded = { format, error: `could not decode: ${(e as Error)?.message || String(e)}` };
        }
      } else {
        const why = this.failed.get(format);
        if (why) m.decoded = { format, error: why };
      }
    }
    this.out(m);
  }

  private load(format: DecodeFormat): void {
    if (this.loading.has(format)) return;
    this.loading.add(format);
    this.loaders[format]()
      .then((d) => this.decoders.set(format, d))
      .catch((e) => this.failed.set(format, `the decoder could not be loaded (${(e as Error)?.message || String(e)})`))
      .finally(() => {
        this.loading.delete(format);
        this.release();
      });
  }

  /** Passes on the waiting messages in order, up to the first whose decoder is still loading. */
  private release(): void {
    const waiting = this.waiting;
    let i = 0;
    for (; i < waiting.length; i++) {
      const w = waiting[i];
      const ready = !w.format || this.decoders.has(w.format) || this.failed.has(w.format);
      if (!ready && waiting.length < MAX_WAITING) break;
      this.decodeOut(w.m, w.format, w.forced, w.rule);
    }
    this.waiting = waiting.slice(i);
  }
}

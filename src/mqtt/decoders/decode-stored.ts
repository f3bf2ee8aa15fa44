/**
 * The decoding work of stored-decodings.ts, loaded with the first request (not on the first
 * load): each stored message decoded once with decode-once.ts (the worker's decoder modules), a
 * Sparkplug B DATA message after its BIRTH; the .proto files read from their store when a job
 * needs Protobuf.
 */
import type { DecodedPayload } from '../../core/decoded';
import type { MqttMessage } from '../../core/message';
import { decodeOnce } from './decode-once';
import type { WantedDecoding } from './stored-decodings';

export interface StoredJob {
  m: MqttMessage;
  want: WantedDecoding;
  birth?: MqttMessage;
}

/** Decodes the jobs `wanted` still asks for, in order, handing each result to `done`. */
export async function decodeStored(jobs: readonly StoredJob[], wanted: (job: StoredJob) => boolean, done: (job: StoredJob, d: DecodedPayload) => void): Promise<void> {
  const files = jobs.some((j) => j.want.format === 'protobuf')
    ? await import('../../stores/protobuf-store').then((s) => s.useProtobufStore.getState().files).catch(() => [])
    : [];
  for (const job of jobs) {
    if (!wanted(job)) continue; // dropped, or asked again differently
    const { m, want, birth } = job;
    const d = await decodeOnce(want.format, m.topic, m.payload, { messageType: want.messageType, files }, {
      forced: want.chosen,
      birth: birth ? { topic: birth.topic, payload: birth.payload } : undefined,
    })
      .then((r): DecodedPayload => r ?? { format: want.format, error: 'nothing to decode on this topic' })
      .catch((e: unknown): DecodedPayload => ({ format: want.format, error: `could not decode: ${(e as Error)?.message || String(e)}` }));
    done(job, d);
  }
}

/**
 * Request rebirth (issue 13): publishes the standard NCMD `Node Control/Rebirth` = true to an edge
 * node (QoS 0, not retained, as Sparkplug B requires of commands). The encoder (the generated
 * protobuf code) loads on the first request, not with the app.
 */
import { nodeCommandTopic } from '../core/sparkplug-names';
import { session } from './session';

export interface RebirthOutcome {
  ok: boolean;
  error?: string;
}

export async function requestRebirth(group: string, edgeNode: string): Promise<RebirthOutcome> {
  try {
    const { encodeRebirthCommand } = await import('./decoders/rebirth-command');
    const r = await session.publish({ topic: nodeCommandTopic(group, edgeNode), payload: encodeRebirthCommand(), qos: 0, retain: false });
    return r.ok ? { ok: true } : { ok: false, error: r.error ?? (r.reasonCode ? `reason code ${r.reasonCode}` : 'the broker refused it') };
  } catch (e) {
    return { ok: false, error: (e as Error)?.message || String(e) };
  }
}

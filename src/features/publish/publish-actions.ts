/**
 * Sending from the Publish view: what the user is told at each step (sending,
 * sent / acknowledged / refused / failed), the explicit queue while
 * disconnected, and its flush when the connection is back.
 */
import { session } from '../../mqtt/session';
import type { PublishRequest } from '../../core/connection';
import type { ResultEvent } from '../../mqtt/protocol';
import { useSessionStore } from '../../stores/session-store';
import {
  addHistory,
  enqueue,
  startOutcome,
  takeQueued,
  trackAwaiting,
  updateOutcome,
  usePublishStore,
  type PublishDraft,
} from '../../stores/publish-store';

/** After this long without PUBACK/PUBCOMP the message says we are still waiting. */
const SLOW_ACK_MS = 10_000;

const ACK_NAME = { 1: 'PUBACK', 2: 'PUBCOMP' } as const;

/** What the user reads for a broker's answer to a publish. */
export function describeResult(req: Pick<PublishRequest, 'topic' | 'qos'>, r: ResultEvent): { ok: boolean; message: string } {
  if (r.ok) {
    if (req.qos === 0) return { ok: true, message: `Sent to ${req.topic} (QoS 0: the broker does not acknowledge)` };
    const note = r.reasonCode === 16 ? ': no matching subscribers (reason code 16)' : '';
    return { ok: true, message: `Acknowledged by the broker (${ACK_NAME[req.qos]}) for ${req.topic}${note}` };
  }
  if (r.reasonCode !== undefined && r.reasonCode >= 0x80) {
    const why = (r.error ?? 'refused').replace(/^Publish error: /, '');
    return { ok: false, message: `Refused by the broker: ${why} (reason code ${r.reasonCode})` };
  }
  return { ok: false, message: `Not sent: ${r.error ?? 'unknown error'}` };
}

/**
 * Publishes now if connected. Otherwise QoS 0 is refused, and QoS 1/2 are
 * offered for the queue (the user decides; nothing is queued silently).
 */
export function publishDraft(draft: PublishDraft, request: PublishRequest): void {
  if (useSessionStore.getState().state !== 'connected') {
    if (request.qos === 0) {
      startOutcome('error', 'Not connected: nothing was sent. QoS 0 messages are never queued; choose QoS 1 or 2 to queue it until the connection is back.');
    } else {
      startOutcome('offline', 'Not connected: nothing was sent yet.', { draft, request });
    }
    return;
  }
  void send(draft, request);
}

async function send(draft: PublishDraft, request: PublishRequest): Promise<void> {
  const waiting = request.qos === 0 ? '' : ` and waiting for ${ACK_NAME[request.qos]}`;
  const n = startOutcome('sending', `Publishing to ${request.topic}${waiting}…`);
  const slow = request.qos
    ? setTimeout(() => {
        if (usePublishStore.getState().outcome?.kind === 'sending') {
          updateOutcome(n, 'sending', `Still waiting for the broker's ${ACK_NAME[request.qos as 1 | 2]} for ${request.topic}…`);
        }
      }, SLOW_ACK_MS)
    : undefined;
  trackAwaiting(1);
  const result = await session.publish(request).finally(() => trackAwaiting(-1));
  clearTimeout(slow);
  const { ok, message } = describeResult(request, result);
  updateOutcome(n, ok ? 'ok' : 'error', message);
  if (ok) addHistory(draft);
}

/** Queues the message the last outcome offered (QoS 1/2 while disconnected). */
export function queueOffered(): void {
  const offered = usePublishStore.getState().outcome?.queueable;
  if (!offered) return;
  enqueue(offered.draft, offered.request);
  startOutcome('sending', `Queued for ${offered.request.topic}: it is sent as soon as the connection is back, unless you cancel it.`);
}

async function flushQueue(): Promise<void> {
  for (const q of takeQueued()) {
    if (useSessionStore.getState().state !== 'connected') {
      // Lost again while flushing: put it back, in order, still cancellable.
      enqueue(q.draft, q.request, q.queuedAt);
      continue;
    }
    await send(q.draft, q.request);
  }
}

/** The connection came (back) up: queued messages go out, wherever the user is in the app (src/app/live.ts). */
export function sendQueuedOnConnect(): void {
  if (usePublishStore.getState().queued.length > 0) void flushQueue();
}

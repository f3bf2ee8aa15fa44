/**
 * Replay to the connected broker (issue 12): wires the replay loop (replay-run.ts) to the
 * recording's stored chunks (read one at a time, lib/recordings-db.ts iterateChunks), the
 * session's publish and its connection state, and keeps the one replay that runs in a small
 * store the Recordings view shows (a progress bar with Stop). It lives outside React, so that
 * leaving the view does not stop it; progress is published at most every 100 ms.
 */
import { create } from 'zustand';
import { iterateChunks, openRecordingsDb, type RecordingMeta } from '../../lib/recordings-db';
import { holdLeave } from '../../lib/leave-guard';
import { windowFor } from '../../core/windowed-sender';
import type { ReplaySettings } from '../../core/replay-schedule';
import { session } from '../../mqtt/session';
import { runBulk } from '../../mqtt/bulk-queue';
import { useSessionStore } from '../../stores/session-store';
import { runReplay, type ReplayResult } from './replay-run';

/** A publish the broker has not answered after this long counts as failed. */
const ANSWER_TIMEOUT_MS = 60_000;

export interface ReplayState {
  running: null | { name: string; brokerUrl: string; total: number; sent: number; failed: number; stopping: boolean };
  /** How the last replay ended, for people. */
  last: null | { text: string; error: boolean };
}

export const useReplayStore = create<ReplayState>(() => ({ running: null, last: null }));

let controller: AbortController | null = null;

export function stopReplay(): void {
  const r = useReplayStore.getState().running;
  if (!r || !controller) return;
  useReplayStore.setState({ running: { ...r, stopping: true } });
  controller.abort();
}

/** Why the connection cannot take a replay now, or null. */
export function notConnectedReason(state: string, reason?: string): string | null {
  if (state === 'connected') return null;
  return `Not connected${reason ? ` (${reason})` : ''}: connect to a broker to replay to it.`;
}

const n = (x: number) => x.toLocaleString('en-US');

export function describeResult(r: ReplayResult, total: number): { text: string; error: boolean } {
  const failed = r.failed ? ` ${n(r.failed)} failed${r.errors.length ? ` (${r.errors.join('; ')})` : ''}.` : '';
  switch (r.end) {
    case 'done':
      return { text: `Replay finished: ${n(r.sent)} of ${n(total)} messages sent.${failed}`, error: r.failed > 0 };
    case 'stopped':
      return { text: `Replay stopped: ${n(r.sent)} of ${n(total)} messages sent, no more will be.${failed}`, error: false };
    case 'lost':
      return { text: `Replay stopped, the connection was lost: ${n(r.sent)} of ${n(total)} messages sent. ${r.reason ?? ''}${failed}`.trim(), error: true };
    default:
      return { text: `Replay failed after ${n(r.sent)} of ${n(total)} messages: ${r.reason ?? 'unknown error'}${failed}`, error: true };
  }
}

async function* chunkBlobs(id: string): AsyncGenerator<Uint8Array> {
  const db = await openRecordingsDb();
  for await (const c of iterateChunks(db, id)) yield c.data;
}

/**
 * Starts replaying `recording` (or its `settings.selection`, `total` messages) to the connected
 * broker; resolves when it ends (the store says how).
 */
export async function startReplay(recording: RecordingMeta, settings: ReplaySettings, total = recording.messages): Promise<void> {
  if (useReplayStore.getState().running) return;
  const s = useSessionStore.getState();
  const brokerUrl = s.nodeUrl ?? s.brokerUrl ?? '';
  controller = new AbortController();
  useReplayStore.setState({ running: { name: recording.name, brokerUrl, total, sent: 0, failed: 0, stopping: false }, last: null });
  const release = holdLeave('replay of a recording');
  let pending: { sent: number; failed: number } | null = null;
  const flush = () => {
    const r = useReplayStore.getState().running;
    if (r && pending) useReplayStore.setState({ running: { ...r, ...pending } });
    pending = null;
  };
  const timer = setInterval(flush, 100);
  try {
    // After any retained Delete / Restore / Import still sending, and before the next one: one
    // bulk publisher at a time keeps the publishes in flight within the broker's Receive Maximum.
    const signal = controller.signal;
    const result = await runBulk(() => {
      const { receiveMaximum, protocolVersion } = useSessionStore.getState();
      return runReplay(
        settings,
        {
          chunks: chunkBlobs(recording.id),
          publish: (req) => session.publish(req).then((r) => ({ ok: r.ok, error: r.ok ? undefined : (r.error ?? (r.reasonCode ? `reason code ${r.reasonCode}` : 'failed')) })),
          window: windowFor(receiveMaximum, protocolVersion),
          now: () => performance.now(),
          sleep: (ms, signal) =>
            new Promise<void>((resolve) => {
              const t = setTimeout(done, ms);
              function done() {
                clearTimeout(t);
                signal.removeEventListener('abort', done);
                resolve();
              }
              signal.addEventListener('abort', done);
            }),
          connectionLost: () => {
            const st = useSessionStore.getState();
            return st.state === 'connected' ? null : `The connection is ${st.state}${st.reason ? `: ${st.reason}` : ''}.`;
          },
          // A look at the session's state 5 times a second (only app/live.ts subscribes to stores outside React).
          watchConnection: (changed) => {
            const t = setInterval(changed, 200);
            return () => clearInterval(t);
          },
          timeoutMs: ANSWER_TIMEOUT_MS,
          // The dialog closes and the progress bar appears first, so that it does not delay the first message.
          leadMs: 100,
        },
        signal,
        (p) => (pending = p),
      );
    });
    useReplayStore.setState({ running: null, last: describeResult(result, total) });
  } finally {
    clearInterval(timer);
    release();
    controller = null;
    if (useReplayStore.getState().running) useReplayStore.setState({ running: null });
  }
}

/**
 * The worker's `recorder` events into the recorder store (the session's onRecorder, set by
 * recording-actions.ts; a few times a second at most while recording).
 */
import { useRecorderStore } from '../stores/recorder-store';
import type { RecorderEvent } from './recorder-protocol';

/** Omit over each member of a union (a plain Omit would merge them). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function recorderEvent(ev: RecorderEvent): void {
  const s = useRecorderStore.getState();
  // A late progress report of a recording that already stopped changes nothing.
  if (ev.state === 'recording' && s.recordingId === ev.recordingId && (s.state === 'stopped' || s.state === 'stopping')) return;
  useRecorderStore.setState({
    state: ev.state,
    recordingId: ev.recordingId,
    name: ev.name,
    messages: ev.messages,
    bytes: ev.bytes,
    capBytes: ev.capBytes,
    reason: ev.reason,
  });
}

/**
 * The worker failed and was terminated (session.onWorkerLost): a recording in it ended with it.
 * Its chunks written so far are kept (the list shows it Interrupted: its Web Lock went with the
 * worker); the header must not go on saying "recording".
 */
export function recorderLost(reason: string): void {
  const s = useRecorderStore.getState();
  if (s.state !== 'starting' && s.state !== 'recording' && s.state !== 'stopping') return;
  useRecorderStore.setState({ state: 'stopped', reason: `${reason}: the recording stopped. What was written before is kept.` });
}

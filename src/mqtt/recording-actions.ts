/**
 * Record / Stop recording (the header's button): asks the worker's recorder, which records the
 * connection's subscriptions (issue 12). Its progress reaches the recorder store as events.
 */
import { useRecorderStore } from '../stores/recorder-store';
import { session } from './session';
import { recorderEvent, recorderLost } from './recorder-events';

function defaultName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `Recording ${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

export async function startRecording(): Promise<void> {
  const s = useRecorderStore.getState();
  if (s.state === 'starting' || s.state === 'recording' || s.state === 'stopping') return;
  session.onRecorder = recorderEvent;
  session.onWorkerLost = recorderLost;
  useRecorderStore.setState({ state: 'starting', reason: undefined, messages: 0, bytes: 0 });
  const r = await session.record({ type: 'record-start', name: defaultName() });
  if (!r.ok) useRecorderStore.setState({ state: 'stopped', recordingId: undefined, reason: r.error ?? 'Could not start recording.' });
}

export async function stopRecording(): Promise<void> {
  if (useRecorderStore.getState().state !== 'recording') return;
  useRecorderStore.setState({ state: 'stopping' });
  await session.record({ type: 'record-stop' });
}

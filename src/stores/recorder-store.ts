/**
 * The recorder's state for the header (Record / Stop recording, the Recorder status) and the
 * Recordings view: written by the session from the worker's `recorder` events (a few times a
 * second at most while recording, never per message). Not persisted: the recordings themselves
 * are in IndexedDB (lib/recordings-db.ts).
 */
import { create } from 'zustand';

export interface RecorderState {
  /** idle: never recorded in this page; starting: asked the worker; recording; stopped. */
  state: 'idle' | 'starting' | 'recording' | 'stopping' | 'stopped';
  recordingId?: string;
  name?: string;
  messages: number;
  bytes: number;
  capBytes?: number;
  /** Why the last recording stopped on its own, or why it could not start. */
  reason?: string;
}

export const useRecorderStore = create<RecorderState>(() => ({ state: 'idle', messages: 0, bytes: 0 }));

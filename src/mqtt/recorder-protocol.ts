/**
 * Recording (issue 12) in the worker protocol: the commands that start and stop the recorder
 * (src/mqtt/recorder.ts) and the event that reports on it, a few times a second at most.
 */

/** Starts recording what the connection receives (answered with a `result`). */
export interface RecordStartCommand {
  type: 'record-start';
  id: number;
  name: string;
  /** Topic filters to record; absent: the connection's subscriptions. */
  filters?: string[];
}

export interface RecordStopCommand {
  type: 'record-stop';
  id: number;
}

export type RecorderCommand = RecordStartCommand | RecordStopCommand;

/** The recorder's state: while recording (at most ~4 times a second), and once when it stopped. */
export interface RecorderEvent {
  type: 'recorder';
  state: 'recording' | 'stopped';
  recordingId: string;
  name: string;
  /** Messages and their packed bytes recorded so far (those still waiting for their chunk included). */
  messages: number;
  bytes: number;
  capBytes: number;
  /** When it stopped on its own (cap, storage, disconnect): why, in words for the user. */
  reason?: string;
}

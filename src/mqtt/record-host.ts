/**
 * Recording in the worker (issue 12): the record-start / record-stop commands and the recorder
 * they run. Loaded by record-control.ts on the first command (the worker is on the first load);
 * the recorder itself, idb and the chunk packing load when recording starts (record-session.ts).
 */
import type { IncomingMessage } from './batcher';
import type { RecorderCommand, RecorderEvent } from './recorder-protocol';
import type { ResultEvent } from './protocol';
import type { Recorder } from './recorder';
import { EARLY_LIMIT } from './record-control';

export class RecordHost {
  private recorder: Recorder | null = null;
  private starting = false;
  /** Messages since record-start, kept until the recorder is ready (then handed to it in order). */
  private pending: IncomingMessage[] | null = null;

  constructor(private readonly post: (ev: RecorderEvent | ResultEvent) => void) {}

  /** Every message the connection receives (the hot path: one check while not recording). */
  add(m: IncomingMessage): void {
    if (this.recorder) this.recorder.add(m);
    else if (this.pending && this.pending.length < EARLY_LIMIT) this.pending.push(m);
  }

  /**
   * `conn`: the current connection's URL and subscriptions (null when there is none); `early`:
   * messages received since the command arrived, before this code was loaded (record-control.ts).
   */
  command(cmd: RecorderCommand, conn: { url: string; subscriptions: string[] } | null, early: IncomingMessage[] = []): void {
    if (cmd.type === 'record-stop') {
      const r = this.recorder;
      if (!r) {
        this.post({ type: 'result', id: cmd.id, ok: true });
        return;
      }
      void r.stop('complete').then(() => this.post({ type: 'result', id: cmd.id, ok: true }));
      return;
    }
    if (this.recorder || this.starting) {
      this.post({ type: 'result', id: cmd.id, ok: false, error: 'Already recording.' });
      return;
    }
    if (!conn) {
      this.post({ type: 'result', id: cmd.id, ok: false, error: 'Not connected: connect to a broker to record.' });
      return;
    }
    this.starting = true;
    this.pending = early;
    import('./record-session')
      .then(({ startRecording }) =>
        startRecording({
          name: cmd.name,
          brokerUrl: conn.url,
          filters: cmd.filters ?? conn.subscriptions,
          post: (ev) => this.post(ev),
          onStopped: () => {
            this.recorder = null;
          },
        }),
      )
      .then(
        (r) => {
          this.starting = false;
          this.recorder = r;
          // What arrived since the click, in order, before anything newer (no task runs in between).
          const pending = this.pending ?? [];
          this.pending = null;
          for (const m of pending) r.add(m);
          this.post({ type: 'result', id: cmd.id, ok: true });
        },
        (e: unknown) => {
          this.starting = false;
          this.pending = null;
          const err = e as Error | undefined;
          this.post({ type: 'result', id: cmd.id, ok: false, error: `Could not start recording: ${err?.message || String(e)}` });
        },
      );
  }

  /** The connection went away or moved to another broker: a recording stops (it belongs to one broker). */
  connectionChanged(url: string | null): void {
    const r = this.recorder;
    if (!r || r.brokerUrl === url) return;
    void r.stop('stopped', url ? 'Connected to another broker: the recording stopped.' : 'Disconnected: the recording stopped.');
  }
}

/**
 * The worker's handle on recording (issue 12), tiny because the worker is on the first load:
 * worker-host.ts hands it every message before the batcher and the record-* commands; the code
 * that acts on them (record-host.ts) loads with the first command.
 */
import type { IncomingMessage } from './batcher';
import type { RecorderCommand, RecorderEvent } from './recorder-protocol';
import type { ResultEvent } from './protocol';
import type { RecordHost } from './record-host';

/**
 * Messages kept from a Record command until the recorder is ready (its code and IndexedDB take
 * a moment): the recording starts at the click, not when storage answers. Beyond this many, the
 * oldest are not kept (a flood during a slow start; the recording then starts later).
 */
export const EARLY_LIMIT = 100_000;

export class RecordControl {
  private host: RecordHost | null = null;
  private loading: Promise<RecordHost> | null = null;
  /** Messages since a record-start arrived while record-host.ts was still loading. */
  private early: IncomingMessage[] | null = null;

  constructor(private readonly post: (ev: RecorderEvent | ResultEvent) => void) {}

  /** Every message the connection receives (one check while nothing records). */
  add(m: IncomingMessage): void {
    if (this.host) this.host.add(m);
    else if (this.early && this.early.length < EARLY_LIMIT) this.early.push(m);
  }

  command(cmd: RecorderCommand, conn: { url: string; subscriptions: string[] } | null): void {
    if (!this.host && cmd.type === 'record-start' && conn) this.early ??= [];
    this.loading ??= import('./record-host').then((m) => (this.host = new m.RecordHost(this.post)));
    this.loading.then(
      (h) => {
        // The same microtask chain that set `host`: no message arrives in between.
        const early = this.early ?? [];
        this.early = null;
        h.command(cmd, conn, early);
      },
      (e: unknown) => this.post({ type: 'result', id: cmd.id, ok: false, error: `Could not load the recorder: ${(e as Error)?.message}` }),
    );
  }

  /** The connection closed or moved to another broker (a recording belongs to one). */
  connectionChanged(url: string | null): void {
    this.host?.connectionChanged(url);
  }
}

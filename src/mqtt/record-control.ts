/**
 * The worker's handle on recording (issue 12), tiny because the worker is on the first load:
 * worker-host.ts hands it every message before the batcher and the record-* commands; the code
 * that acts on them (record-host.ts) loads with the first command.
 */
import type { IncomingMessage } from './batcher';
import type { RecorderCommand, RecorderEvent } from './recorder-protocol';
import type { ResultEvent } from './protocol';
import type { RecordHost } from './record-host';

export class RecordControl {
  private host: RecordHost | null = null;
  private loading: Promise<RecordHost> | null = null;

  constructor(private readonly post: (ev: RecorderEvent | ResultEvent) => void) {}

  /** Every message the connection receives (one check while nothing records). */
  add(m: IncomingMessage): void {
    this.host?.add(m);
  }

  command(cmd: RecorderCommand, conn: { url: string; subscriptions: string[] } | null): void {
    this.loading ??= import('./record-host').then((m) => (this.host = new m.RecordHost(this.post)));
    this.loading.then(
      (h) => h.command(cmd, conn),
      (e: unknown) => this.post({ type: 'result', id: cmd.id, ok: false, error: `Could not load the recorder: ${(e as Error)?.message}` }),
    );
  }

  /** The connection closed or moved to another broker (a recording belongs to one). */
  connectionChanged(url: string | null): void {
    this.host?.connectionChanged(url);
  }
}

/**
 * The worker's handle on alert rules, small because the worker is on the first load: the rules'
 * engine (alert-worker.ts, with core/alert-engine.ts) loads only when the main thread sends at
 * least one rule. worker-host.ts hands it every message before the batcher (so rules see every
 * message even when a flood is coalesced), tells it when a batch went out and when the
 * connection goes up or down, and gives it the `alert-rules` command.
 */
import type { IncomingMessage } from './batcher';
import type { AlertRulesCommand, AlertsEvent } from './alert-protocol';
import type { WorkerAlerts } from './alert-worker';

/** Messages kept for the rules while their engine loads (a few ms; a flood may bring thousands). */
const MAX_EARLY = 20_000;

export class AlertControl {
  private alerts: WorkerAlerts | null = null;
  private loading = false;
  /** The newest rules, while the engine loads. */
  private pending: AlertRulesCommand | null = null;
  private up = false;
  /** Messages that arrived while the engine loads (bounded): evaluated once it is there. */
  private early: IncomingMessage[] = [];

  constructor(private readonly post: (ev: AlertsEvent) => void) {}

  /** Every message the connection receives (the hot path: one check while there are no rules). */
  add(m: IncomingMessage): void {
    if (this.alerts) this.alerts.add(m);
    else if (this.loading && this.early.length < MAX_EARLY) this.early.push(m);
  }

  /** A batch was posted: transitions go out right after it (at most ten reports a second). */
  flushed(): void {
    if (this.alerts) this.alerts.flushed();
  }

  connectionChanged(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    this.alerts?.connectionChanged(up);
  }

  command(cmd: AlertRulesCommand): void {
    if (this.alerts) {
      this.alerts.setRules(cmd.rules, cmd.active);
      return;
    }
    if (cmd.rules.length === 0 && !this.loading) return;
    this.pending = cmd;
    if (this.loading) return;
    this.loading = true;
    import('./alert-worker')
      .then(({ WorkerAlerts }) => {
        this.alerts = new WorkerAlerts((ev) => this.post(ev), this.up);
        const p = this.pending!;
        this.pending = null;
        this.alerts.setRules(p.rules, p.active);
        // E.g. the retained replay of a topic subscribed for the new rule: it may come only once.
        for (const m of this.early.splice(0)) this.alerts.add(m);
        this.alerts.flushed();
      })
      .catch(() => {
        // The chunk could not load (offline after an update): the next rules command tries again.
        this.loading = false;
        this.early = [];
      });
  }
}

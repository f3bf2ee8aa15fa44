/**
 * Alert rules evaluated in the MQTT worker, where the messages already are (loaded by
 * alert-control.ts once a rule exists). Every message is evaluated as it arrives, before the
 * batcher may coalesce a flood, by one AlertEngine (core/alert-engine.ts: thresholds with
 * hysteresis, equals, last will, and silence and rates on a 1 s clock, counted here from every
 * message). The main thread gets only what changed (core/alert-report.ts), right after the batch
 * that caused it and at most ten times a second; it never reads a message for the rules.
 *
 * Retained replays: the main thread does not count a replayed retained message that it already
 * has (session.ts); here a replay whose payload is the one last seen on that topic is skipped
 * the same way, and one never seen before is read (thresholds, equals, last will) but does not
 * count as the topic being heard (silence, rates).
 */
import { AlertEngine } from '../core/alert-engine';
import { AlertReporter } from '../core/alert-report';
import type { AlertRule } from '../core/alert-rules';
import type { IncomingMessage } from './batcher';
import type { AlertsEvent } from './alert-protocol';

/** At most this many reports a second… */
const REPORT_EVERY_MS = 100;
/** …or four while rules fire and clear by the hundred (each report then carries up to MAX_LOG entries). */
const STORM_EVERY_MS = 250;
const STORM_ENTRIES = 100;
/** Retained payloads remembered (as size + hash) per topic watched by a rule. */
const MAX_RETAINED = 20_000;

export class WorkerAlerts {
  private readonly engine: AlertEngine;
  private readonly reporter: AlertReporter;
  private clock: ReturnType<typeof setInterval> | undefined;
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private lastReport = 0;
  private gap = REPORT_EVERY_MS;
  /** Messages evaluated since the last report (a status such as "waiting" may have changed). */
  private evaluated = 0;
  private fullReport = false;
  /** Per watched topic: the last message's payload fingerprint when it was retained. */
  private retained = new Map<string, string>();

  constructor(
    private readonly post: (ev: AlertsEvent) => void,
    connected: boolean,
  ) {
    this.engine = new AlertEngine({ onFire: (e) => this.reporter.fired(e) });
    this.reporter = new AlertReporter(this.engine);
    this.engine.connectionChanged(connected);
  }

  setRules(rules: AlertRule[], active?: [string, string][]): void {
    const now = Date.now();
    this.engine.setRules(rules, now);
    if (active?.length) this.engine.restoreActive(active, now);
    if (!this.engine.hasRules) this.retained.clear();
    this.syncClock();
    this.fullReport = true;
    this.report();
  }

  add(m: IncomingMessage): void {
    if (!this.engine.hasRules) return;
    let heard = true;
    if (m.retain || this.retained.size > 0) {
      const known = this.retained.get(m.topic);
      if (m.retain) {
        if (!this.engine.watches(m.topic)) return;
        const print = fingerprint(m.payload);
        if (m.replay) {
          if (known === print) return; // the state we have: not a new message
          heard = known !== undefined; // changed while we were away; never seen: cannot tell
        }
        if (known === undefined && this.retained.size >= MAX_RETAINED) this.retained.clear();
        this.retained.set(m.topic, print);
      } else if (known !== undefined) this.retained.delete(m.topic);
    }
    this.engine.onMessage(m, heard);
    this.evaluated++;
  }

  /** A batch was posted. */
  flushed(): void {
    if (this.evaluated > 0) this.schedule();
  }

  connectionChanged(up: boolean): void {
    this.engine.connectionChanged(up);
  }

  private syncClock(): void {
    if (this.engine.hasRules && !this.clock) {
      this.clock = setInterval(() => {
        this.engine.tick();
        this.schedule();
      }, 1_000);
    } else if (!this.engine.hasRules && this.clock) {
      clearInterval(this.clock);
      this.clock = undefined;
    }
  }

  private schedule(): void {
    if (this.reportTimer !== undefined) return;
    const wait = Math.max(0, this.lastReport + this.gap - Date.now());
    this.reportTimer = setTimeout(() => {
      this.reportTimer = undefined;
      this.report();
    }, wait);
  }

  private report(): void {
    this.lastReport = Date.now();
    this.evaluated = 0;
    const report = this.reporter.next(this.fullReport);
    this.fullReport = false;
    this.gap = report && report.entries.length >= STORM_ENTRIES ? STORM_EVERY_MS : REPORT_EVERY_MS;
    if (report) this.post({ type: 'alerts', report });
  }
}

/** Size and FNV-1a hash of a payload: enough to tell a replay of the same retained message. */
function fingerprint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return `${bytes.length}:${h >>> 0}`;
}

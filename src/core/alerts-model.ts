/**
 * The alerts as the main thread knows them: the log, each rule's status and the number firing,
 * from the reports of the alert engine that runs in the MQTT worker (alert-report.ts,
 * mqtt/alert-worker.ts). What the Alerts view and the header's "Active alerts" read.
 * A rule the worker has not reported on yet is shown from its definition (invalid, off, waiting).
 */
import { VersionedEmitter } from './emitter';
import { MAX_LOG, type AlertLogEntry, type RuleStatus } from './alert-engine';
import type { AlertReport, RuleReport } from './alert-report';
import { ruleProblem, type AlertRule } from './alert-rules';

export interface AlertsModelOptions {
  /** Told about firings (notifications): the first of each rule per report. */
  onFire?: (entry: AlertLogEntry) => void;
}

export class AlertsModel extends VersionedEmitter {
  private rules = new Map<string, { rule: AlertRule; json: string; problem?: string }>();
  private reports = new Map<string, RuleReport>();
  private logEntries: AlertLogEntry[] = [];
  private seq = 0;
  private activeTotal = 0;

  constructor(private readonly opts: AlertsModelOptions = {}) {
    super();
  }

  /** (rule, topic) pairs firing now: the header's "Active alerts". */
  get active(): number {
    return this.activeTotal;
  }

  /** Fired and cleared, oldest first, at most MAX_LOG (+ a quarter before it is trimmed). */
  get log(): readonly AlertLogEntry[] {
    return this.logEntries;
  }

  /** The rules the worker evaluates; a rule whose definition changed starts over (as in the engine). */
  setRules(rules: readonly AlertRule[]): void {
    const next = new Map<string, { rule: AlertRule; json: string; problem?: string }>();
    for (const rule of rules) {
      const json = JSON.stringify(rule);
      const old = this.rules.get(rule.id);
      next.set(rule.id, old && old.json === json ? old : { rule, json, problem: ruleProblem(rule) });
      if (!old || old.json !== json) this.reports.delete(rule.id);
    }
    for (const id of this.reports.keys()) if (!next.has(id)) this.reports.delete(id);
    this.rules = next;
    this.recount();
    this.changed();
  }

  /** A report from the worker. */
  apply(report: AlertReport): void {
    for (const r of report.rules) if (this.rules.has(r.id)) this.reports.set(r.id, r);
    for (const id of report.removed ?? []) this.reports.delete(id);
    // The entries are this report's own copies (structured clone): numbered here, kept as they are.
    if (report.entries.length >= MAX_LOG) this.logEntries = [];
    for (const e of report.entries) {
      e.seq = ++this.seq;
      this.logEntries.push(e);
    }
    if (this.logEntries.length > MAX_LOG + MAX_LOG / 4) this.logEntries = this.logEntries.slice(-MAX_LOG);
    this.recount();
    for (const e of report.fired) this.opts.onFire?.(e);
    this.changed();
  }

  status(ruleId: string): RuleStatus | undefined {
    const known = this.rules.get(ruleId);
    if (!known) return undefined;
    if (known.problem) return { state: 'invalid', active: 0, note: known.problem };
    if (!known.rule.enabled) return { state: 'off', active: 0 };
    const r = this.reports.get(ruleId);
    if (!r) return { state: 'waiting', active: 0, note: 'No message on a matching topic yet' };
    return r.note === undefined ? { state: r.state, active: r.active } : { state: r.state, active: r.active, note: r.note };
  }

  /** Topics a rule is firing for (at most `max`, and at most the REPORTED_TOPICS the worker sends). */
  activeTopics(ruleId: string, max = 20): string[] {
    return (this.reports.get(ruleId)?.topics ?? []).slice(0, max);
  }

  /** What fires now, as (rule id, topic) pairs: handed to a new worker so those alerts can still clear. */
  activePairs(): [string, string][] {
    const out: [string, string][] = [];
    for (const r of this.reports.values()) for (const t of r.topics) out.push([r.id, t]);
    return out;
  }

  clearLog(): void {
    this.logEntries = [];
    this.changed();
  }

  private recount(): void {
    let n = 0;
    for (const [id, r] of this.reports) if (this.rules.get(id)?.rule.enabled) n += r.active;
    this.activeTotal = n;
  }
}

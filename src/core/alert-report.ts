/**
 * What the alert engine (running in the MQTT worker, mqtt/alert-worker.ts) tells the main thread:
 * the fired/cleared log entries since the last report and the status of each rule that changed.
 * Never a message, never a per-topic state: a few small objects at most ten times a second.
 * The main thread's side is AlertsModel (alerts-model.ts).
 */
import { MAX_LOG, type AlertEngine, type AlertLogEntry, type RuleStatus } from './alert-engine';

/** Topics per rule reported as firing (the Alerts view shows 3; a restarted worker gets these back). */
export const REPORTED_TOPICS = 20;

export interface RuleReport extends RuleStatus {
  id: string;
  /** Some topics the rule is firing for (at most REPORTED_TOPICS). */
  topics: string[];
}

export interface AlertReport {
  /** Log entries since the last report, oldest first (at most MAX_LOG: the log keeps no more). */
  entries: AlertLogEntry[];
  /** The first firing of each rule since the last report (notifications: at most one per rule a minute anyway). */
  fired: AlertLogEntry[];
  /** Rules whose status changed since the last report. */
  rules: RuleReport[];
  /** Ids of rules no longer evaluated (removed). */
  removed?: string[];
}

/** Builds the reports of one engine: what changed since the previous one. */
export class AlertReporter {
  private lastSeq = 0;
  private firstFired = new Map<string, AlertLogEntry>();
  /** Per rule: the status last reported, as a string to compare. */
  private sent = new Map<string, string>();

  constructor(private readonly engine: AlertEngine) {}

  /** The engine fired (its onFire): kept for the next report's `fired`. */
  fired(entry: AlertLogEntry): void {
    if (!this.firstFired.has(entry.ruleId)) this.firstFired.set(entry.ruleId, entry);
  }

  /** What changed since the last call, or undefined when nothing did. `all`: every rule's status (after new rules). */
  next(all = false): AlertReport | undefined {
    const log = this.engine.log;
    let from = log.length;
    while (from > 0 && log[from - 1].seq > this.lastSeq) from--;
    const entries = log.slice(Math.max(from, log.length - MAX_LOG));
    if (log.length > 0) this.lastSeq = log[log.length - 1].seq;
    const transitioned = new Set(entries.map((e) => e.ruleId));
    const rules: RuleReport[] = [];
    const ids = new Set<string>();
    for (const id of this.engine.ruleIds()) {
      ids.add(id);
      const status = this.engine.status(id)!;
      const old = this.sent.get(id);
      const key = `${status.state}|${status.active}|${status.note ?? ''}`;
      // Which topics fire can change without the count changing: read them again after a transition.
      if (!all && old === key && !transitioned.has(id)) continue;
      this.sent.set(id, key);
      rules.push({ id, ...status, topics: status.active > 0 ? this.engine.activeTopics(id, REPORTED_TOPICS) : [] });
    }
    const removed = [...this.sent.keys()].filter((id) => !ids.has(id));
    for (const id of removed) this.sent.delete(id);
    const fired = [...this.firstFired.values()];
    this.firstFired.clear();
    if (entries.length === 0 && rules.length === 0 && removed.length === 0) return undefined;
    return removed.length ? { entries, fired, rules, removed } : { entries, fired, rules };
  }
}

/**
 * Alert rules in the worker protocol: the main thread hands the MQTT worker its rules (again to
 * every new worker), and the worker reports transitions and rule statuses (core/alert-report.ts)
 * at most ten times a second. The rules are evaluated in the worker (alert-worker.ts).
 */
import type { AlertRule } from '../core/alert-rules';
import type { AlertReport } from '../core/alert-report';

/** The rules to evaluate (all of them, replacing the previous set; none: stop evaluating). */
export interface AlertRulesCommand {
  type: 'alert-rules';
  rules: AlertRule[];
  /** (rule id, topic) pairs the main thread shows as firing: a new worker carries them on, so they can clear. */
  active?: [string, string][];
}

export interface AlertsEvent {
  type: 'alerts';
  report: AlertReport;
}

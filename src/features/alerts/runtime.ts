/**
 * The alerts of this page as the main thread shows them (core/alerts-model.ts: the log, rule
 * statuses, the count), fed by the reports of the engine that evaluates the rules in the MQTT
 * worker (mqtt/alert-worker.ts), and the notifications. Loaded when there is a rule or the
 * Alerts view opens; app/live.ts (loadAlerts) hands the rules to the worker and its reports here.
 */
import { AlertsModel } from '../../core/alerts-model';
import type { AlertLogEntry } from '../../core/alert-engine';
import { useAlertRulesStore } from '../../stores/alert-rules-store';
import { NotifyThrottle, showAlertNotification } from './notify';

export { useAlertRulesStore } from '../../stores/alert-rules-store';

const throttle = new NotifyThrottle();

function onFire(e: AlertLogEntry): void {
  if (!useAlertRulesStore.getState().notify) return;
  if (throttle.allow(e.ruleId, Date.now())) showAlertNotification(e);
}

export const alerts = new AlertsModel({ onFire });

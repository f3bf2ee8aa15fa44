/**
 * The alert engine of this page and what drives it besides the batches: a 1 s clock while rules
 * exist, and notifications. Loaded when there is a rule or the Alerts view opens; app/live.ts
 * (loadAlerts) wires it to the session and the rules store the moment it arrives.
 */
import { AlertEngine, type AlertLogEntry } from '../../core/alert-engine';
import { useAlertRulesStore } from '../../stores/alert-rules-store';
import { NotifyThrottle, showAlertNotification } from './notify';

export { useAlertRulesStore } from '../../stores/alert-rules-store';

let rateSource: ((topic: string) => number | undefined) | undefined;
const throttle = new NotifyThrottle();

function onFire(e: AlertLogEntry): void {
  if (!useAlertRulesStore.getState().notify) return;
  if (throttle.allow(e.ruleId, Date.now())) showAlertNotification(e);
}

export const alertEngine = new AlertEngine({ onFire, rateOf: (topic) => rateSource?.(topic) });

/** Where `rate` rules read a topic's messages/s (the session's traffic model); else the engine counts. */
export function setAlertRateSource(fn: (topic: string) => number | undefined): () => void {
  rateSource = fn;
  return () => {
    rateSource = undefined;
  };
}

/** Ticks the engine once a second while it has rules to evaluate; returns the stop. */
export function startAlertClock(): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const sync = () => {
    if (alertEngine.hasRules && !timer) timer = setInterval(() => alertEngine.tick(), 1_000);
    else if (!alertEngine.hasRules && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  sync();
  const unsubscribe = alertEngine.subscribe(sync);
  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}

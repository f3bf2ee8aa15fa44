/**
 * Browser notifications for fired alerts: only with the user's permission (asked by the
 * Alerts view's button), only while the user wants them, at most once per rule per minute.
 */
import type { AlertLogEntry } from '../../core/alert-engine';

export const NOTIFY_INTERVAL_MS = 60_000;

/** Remembers when each rule last notified; `allow` says whether one may go out now. */
export class NotifyThrottle {
  private last = new Map<string, number>();
  constructor(private readonly intervalMs = NOTIFY_INTERVAL_MS) {}

  allow(ruleId: string, now: number): boolean {
    const prev = this.last.get(ruleId);
    if (prev !== undefined && now - prev < this.intervalMs) return false;
    this.last.set(ruleId, now);
    if (this.last.size > 1_000) this.last.delete(this.last.keys().next().value!);
    return true;
  }
}

export type Permission = 'granted' | 'denied' | 'default' | 'unsupported';

export function notificationPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askNotificationPermission(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

/** Shows one notification for a fired alert (the text is data: the Notification API renders it as text). */
export function showAlertNotification(e: AlertLogEntry): void {
  if (notificationPermission() !== 'granted') return;
  try {
    new Notification(`Alert: ${e.rule}`, { body: `${e.topic}: ${e.value}`, tag: `switchyard-alert-${e.ruleId}` });
  } catch {
    // some browsers allow notifications only from a service worker: nothing to show then
  }
}

/**
 * The switch widget's state machine, after Home Assistant's MQTT switch: the
 * switch shows what the device reported on its state topic, never the click.
 * A click sends a command and marks the switch pending; only a state message
 * changes the shown value. No answer within the timeout: the switch keeps the
 * last confirmed value and says the device did not answer. Without a state
 * topic the switch is optimistic (it shows what was sent, and says so).
 *
 * Pure: events in, a new snapshot out. Timers, MQTT and React live elsewhere
 * (the dashboard feature feeds events and schedules `tick`s at the deadline).
 */

export type SwitchMode = 'state' | 'optimistic';

/** What the switch shows, most important first (see switchPhase). */
export type SwitchPhase =
  | 'offline' // not connected to the broker: disabled, nothing is queued
  | 'unavailable' // the availability topic says the device is offline: disabled
  | 'pending' // a command awaits the device's confirmation (aria-busy)
  | 'stale' // reconnected; the value shown is from before, until a fresh or retained state arrives
  | 'unknown' // no state reported yet
  | 'confirmed' // the device reported this value
  | 'optimistic'; // no state topic: the value is what was last sent successfully

export type SwitchNoticeKind = 'timeout' | 'publish-failed' | 'connection-lost' | 'unrecognised';

export interface SwitchNotice {
  kind: SwitchNoticeKind;
  text: string;
  at: number;
}

export interface SwitchPending {
  target: boolean;
  since: number;
  deadline: number;
}

export interface SwitchSnapshot {
  mode: SwitchMode;
  connected: boolean;
  /** From the availability topic: undefined when there is none or it has not spoken since connecting. */
  available: boolean | undefined;
  /** Last confirmed value (state mode) or last value sent (optimistic); undefined = unknown. */
  value: boolean | undefined;
  /** Time of the state message (or optimistic publish) behind `value`. */
  valueAt?: number;
  /** Set by a reconnect; cleared by the next recognised state message. */
  stale: boolean;
  pending?: SwitchPending;
  /** The last thing that went wrong, until the next state message or command. */
  notice?: SwitchNotice;
}

export type SwitchEvent =
  /** A message on the state topic; value undefined = payload matched neither on nor off; empty = cleared. */
  | { type: 'state'; value: boolean | undefined; empty?: boolean; raw?: string; time: number }
  | { type: 'availability'; online: boolean }
  /** The broker connection went up or down; up after down is a reconnect (the value becomes stale). */
  | { type: 'connection'; connected: boolean; time: number }
  /** The state shown was received before the last reconnect (a switch created after it): stale. */
  | { type: 'outdated' }
  /** The user asked for `target`; ignored unless canCommand. */
  | { type: 'command'; target: boolean; time: number; timeoutMs: number }
  /** The broker's answer to the command's PUBLISH. */
  | { type: 'published'; ok: boolean; error?: string; time: number }
  /** Time passes: a pending command past its deadline times out. */
  | { type: 'tick'; time: number };

export const DEFAULT_SWITCH_TIMEOUT_MS = 5000;

export function initialSwitch(mode: SwitchMode, connected: boolean): SwitchSnapshot {
  return { mode, connected, available: undefined, value: undefined, stale: false };
}

/** True when a click may send a command now. */
export function canCommand(s: SwitchSnapshot): boolean {
  return s.connected && s.available !== false && !s.pending;
}

export function switchPhase(s: SwitchSnapshot): SwitchPhase {
  if (!s.connected) return 'offline';
  if (s.available === false) return 'unavailable';
  if (s.pending) return 'pending';
  if (s.mode === 'optimistic') return 'optimistic';
  if (s.value === undefined) return 'unknown';
  if (s.stale) return 'stale';
  return 'confirmed';
}

/** The value a click asks for: the opposite of what is shown (on when unknown). */
export function nextTarget(s: SwitchSnapshot): boolean {
  return !(s.value ?? false);
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

export function reduceSwitch(s: SwitchSnapshot, e: SwitchEvent): SwitchSnapshot {
  switch (e.type) {
    case 'state': {
      if (s.mode === 'optimistic') return s;
      if (e.empty) {
        // The retained state was cleared: the truth is unknown again.
        return { ...s, value: undefined, valueAt: e.time, stale: false };
      }
      if (e.value === undefined) {
        const shown = (e.raw ?? '').slice(0, 60);
        return {
          ...s,
          notice: { kind: 'unrecognised', text: `Device reported "${shown}", which is neither on nor off`, at: e.time },
        };
      }
      const reached = s.pending && s.pending.target === e.value;
      return {
        ...s,
        value: e.value,
        valueAt: e.time,
        stale: false,
        pending: reached ? undefined : s.pending,
        notice: s.pending && !reached ? s.notice : undefined,
      };
    }
    case 'availability':
      return s.available === e.online ? s : { ...s, available: e.online };
    case 'outdated':
      return s.stale ? s : { ...s, stale: true };
    case 'connection': {
      if (e.connected === s.connected) return s;
      if (!e.connected) {
        // Nothing is queued for later: a pending command ends here, and says why.
        return {
          ...s,
          connected: false,
          pending: undefined,
          notice: s.pending
            ? { kind: 'connection-lost', text: 'Connection lost before the device answered', at: e.time }
            : s.notice,
        };
      }
      // What the broker told us before is not fresh: state is stale, availability unknown again.
      return { ...s, connected: true, stale: s.mode === 'state', available: undefined };
    }
    case 'command': {
      if (!canCommand(s)) return s;
      return {
        ...s,
        pending: { target: e.target, since: e.time, deadline: e.time + Math.max(0, e.timeoutMs) },
        notice: undefined,
      };
    }
    case 'published': {
      if (!s.pending) return s;
      if (!e.ok) {
        return {
          ...s,
          pending: undefined,
          notice: { kind: 'publish-failed', text: `Not sent: ${e.error ?? 'the broker refused the command'}`, at: e.time },
        };
      }
      if (s.mode === 'optimistic') {
        return { ...s, value: s.pending.target, valueAt: e.time, pending: undefined };
      }
      return s; // still waiting for the device
    }
    case 'tick': {
      if (!s.pending || e.time < s.pending.deadline) return s;
      const waited = seconds(s.pending.deadline - s.pending.since);
      const text =
        s.mode === 'optimistic'
          ? `The broker did not acknowledge the command within ${waited}`
          : `The device did not answer within ${waited}`;
      return { ...s, pending: undefined, notice: { kind: 'timeout', text, at: e.time } };
    }
  }
}

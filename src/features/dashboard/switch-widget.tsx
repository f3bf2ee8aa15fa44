import { useId } from 'react';
import type { SwitchWidget as SwitchConfig } from '../../core/dashboard-schema';
import { canCommand, nextTarget, switchPhase, type SwitchPhase, type SwitchSnapshot } from '../../core/switch-machine';
import { useCommandGuard } from './command-guard';
import { formatAgo, useNow, useSwitch } from './live-hooks';
import { WidgetCard, type WidgetChrome } from './widget-card';
import { Icon, type IconName } from '../../components/icons';
import styles from './widgets.module.css';

const PHASES: Record<SwitchPhase, { icon: IconName; tone: string }> = {
  offline: { icon: 'offline', tone: 'muted' },
  unavailable: { icon: 'unplugged', tone: 'danger' },
  pending: { icon: 'clock', tone: 'accent' },
  stale: { icon: 'refresh', tone: 'warn' },
  unknown: { icon: 'question', tone: 'muted' },
  confirmed: { icon: 'check', tone: 'ok' },
  optimistic: { icon: 'zap', tone: 'warn' },
};

function stateWord(s: SwitchSnapshot): string {
  if (s.value === undefined) return s.mode === 'optimistic' ? 'Not sent yet' : 'Unknown';
  return s.value ? 'On' : 'Off';
}

/** The status line: an icon and words, never colour alone. */
function statusText(s: SwitchSnapshot, c: SwitchConfig, now: number): string {
  const phase = switchPhase(s);
  switch (phase) {
    case 'offline':
      return 'Offline: not connected to the broker';
    case 'unavailable':
      return 'Unavailable: the device reports it is offline';
    case 'pending':
      return s.mode === 'optimistic'
        ? `Sending ${s.pending?.target ? 'on' : 'off'}…`
        : `Waiting for the device to report ${s.pending?.target ? 'on' : 'off'}…`;
    case 'stale':
      return 'Stale: reconnected, waiting for a fresh state';
    case 'unknown':
      return `State unknown: waiting for ${c.stateTopic}`;
    case 'optimistic':
      return 'Optimistic: no state topic, shows what was sent';
    case 'confirmed':
      return `Confirmed by the device${s.valueAt ? ` ${formatAgo(s.valueAt, now)}` : ''}`;
  }
}

export function SwitchWidget({ widget, ...chrome }: { widget: SwitchConfig } & WidgetChrome) {
  const controller = useSwitch(widget);
  const s = controller.snapshot;
  const now = useNow(5000);
  const statusId = useId();
  const phase = switchPhase(s);
  const look = PHASES[phase];
  const disabled = phase === 'offline' || phase === 'unavailable';
  const pending = phase === 'pending';
  const { guard, dialog, hint } = useCommandGuard(widget);
  const onClick = () => {
    if (!canCommand(s)) return;
    const payload = nextTarget(s) ? widget.onPayload : widget.offPayload;
    guard(widget.commandTopic, payload, () => controller.toggle());
  };
  return (
    <WidgetCard label={widget.label} caption={widget.commandTopic} {...chrome}>
      {(titleId) => (
        <div className={styles.switchBody}>
          <div className={styles.switchRow}>
            <button
              type="button"
              role="switch"
              className={styles.toggle}
              aria-checked={s.value === true}
              aria-busy={pending}
              aria-labelledby={titleId}
              aria-describedby={statusId}
              data-value={s.value === undefined ? 'unknown' : s.value ? 'on' : 'off'}
              data-stale={phase === 'stale' || undefined}
              disabled={disabled}
              onClick={onClick}
            >
              <span className={styles.knob}>{pending && <span className={styles.spinner} />}</span>
            </button>
            <span className={styles.stateWord} data-value={s.value === undefined ? 'unknown' : s.value ? 'on' : 'off'} aria-hidden="true">
              {stateWord(s)}
            </span>
          </div>
          {/* The description always carries the status; a problem shows in its place, as an alert. */}
          <p id={statusId} className={s.notice ? 'sr-only' : styles.status} data-tone={look.tone}>
            <Icon name={look.icon} size={14} className={pending ? styles.pulse : undefined} />
            <span>{statusText(s, widget, now)}</span>
          </p>
          {s.notice && (
            <p role="alert" className={styles.notice}>
              <Icon name="alert" size={14} />
              <span title={s.notice.text}>
                {s.notice.text}
                {s.mode === 'state' && s.value !== undefined && s.notice.kind !== 'unrecognised' ? '; showing the last state it reported.' : '.'}
              </span>
            </p>
          )}
          {hint}
          {dialog}
        </div>
      )}
    </WidgetCard>
  );
}

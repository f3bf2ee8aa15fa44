import { useEffect, useRef, useState } from 'react';
import { session } from '../../mqtt/session';
import { useSessionStore } from '../../stores/session-store';
import type { SliderWidget as SliderConfig } from '../../core/dashboard-schema';
import { extractReading } from '../../core/value-extract';
import { useTopicMessage } from './live-hooks';
import { WidgetCard, type WidgetChrome } from './widget-card';
import { useCommandGuard } from './command-guard';
import { Icon } from '../../components/icons';
import styles from './widgets.module.css';

/** Quiet time after the last change before the value is sent (dragging sends once). */
export const SLIDER_DEBOUNCE_MS = 400;

type Sent = { value: number; at: number; state: 'sending' | 'sent' } | { value: number; at: number; state: 'failed'; error: string };

const fmt = (v: number, unit: string) => `${Number.isInteger(v) ? v : v.toFixed(2)}${unit ? ` ${unit}` : ''}`;

/** A numeric setting (e.g. a sensor's sample interval), sent debounced through a payload template. */
export function SliderWidget({ widget, ...chrome }: { widget: SliderConfig } & WidgetChrome) {
  const connected = useSessionStore((s) => s.state === 'connected');
  const stateMsg = useTopicMessage(widget.stateTopic);
  const reported = stateMsg ? extractReading(stateMsg.payload, widget.stateJsonPath)?.value : undefined;
  const [draft, setDraft] = useState<number | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  /** The value last asked for, when the device reported something else (e.g. it clamped it). */
  const [asked, setAsked] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  // The device reported after the value was sent: the slider follows the device again.
  useEffect(() => {
    if (reported === undefined || !stateMsg || !sent || sent.state !== 'sent' || stateMsg.time < sent.at) return;
    setAsked(reported === sent.value ? null : sent.value);
    setDraft(null);
    setSent(null);
  }, [reported, stateMsg, sent]);

  const publish = async (value: number) => {
    const at = Date.now();
    setSent({ value, at, state: 'sending' });
    setAsked(null);
    const payload = widget.payloadTemplate.split('{value}').join(String(value));
    const r = await session.publish({ topic: widget.topic, payload: new TextEncoder().encode(payload), qos: widget.qos, retain: widget.retain });
    setSent(r.ok ? { value, at, state: 'sent' } : { value, at, state: 'failed', error: r.error ?? 'The broker refused the message' });
  };

  const { guard, dialog, hint } = useCommandGuard(widget);
  const onChange = (value: number) => {
    setDraft(value);
    clearTimeout(timer.current);
    const payload = widget.payloadTemplate.split('{value}').join(String(value));
    // Cancelled: the slider goes back to what the device reports.
    timer.current = setTimeout(() => guard(widget.topic, payload, () => void publish(value), () => setDraft(null)), SLIDER_DEBOUNCE_MS);
  };

  const shown = draft ?? reported ?? (sent ? sent.value : widget.min);
  const clamped = Math.min(widget.max, Math.max(widget.min, shown));
  let status: { icon: 'check' | 'clock' | 'offline' | 'question'; tone: string; text: string };
  if (!connected) status = { icon: 'offline', tone: 'muted', text: 'Offline: not connected to the broker' };
  else if (sent?.state === 'sending' || (draft !== null && !sent)) status = { icon: 'clock', tone: 'accent', text: `Sending ${fmt(shown, widget.unit)}…` };
  else if (sent?.state === 'sent' && widget.stateTopic)
    status = { icon: 'clock', tone: 'accent', text: `Sent ${fmt(sent.value, widget.unit)}; waiting for the device to report it` };
  else if (sent?.state === 'sent') status = { icon: 'check', tone: 'ok', text: `Sent ${fmt(sent.value, widget.unit)}` };
  else if (reported !== undefined)
    status = {
      icon: 'check',
      tone: asked === null ? 'ok' : 'warn',
      text: `Device reports ${fmt(reported, widget.unit)}${asked === null ? '' : ` (asked for ${fmt(asked, widget.unit)})`}`,
    };
  else if (widget.stateTopic) status = { icon: 'question', tone: 'muted', text: `Waiting for ${widget.stateTopic}` };
  else status = { icon: 'question', tone: 'muted', text: 'Not sent yet' };

  return (
    <WidgetCard label={widget.label} caption={widget.topic} {...chrome}>
      {(titleId) => (
        <div className={styles.sliderBody}>
          <div className={styles.sliderRow}>
            <input
              type="range"
              className={styles.range}
              min={widget.min}
              max={widget.max}
              step={widget.step}
              value={clamped}
              disabled={!connected}
              aria-labelledby={titleId}
              aria-valuetext={fmt(clamped, widget.unit)}
              onChange={(e) => onChange(Number(e.target.value))}
            />
            <output className={`${styles.sliderValue} tabular`} aria-hidden="true">
              {fmt(clamped, widget.unit)}
            </output>
          </div>
          <p className={styles.status} data-tone={status.tone}>
            <Icon name={status.icon} size={14} /> <span>{status.text}</span>
          </p>
          {sent?.state === 'failed' && (
            <p role="alert" className={styles.notice}>
              <Icon name="alert" size={14} />
              <span>Not sent: {sent.error}</span>
            </p>
          )}
          {hint}
          {dialog}
        </div>
      )}
    </WidgetCard>
  );
}

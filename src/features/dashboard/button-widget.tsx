import { useState } from 'react';
import { session } from '../../mqtt/session';
import { useSessionStore } from '../../stores/session-store';
import type { ButtonWidget as ButtonConfig } from '../../core/dashboard-schema';
import { formatClock } from '../../lib/format';
import { WidgetCard, type WidgetChrome } from './widget-card';
import { useCommandGuard } from './command-guard';
import { Icon } from '../../components/icons';
import styles from './widgets.module.css';

type Outcome = { ok: true; at: number } | { ok: false; error: string } | { ok: 'sending' };

/** Publishes a fixed payload; says when the broker took it (or why not). */
export function ButtonWidget({ widget, ...chrome }: { widget: ButtonConfig } & WidgetChrome) {
  const connected = useSessionStore((s) => s.state === 'connected');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { guard, dialog, hint } = useCommandGuard(widget);
  const publish = async () => {
    setOutcome({ ok: 'sending' });
    const r = await session.publish({
      topic: widget.topic,
      payload: new TextEncoder().encode(widget.payload),
      qos: widget.qos,
      retain: widget.retain,
    });
    setOutcome(r.ok ? { ok: true, at: Date.now() } : { ok: false, error: r.error ?? 'The broker refused the message' });
  };
  const send = () => guard(widget.topic, widget.payload, () => void publish());
  const preview = widget.payload.length > 40 ? `${widget.payload.slice(0, 40)}…` : widget.payload || '(empty payload)';
  return (
    <WidgetCard label={widget.label} caption={widget.topic} hideTitle {...chrome}>
      {() => (
        <div className={styles.buttonBody}>
          <button
            type="button"
            className={`btn btn-primary ${styles.bigButton}`}
            disabled={!connected || outcome?.ok === 'sending'}
            aria-busy={outcome?.ok === 'sending'}
            onClick={send}
          >
            <Icon name="send" size={16} />
            {widget.label}
          </button>
          <p className={styles.status} data-tone={outcome?.ok === false ? 'danger' : outcome?.ok === true ? 'ok' : 'muted'}>
            {!connected ? (
              <>
                <Icon name="offline" size={14} /> Offline: not connected to the broker
              </>
            ) : outcome?.ok === true ? (
              <>
                <Icon name="check" size={14} /> Sent at {formatClock(outcome.at)}
              </>
            ) : outcome?.ok === 'sending' ? (
              <>
                <Icon name="clock" size={14} /> Sending…
              </>
            ) : (
              <span className="mono" title={widget.payload}>
                Sends {preview}
              </span>
            )}
          </p>
          {outcome?.ok === false && (
            <p role="alert" className={styles.notice}>
              <Icon name="alert" size={14} />
              <span>Not sent: {outcome.error}</span>
            </p>
          )}
          {hint}
          {dialog}
        </div>
      )}
    </WidgetCard>
  );
}

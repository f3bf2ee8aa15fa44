/**
 * The confirmation an imported widget needs before its first command to a broker topic ($…):
 * a dialog naming the exact topic and payload (core/widget-trust.ts says why). Confirming sends
 * and clears the widget's mark; Cancel sends nothing.
 */
import { useState, type ReactNode } from 'react';
import type { Widget } from '../../core/dashboard-schema';
import type { WidgetDraft } from '../../core/ha-discovery';
import { Dialog } from '../../components/dialog';
import { updateWidget, useDashboardStore } from '../../stores/dashboard-store';
import { Icon } from '../../components/icons';
import styles from './widgets.module.css';

const PREVIEW_CHARS = 2000;

interface Ask {
  topic: string;
  payload: string;
  send: () => void;
  cancel?: () => void;
}

/** Clears the mark once the user has confirmed (the widget keeps its id and place). */
function confirmWidget(widget: Widget): void {
  const dash = useDashboardStore.getState().dashboards.find((d) => d.widgets.some((w) => w.id === widget.id));
  if (!dash) return;
  const { id: _id, pos: _pos, unconfirmed: _u, ...draft } = widget;
  updateWidget(dash.id, widget.id, draft as WidgetDraft);
}

/**
 * `guard(topic, payload, send, cancel?)` runs `send` at once for a trusted widget; for an
 * unconfirmed one it opens the dialog (render `dialog`) and runs `send` only on confirmation.
 */
export function useCommandGuard(widget: Widget): {
  guard: (topic: string, payload: string, send: () => void, cancel?: () => void) => void;
  dialog: ReactNode;
  /** A line for the widget while it is unconfirmed: it will ask first. */
  hint: ReactNode;
} {
  const [ask, setAsk] = useState<Ask | null>(null);
  const guard = (topic: string, payload: string, send: () => void, cancel?: () => void) => {
    if (!widget.unconfirmed) send();
    else setAsk({ topic, payload, send, cancel });
  };
  const shown = ask && (ask.payload.length > PREVIEW_CHARS ? `${ask.payload.slice(0, PREVIEW_CHARS)}…` : ask.payload);
  const dialog = ask && (
    <Dialog
      title="Send a command to the broker itself?"
      confirmLabel={`Send to ${ask.topic}`}
      danger
      onCancel={() => {
        setAsk(null);
        ask.cancel?.();
      }}
      onConfirm={() => {
        setAsk(null);
        confirmWidget(widget);
        ask.send();
      }}
    >
      <p>
        <strong>{widget.label}</strong> came from an imported dashboard and has not sent anything yet. It publishes to
        one of the broker's own topics:
      </p>
      <p className={`mono ${styles.guardTopic}`}>{ask.topic}</p>
      <p>with the payload</p>
      <pre className={`mono ${styles.guardPayload}`}>{shown === '' ? '(empty)' : shown}</pre>
      <p>
        Topics starting with $ belong to the broker: on Mosquitto, <span className="mono">$CONTROL</span> commands add and
        delete users, change passwords and grant access. Send only if you know what this widget does. After you send once,
        it will not ask again.
      </p>
    </Dialog>
  );
  const hint = widget.unconfirmed && (
    <p className={styles.status} data-tone="warn">
      <Icon name="alert" size={14} /> <span>Imported: asks before its first command</span>
    </p>
  );
  return { guard, dialog, hint };
}

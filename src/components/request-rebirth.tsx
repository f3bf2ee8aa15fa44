/**
 * **Request rebirth** for a Sparkplug B edge node (issue 13), in the Sparkplug view and in the
 * Message panel of its topics: a confirmation naming the edge node (group / edge node) and the
 * broker, then the caller's `request` (which publishes the NCMD `Node Control/Rebirth` = true),
 * and what came of it next to the button. No I/O here: the action comes in as a prop.
 */
import { useState } from 'react';
import { Dialog } from './dialog';
import { Icon } from './icons';
import { formatClock } from '../lib/format';
import styles from './request-rebirth.module.css';

interface Props {
  group: string;
  edgeNode: string;
  /** The broker's URL, named in the confirmation. */
  broker: string;
  connected: boolean;
  request: () => Promise<{ ok: boolean; error?: string }>;
  className?: string;
}

type Outcome = { ok: true; at: number } | { ok: false; error: string } | null;

export function RequestRebirth({ group, edgeNode, broker, connected, request, className }: Props) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const confirm = async () => {
    setBusy(true);
    const r = await request();
    setBusy(false);
    setAsking(false);
    setOutcome(r.ok ? { ok: true, at: Date.now() } : { ok: false, error: r.error ?? 'not sent' });
  };
  return (
    <span className={className ? `${styles.wrap} ${className}` : styles.wrap}>
      <button
        type="button"
        className="btn btn-sm"
        disabled={!connected}
        title={connected ? undefined : 'Connect to a broker first'}
        onClick={() => {
          setOutcome(null);
          setAsking(true);
        }}
      >
        <Icon name="refresh" size={14} /> Request rebirth
      </button>
      <span role="status" className={outcome?.ok === false ? `${styles.outcome} ${styles.failed}` : styles.outcome}>
        {outcome?.ok === true && `Rebirth requested at ${formatClock(outcome.at)}`}
        {outcome?.ok === false && `Request rebirth failed: ${outcome.error}`}
      </span>
      {asking && (
        <Dialog title="Request rebirth" confirmLabel="Request rebirth" busy={busy} onConfirm={() => void confirm()} onCancel={() => setAsking(false)}>
          <p>
            Ask the edge node <strong>{group}/{edgeNode}</strong> on <strong>{broker}</strong> to send its NBIRTH and the DBIRTHs of
            its devices again?
          </p>
          <p>
            This publishes <code>Node Control/Rebirth = true</code> to <code>spBv1.0/{group}/NCMD/{edgeNode}</code>.
          </p>
        </Dialog>
      )}
    </span>
  );
}

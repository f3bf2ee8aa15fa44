import { useEffect, useState } from 'react';
import { useSessionStore, type SessionState } from '../../stores/session-store';
import styles from './connection.module.css';
import { FreshClientIdOffer } from './fresh-client-id-offer';

/** The status text of the UI contract: starts with Connected / Connecting / Reconnecting / Disconnected / Error:. */
export function statusText(s: SessionState, now: number): string {
  switch (s.state) {
    case 'connected':
      // e.g. "Connected (MQTT 3.1.1: the broker closed the MQTT 5 connect)"
      return s.note ? `Connected (${s.note})` : 'Connected';
    case 'connecting':
    case 'idle':
      return 'Connecting…';
    case 'reconnecting': {
      if (!s.retryAt) return 'Reconnecting…';
      const secs = Math.max(0, Math.ceil((s.retryAt - now) / 1000));
      return secs > 0 ? `Reconnecting in ${secs} s` : 'Reconnecting now…';
    }
    case 'disconnected':
      return 'Disconnected';
    case 'error':
      return `Error: ${s.reason ?? 'unknown error'}`;
  }
}

const ICON: Record<SessionState['state'], string> = {
  connected: '●',
  connecting: '◌',
  idle: '◌',
  reconnecting: '↻',
  disconnected: '○',
  error: '⚠',
};

export function ConnectionStatus() {
  const s = useSessionStore();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (s.state !== 'reconnecting') return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [s.state]);
  const text = statusText(s, now);
  const detail =
    s.state === 'reconnecting' && s.reason ? s.reason : s.state === 'connected' ? `${s.nodeUrl ?? s.brokerUrl ?? ''} as ${s.clientId ?? ''}` : undefined;
  return (
    <div className={`${styles.status} ${styles[s.state]}`} title={detail ?? text}>
      <span aria-hidden="true" className={styles.statusIcon}>
        {ICON[s.state]}
      </span>
      <span role="status" aria-label="Connection status" className={styles.statusText}>
        {text}
      </span>
      {s.state === 'connected' && (
        <span className={styles.statusUrl}>
          {s.nodeUrl ?? s.brokerUrl} · MQTT {s.protocolVersion === 4 ? '3.1.1' : '5'}
        </span>
      )}
      {s.state === 'reconnecting' && s.reason && <span className={styles.statusUrl}>{s.reason}</span>}
      <FreshClientIdOffer />
    </div>
  );
}

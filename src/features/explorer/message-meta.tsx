import type { MqttMessage } from '../../core/message';
import { toHex } from '../../core/payload';
import { userPropsToPairs } from '../../core/user-properties';
import { subscriptionsMatching } from '../../core/topic-filter';
import { useSessionStore } from '../../stores/session-store';
import { useTrieSource } from '../../hooks/trie-source';
import { formatSize, formatTime } from '../../lib/format';
import styles from './explorer.module.css';

/** QoS, retained flag, time, size, and MQTT 5 properties when present — all as text. */
export function MessageMeta({ message, count }: { message: MqttMessage; count: number }) {
  const p = message.properties;
  const user = userPropsToPairs(p?.userProperties);
  const granted = useSessionStore((s) => s.subscriptions);
  // A recording's message did not come through this connection's subscriptions.
  const recording = useTrieSource().recording;
  const via = recording ? [] : subscriptionsMatching(
    message.topic,
    granted.filter((g) => g.code < 128).map((g) => g.filter),
  );
  return (
    <dl className={styles.meta}>
      <dt>QoS</dt>
      <dd>{message.qos}</dd>
      <dt>Retained</dt>
      <dd>{message.retain ? 'yes' : 'no'}</dd>
      <dt>Received</dt>
      <dd title={new Date(message.time).toISOString()}>
        {new Date(message.time).toLocaleDateString()} {formatTime(message.time)}
      </dd>
      <dt>Size</dt>
      <dd>
        {formatSize(message.size)}
        {message.size >= 1024 ? ` (${message.size.toLocaleString()} bytes)` : ''}
      </dd>
      <dt>Messages</dt>
      <dd>{count.toLocaleString()}</dd>
      {via.length > 0 && (
        <>
          <dt>Received through</dt>
          <dd>
            {via.map((v, i) => (
              <span key={v.filter}>
                {i > 0 && ', '}
                <span className="mono">{v.filter}</span>
                {v.group !== undefined && ` (shared subscription, group ${v.group})`}
              </span>
            ))}
          </dd>
        </>
      )}
      {p?.contentType !== undefined && (
        <>
          <dt>Content type</dt>
          <dd>{p.contentType}</dd>
        </>
      )}
      {p?.payloadFormatIndicator !== undefined && (
        <>
          <dt>Payload format</dt>
          <dd>{p.payloadFormatIndicator ? 'UTF-8 text' : 'bytes'}</dd>
        </>
      )}
      {p?.messageExpiryInterval !== undefined && (
        <>
          <dt>Expiry interval</dt>
          <dd>{p.messageExpiryInterval} s</dd>
        </>
      )}
      {p?.responseTopic !== undefined && (
        <>
          <dt>Response topic</dt>
          <dd className="mono">{p.responseTopic}</dd>
        </>
      )}
      {p?.correlationData !== undefined && (
        <>
          <dt>Correlation data</dt>
          <dd className="mono">{toHex(p.correlationData, 64)}</dd>
        </>
      )}
      {user.length > 0 && (
        <>
          <dt>User properties</dt>
          <dd>
            <ul className={styles.userProps} aria-label="User properties">
              {user.map(([k, v], i) => (
                <li key={i}>
                  <span className="mono">{k}</span> = <span className="mono">{v}</span>
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

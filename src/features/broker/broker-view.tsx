import { useTrie } from '../../hooks/use-trie';
import { useEffect, useMemo, useState } from 'react';
import { session } from '../../mqtt/session';
import { useEnsureSubscribed } from '../../hooks/use-ensure-subscribed';
import { useSessionStore } from '../../stores/session-store';
import { RATE_TOPICS, SYS_FILTER, readStats } from '../../core/broker-stats';
import { LiveChart, type LiveChartSeries } from '../../components/live-chart/live-chart';
import styles from './broker.module.css';

const decoder = new TextDecoder();
/**
 * Mosquitto retains its $SYS topics and the embedded broker answers a new $SYS subscription at
 * once, so silence this long means the broker does not publish them (RabbitMQ, ejabberd, …).
 */
const WAIT_HINT_MS = 6_000;

const RATE_SERIES: LiveChartSeries[] = [
  { id: 'received', topic: RATE_TOPICS.received, field: '', color: 0 },
  { id: 'sent', topic: RATE_TOPICS.sent, field: '', color: 1 },
];

/** Broker statistics from $SYS (subscribed while this view is open) and charts of message rates. */
export function BrokerView() {
  useEnsureSubscribed([SYS_FILTER]);
  const trie = session.trie;
  const connected = useSessionStore((s) => s.state === 'connected');
  const brokerUrl = useSessionStore((s) => s.brokerUrl);
  // Re-render when anything under $SYS changed, not for other traffic.
  const version = useTrie((t) => t.get('$SYS')?.version ?? 0);
  const stats = useMemo(
    () =>
      readStats((topic) => {
        const last = trie.get(topic)?.last;
        return last ? decoder.decode(last.payload) : undefined;
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version: the trie is mutated in place; $SYS's change counter drives the memo
    [trie, version],
  );
  const known = stats.some((s) => s.value !== undefined);
  const [waitedLong, setWaitedLong] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setWaitedLong(true), WAIT_HINT_MS);
    return () => clearTimeout(t);
  }, []);

  return (
    <div className={styles.view}>
      <section className={styles.card} aria-labelledby="broker-stats-title">
        <div className={styles.head}>
          <h2 id="broker-stats-title">Broker statistics</h2>
          <span className={styles.source}>
            {brokerUrl} · from <code>{SYS_FILTER}</code>
          </span>
        </div>
        <dl className={styles.stats}>
          {stats.map((s) => (
            <div key={s.label} className={s.label === 'Version' ? `${styles.stat} ${styles.text}` : styles.stat}>
              <dt>{s.label}</dt>
              <dd className={s.value === undefined ? styles.unknown : undefined} title={s.topic}>
                {s.value ?? '—'}
              </dd>
            </div>
          ))}
        </dl>
        {!known && (
          <p className={styles.hint} role="status">
            {!connected
              ? 'Not connected: statistics appear once the connection is up.'
              : waitedLong
                ? `No statistics arrived: this broker does not publish $SYS statistics (nothing on ${SYS_FILTER} within ${WAIT_HINT_MS / 1000} s), or not to this user. Mosquitto publishes them every sys_interval seconds (10 by default, 0 turns them off) and the embedded broker every 5 s; RabbitMQ, ejabberd and many hosted brokers do not publish them at all.`
                : 'Waiting for the broker to publish its statistics…'}
          </p>
        )}
      </section>
      <section aria-label="Message rates">
        <LiveChart store={session.series} title="Message rates (per minute, 1 min average)" series={RATE_SERIES} height={240} headingLevel={2} />
      </section>
    </div>
  );
}

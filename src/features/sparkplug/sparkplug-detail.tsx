/**
 * The selected edge node or device: its state (online since, bdSeq, seq, seq gaps), **Request
 * rebirth** for its edge node, and its metrics (name, alias, type, current value, timestamp),
 * each numeric one with **Chart this metric**. Everything is rendered as text.
 */
import type { DeviceState, EdgeNodeState, MetricState } from '../../core/sparkplug-model';
import { isChartableMetric } from '../../core/sparkplug-names';
import { MetricsTable } from '../../components/metrics-table';
import { RequestRebirth } from '../../components/request-rebirth';
import { requestRebirth } from '../../mqtt/sparkplug-rebirth';
import { chartSparkplugMetric } from '../../stores/sparkplug-charts';
import { useSessionStore } from '../../stores/session-store';
import { useNavigate } from '../../hooks/use-navigation';
import { formatClock } from '../../lib/format';
import { OnlineBadge } from './sparkplug-tree';
import styles from './sparkplug.module.css';

const when = (t: number) => `${new Date(t).toLocaleDateString()} ${formatClock(t)}`;
/** A metric's time: the clock alone when it is today. */
const stamp = (t: number) => (new Date(t).toDateString() === new Date().toDateString() ? formatClock(t) : when(t));

interface Props {
  node: EdgeNodeState;
  device?: DeviceState;
}

export function SparkplugDetail({ node, device }: Props) {
  const connected = useSessionStore((s) => s.state === 'connected');
  const broker = useSessionStore((s) => s.brokerUrl) ?? 'the broker';
  const source = device ?? node;
  const where = [node.group, node.name, device?.name].filter((x) => x !== undefined).join(' / ');
  return (
    <div className={styles.panel}>
      <div>
        <p className={styles.kind}>{device ? 'Device' : 'Edge node'}</p>
        <h2 className={styles.title}>{where}</h2>
      </div>
      <dl className={styles.meta}>
        <dt>State</dt>
        <dd>
          <OnlineBadge online={source.online} />
          {source.since !== undefined && <span className={styles.muted}> since {when(source.since)}</span>}
        </dd>
        {!device && (
          <>
            <dt>bdSeq</dt>
            <dd className={styles.num}>{node.bdSeq ?? '—'}</dd>
            <dt>Last seq</dt>
            <dd className={styles.num}>{node.seq ?? '—'}</dd>
            <dt>Devices</dt>
            <dd>{node.devices.size === 0 ? 'none' : `${node.devices.size} (${[...node.devices.values()].filter((d) => d.online).length} online)`}</dd>
          </>
        )}
        <dt>Last message</dt>
        <dd className={styles.num}>{when(source.lastSeen)}</dd>
      </dl>
      {node.missed > 0 && (
        <p className={styles.warn} role="status">
          <span aria-hidden="true">⚠ </span>
          {node.missed === 1 ? '1 message' : `${node.missed} messages`} missed — request a rebirth
        </p>
      )}
      {source.online === undefined && (
        <p className={styles.note}>
          No BIRTH seen from this {device ? 'device' : 'edge node'} since Switchyard connected: metrics sent by alias only have no
          names yet. Request rebirth asks the edge node to send its BIRTH messages again.
        </p>
      )}
      <div className={styles.actions}>
        <RequestRebirth group={node.group} edgeNode={node.name} broker={broker} connected={connected} request={() => requestRebirth(node.group, node.name)} />
      </div>
      <SourceMetrics metrics={[...source.metrics.values()]} chart={{ group: node.group, edgeNode: node.name, device: device?.name }} />
    </div>
  );
}

function SourceMetrics({ metrics, chart }: { metrics: MetricState[]; chart: { group: string; edgeNode: string; device?: string } }) {
  const navigate = useNavigate();
  const open = (name: string) => {
    const id = chartSparkplugMetric({ ...chart, name });
    if (id) navigate(`/charts#${id}`);
  };
  if (metrics.length === 0) return <p className={styles.note}>No metrics seen yet.</p>;
  return (
    <MetricsTable
      metrics={metrics}
      rowKey={(m) => m.name || `#${m.alias}`}
      time={(m) => stamp(m.timestamp)}
      chart={(m) =>
        isChartableMetric(m.name, m.type) && (
          <button type="button" className="btn btn-sm" aria-label="Chart this metric" onClick={() => open(m.name)}>
            Chart
          </button>
        )
      }
    />
  );
}

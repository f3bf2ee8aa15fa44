/**
 * The Message panel's Sparkplug B actions (issue 13): **Request rebirth** of the message's edge
 * node, and **Chart this metric** on each numeric row of the Metrics table (by name, on the
 * metric's DATA topic, so the chart follows the name across rebirths). Neither is offered on an
 * open recording (time travel): both act on the live broker.
 */
import type { SparkplugInfo, SparkplugMetric } from '../../core/decoded';
import { isChartableMetric } from '../../core/sparkplug-names';
import { formatPath } from '../../core/value-extract';
import { RequestRebirth } from '../../components/request-rebirth';
import { requestRebirth } from '../../mqtt/sparkplug-rebirth';
import { chartSparkplugMetric } from '../../stores/sparkplug-charts';
import { chartTopic } from '../../stores/charts-store';
import { useSessionStore } from '../../stores/session-store';
import { useNavigate } from '../../hooks/use-navigation';
import { useTrieSource } from '../../hooks/trie-source';

/** Request rebirth for the edge node of a message in the Sparkplug namespace. */
export function SparkplugNodeActions({ info }: { info: SparkplugInfo }) {
  const connected = useSessionStore((s) => s.state === 'connected');
  const broker = useSessionStore((s) => s.brokerUrl) ?? 'the broker';
  const recording = useTrieSource().recording;
  // Decoded as Sparkplug B outside the namespace (Decode as): no edge node to ask.
  if (!info.group || recording) return null;
  return <RequestRebirth group={info.group} edgeNode={info.edgeNode} broker={broker} connected={connected} request={() => requestRebirth(info.group, info.edgeNode)} />;
}

/** Chart this metric, for a named metric of a numeric or Boolean type; nothing otherwise. */
export function ChartMetricButton({ topic, info, metric }: { topic: string; info: SparkplugInfo; metric: SparkplugMetric }) {
  const navigate = useNavigate();
  const recording = useTrieSource().recording;
  if (!isChartableMetric(metric.name, metric.type) || recording) return null;
  const chart = () => {
    const id = info.group
      ? chartSparkplugMetric({ group: info.group, edgeNode: info.edgeNode, device: info.device, name: metric.name })
      : chartTopic(topic, formatPath([metric.name])); // decoded as Sparkplug B outside the namespace: this topic
    if (id) navigate(`/charts#${id}`);
  };
  return (
    <button type="button" className="btn btn-sm" aria-label="Chart this metric" onClick={chart}>
      Chart
    </button>
  );
}

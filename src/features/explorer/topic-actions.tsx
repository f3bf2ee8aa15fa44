import { useNavigate } from '../../hooks/use-navigation';
import type { TopicNode } from '../../core/topic-node';
import { useMemo, useState } from 'react';
import { openPublishWith } from '../../stores/publish-store';
import { chartTopic } from '../../stores/charts-store';
import { openAlertWith } from '../../stores/alerts-ui';
import { useTrieSource } from '../../hooks/trie-source';
import { isChartable, numericFields } from '../../core/value-extract';
import styles from './explorer.module.css';

interface Props {
  node: TopicNode | undefined;
  onCopyPayload: () => void;
  onDeleteRetained: () => void;
  onDeleteSubtree: () => void;
}

/** The buttons of the UI contract for the selected topic. */
export function TopicActions({ node, onCopyPayload, onDeleteRetained, onDeleteSubtree }: Props) {
  const topic = node?.topic ?? '';
  const retainedBelow = node ? node.subtreeRetained - (node.retained ? 1 : 0) : 0;
  const navigate = useNavigate();
  const payload = node?.last?.payload;
  const chartable = useMemo(() => (payload ? isChartable(payload) : false), [payload]);
  const fields = useMemo(() => (payload && !chartable ? numericFields(payload) : []), [payload, chartable]);
  const [field, setField] = useState('');
  const chosenField = fields.includes(field) ? field : (fields[0] ?? '');
  // An open recording (time travel): deleting retained messages acts on the live broker; charts chart the recording.
  const recording = useTrieSource().recording;
  const chart = (f: string) => {
    const id = chartTopic(topic, f);
    if (id) navigate(`/charts#${id}`);
  };
  return (
    <div className={styles.actions}>
      <button type="button" className="btn btn-sm" onClick={() => navigator.clipboard?.writeText(topic)}>
        Copy topic
      </button>
      <button type="button" className="btn btn-sm" disabled={!node?.last} onClick={onCopyPayload}>
        Copy payload
      </button>
      <button
        type="button"
        className="btn btn-sm"
        disabled={!node}
        onClick={() => {
          const last = node?.last;
          openPublishWith({ topic, payload: last?.payload, qos: last?.qos, retain: last?.retain });
          navigate('/publish');
        }}
      >
        Publish to this topic
      </button>
      <button
        type="button"
        className="btn btn-sm"
        disabled={!node}
        onClick={() => {
          openAlertWith({ filter: topic, jsonPath: chosenField || undefined }); // a JSON topic: the field chosen to chart
          navigate('/alerts');
        }}
      >
        Alert on this topic
      </button>
      {recording && (node?.retained || retainedBelow > 0) && <span className={styles.liveOnly}>Deleting retained messages: live only</span>}
      {chartable && (
        <button type="button" className="btn btn-sm" onClick={() => chart('')}>
          Chart this topic
        </button>
      )}
      {fields.length > 0 && (
        <span className={styles.chartField}>
          <select className="input" aria-label="Field to chart" value={chosenField} onChange={(e) => setField(e.target.value)}>
            {fields.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-sm" onClick={() => chart(chosenField)}>
            Chart field
          </button>
        </span>
      )}
      {node?.retained && !recording && (
        <button type="button" className="btn btn-sm btn-danger" onClick={onDeleteRetained}>
          Delete retained
        </button>
      )}
      {node && node.children.size > 0 && retainedBelow > 0 && !recording && (
        <button type="button" className="btn btn-sm btn-danger" onClick={onDeleteSubtree}>
          Delete retained in subtree
        </button>
      )}
    </div>
  );
}

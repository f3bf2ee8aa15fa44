import { useNavigate } from 'react-router';
import type { TopicNode } from '../../core/topic-node';
import { openPublishWith } from '../../stores/publish-store';
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
      {node?.retained && (
        <button type="button" className="btn btn-sm btn-danger" onClick={onDeleteRetained}>
          Delete retained
        </button>
      )}
      {node && node.children.size > 0 && retainedBelow > 0 && (
        <button type="button" className="btn btn-sm btn-danger" onClick={onDeleteSubtree}>
          Delete retained in subtree
        </button>
      )}
    </div>
  );
}

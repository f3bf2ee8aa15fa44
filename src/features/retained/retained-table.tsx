import type { TopicNode } from '../../core/topic-node';
import { useModel } from '../../hooks/use-model';
import { storedDecodings, storedPreview, wantedDecoding } from '../../mqtt/decoders/stored-decodings';
import { useDecodeAsStore } from '../../stores/decode-as-store';
import styles from './retained.module.css';

function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

function size(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`;
}

interface Props {
  nodes: TopicNode[];
  selected: ReadonlySet<string>;
  onToggle: (topic: string, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
  now: number;
}

export function RetainedTable({ nodes, selected, onToggle, onToggleAll, now }: Props) {
  const allOn = nodes.length > 0 && nodes.every((n) => selected.has(n.topic));
  // A decoded payload (Sparkplug B, MessagePack, CBOR, Protobuf) is previewed decoded, as in the
  // Explorer: a retained message that is no longer the topic's newest lost the worker's decoding
  // and is decoded once here, when shown (stored-decodings.ts).
  const rules = useDecodeAsStore((s) => s.rules);
  useModel(storedDecodings);
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Retained messages">
        <thead>
          <tr>
            <th scope="col" className={styles.check}>
              <input type="checkbox" aria-label="Select all shown" checked={allOn} onChange={(e) => onToggleAll(e.target.checked)} />
            </th>
            <th scope="col">Topic</th>
            <th scope="col" className={styles.num}>Size</th>
            <th scope="col" className={styles.num}>Age</th>
            <th scope="col">Payload</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => {
            const m = n.retainedMessage!;
            return (
              <tr key={n.topic} aria-selected={selected.has(n.topic)}>
                <td className={styles.check}>
                  <input type="checkbox" aria-label={`Select ${n.topic}`} checked={selected.has(n.topic)} onChange={(e) => onToggle(n.topic, e.target.checked)} />
                </td>
                <td className={styles.topic}>{n.topic}</td>
                <td className={`${styles.num} tabular`}>{size(m.size)}</td>
                <td className={`${styles.num} tabular`} title={new Date(m.time).toISOString()}>
                  {age(now - m.time)}
                </td>
                <td className={styles.preview}>{storedPreview(m, wantedDecoding(n.topic, rules, n.last?.decoded), 100, true)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

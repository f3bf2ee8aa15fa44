/**
 * The chosen History entry of a decoded topic (issue 13): its decoded value — a Sparkplug B
 * message's metrics as the Message panel's table, MessagePack / CBOR / Protobuf like JSON — and
 * its original bytes as hex, in a collapsed section under the diff. Rendered as text.
 */
import { FORMAT_LABEL, type DecodedPayload } from '../../core/decoded';
import type { MqttMessage } from '../../core/message';
import { toHex } from '../../core/payload';
import { MetricsTable } from '../../components/metrics-table';
import { formatTime, plural } from '../../lib/format';
import styles from './decoded-view.module.css';

/** Bytes shown as hex before the rest is left out (a History entry keeps at most 16 KiB). */
const HEX_LIMIT = 4096;

export function HistoryEntry({ message, decoded }: { message: MqttMessage; decoded: DecodedPayload }) {
  const sp = decoded.sparkplug;
  return (
    <details className={styles.raw}>
      <summary>
        Entry at {formatTime(message.time)}: decoded {FORMAT_LABEL[decoded.format]}
        {sp ? ` ${sp.messageType}` : ''} and raw payload ({plural(message.size, 'byte')})
      </summary>
      {sp ? (
        <MetricsTable
          label="History entry metrics"
          metrics={sp.metrics}
          time={(m) => {
            const t = m.timestamp ?? sp.timestamp;
            return t !== undefined ? formatTime(t) : '—';
          }}
          chart={() => null}
        />
      ) : (
        <pre className={styles.json} aria-label="History entry decoded">
          {JSON.stringify(decoded.value, null, 2)}
        </pre>
      )}
      <pre className={styles.json} aria-label="History entry bytes">
        {toHex(message.payload, HEX_LIMIT)}
      </pre>
    </details>
  );
}

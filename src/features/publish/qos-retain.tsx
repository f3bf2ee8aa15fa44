import { qosUnavailableReason, RETAIN_UNAVAILABLE_REASON } from '../../mqtt/capabilities';
import { setDraft, type Qos } from '../../stores/publish-store';
import styles from './publish.module.css';

const QOS_HINT: Record<Qos, string> = {
  0: 'At most once: sent, no acknowledgement',
  1: 'At least once: the broker answers with PUBACK',
  2: 'Exactly once: the broker answers with PUBCOMP',
};

/** A radio group named "QoS" (radios 0, 1, 2), the Retain checkbox, and what the choice means. */
export function QosAndRetain({ id, qos: wantedQos, retain: wanted, noRetain, maxQos }: { id: string; qos: Qos; retain: boolean; noRetain: boolean; maxQos: Qos }) {
  const retain = wanted && !noRetain;
  const qos = Math.min(wantedQos, maxQos) as Qos;
  return (
    <div className="field">
      <div className={styles.row}>
        <div className="field">
          <span className="field-label" id={`${id}-qos-label`}>
            QoS
          </span>
          <div role="radiogroup" aria-labelledby={`${id}-qos-label`} className={styles.segmented}>
            {([0, 1, 2] as const).map((q) => (
              <label key={q} className={styles.segment}>
                <input
                  type="radio"
                  name={`${id}-qos`}
                  checked={qos === q}
                  disabled={q > maxQos}
                  aria-describedby={q > maxQos ? `${id}-maxqos` : undefined}
                  onChange={() => setDraft({ qos: q })}
                />
                {q}
              </label>
            ))}
          </div>
        </div>
        <label className={`check ${styles.retain}`}>
          <input
            type="checkbox"
            checked={retain}
            disabled={noRetain}
            aria-describedby={noRetain ? `${id}-noretain` : undefined}
            onChange={(e) => setDraft({ retain: e.target.checked })}
          />
          Retain
        </label>
      </div>
      {maxQos < 2 && (
        <span id={`${id}-maxqos`} className="field-hint">
          {qosUnavailableReason(maxQos)}
        </span>
      )}
      {noRetain && (
        <span id={`${id}-noretain`} className="field-hint">
          {RETAIN_UNAVAILABLE_REASON}
        </span>
      )}
      <span className={`field-hint ${styles.qosHint}`}>
        QoS {qos}: {QOS_HINT[qos]}
        {retain ? '. Retained: the broker keeps it for subscribers that come later.' : '.'}
      </span>
    </div>
  );
}

/** The Decoders page's list of the Message panel's Decode as rules (exact topics and filters), in the order they are tried, each removable. */
import { useId } from 'react';
import { Icon } from '../../components/icons';
import { DECODE_CHOICES } from '../../core/decoded';
import { decodeAsByPrecedence, removeDecodeRule, useDecodeAsStore } from '../../stores/decode-as-store';
import styles from './decoders.module.css';

const label = (choice: string) => DECODE_CHOICES.find((c) => c.choice === choice)?.label ?? choice;

export function DecodeAsSection() {
  const headingId = useId();
  const rules = useDecodeAsStore((s) => s.rules);
  const ordered = decodeAsByPrecedence(rules);
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId}>Decode as rules</h2>
      <p className={styles.hint}>
        Chosen with <strong>Decode as</strong> and <strong>Apply to</strong> in the Message panel. A topic&apos;s own rule comes first, then the most specific
        filter (the order below), then the protobuf mappings.
      </p>
      <div className={styles.tableWrap}>
        <table className={styles.table} aria-label="Decode as rules">
          <thead>
            <tr>
              <th scope="col">Topic or filter</th>
              <th scope="col">Decode as</th>
              <th scope="col" className={styles.colActions}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.length === 0 ? (
              <tr>
                <td colSpan={3} className={styles.emptyRow}>
                  No Decode as rules yet.
                </td>
              </tr>
            ) : (
              ordered.map((r) => (
                <tr key={r.filter}>
                  <td className={styles.mono}>{r.filter}</td>
                  <td>
                    {label(r.choice)}
                    {r.messageType && <span className={styles.mono}> · {r.messageType}</span>}
                  </td>
                  <td className={styles.actions}>
                    <button type="button" className="btn btn-sm" onClick={() => removeDecodeRule(r.filter)} aria-label={`Remove rule ${r.filter}`}>
                      <Icon name="trash" size={14} /> Remove
                    </button>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

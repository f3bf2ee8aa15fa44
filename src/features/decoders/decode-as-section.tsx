/** The Decoders page's list of the Message panel's Decode as rules (exact topics and filters), in the order they are tried, each removable. */
import { useId } from 'react';
import { DECODE_CHOICES } from '../../core/decoded';
import { decodeAsByPrecedence, removeDecodeRule, useDecodeAsStore } from '../../stores/decode-as-store';
import { RemovableTable } from './removable-table';
import styles from './decoders.module.css';

const label = (choice: string) => DECODE_CHOICES.find((c) => c.choice === choice)?.label ?? choice;
const COLUMNS = [{ label: 'Topic or filter' }, { label: 'Decode as' }];

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
      <RemovableTable
        label="Decode as rules"
        columns={COLUMNS}
        items={ordered}
        itemKey={(r) => r.filter}
        cells={(r) => (
          <>
            <td className={styles.mono}>{r.filter}</td>
            <td>
              {label(r.choice)}
              {r.messageType && <span className={styles.mono}> · {r.messageType}</span>}
            </td>
          </>
        )}
        removeLabel={(r) => `Remove rule ${r.filter}`}
        onRemove={(r) => removeDecodeRule(r.filter)}
        empty="No Decode as rules yet."
      />
    </section>
  );
}

/** The Decoders page's protobuf mappings: Topic filter → Message type, in the order they are tried. */
import { useId, useState } from 'react';
import { Field } from '../../components/field';
import { Icon } from '../../components/icons';
import { validateFilter } from '../../core/topic-filter';
import type { ProtoMapping } from '../../core/protobuf-decoders';
import type { ProtoTypes } from '../../hooks/use-proto-types';
import { RemovableTable } from './removable-table';
import styles from './decoders.module.css';

const COLUMNS = [{ label: 'Topic filter' }, { label: 'Message type' }];

interface Props {
  /** Most specific first (byPrecedence). */
  ordered: readonly ProtoMapping[];
  types: ProtoTypes | undefined;
  onAdd: (m: ProtoMapping) => void;
  onRemove: (filter: string) => void;
  onNotice: (n: { kind: 'ok' | 'error'; text: string }) => void;
}

export function MappingsSection({ ordered, types, onAdd, onRemove, onNotice }: Props) {
  const headingId = useId();
  const [filter, setFilter] = useState('');
  const [type, setType] = useState('');
  const [filterError, setFilterError] = useState<string | undefined>();
  const [typeError, setTypeError] = useState<string | undefined>();
  const available = types?.types ?? [];

  const add = () => {
    const f = filter.trim();
    const fe = validateFilter(f) ?? undefined;
    const te = type ? undefined : available.length ? 'Choose the message type to decode this filter as' : 'Add a .proto file first: its message types are listed here';
    setFilterError(fe);
    setTypeError(te);
    if (fe || te) return;
    const changed = ordered.some((m) => m.filter === f);
    onAdd({ filter: f, messageType: type });
    onNotice({ kind: 'ok', text: `${changed ? 'Changed' : 'Added'} mapping: ${f} → ${type}.` });
    setFilter('');
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId}>Protobuf mappings</h2>
      <div className={styles.mappingForm}>
        <Field label="Topic filter" error={filterError} hint="+ matches one level, # the rest">
          {(p) => (
            <input
              {...p}
              className="input"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && add()}
              placeholder="factory/+/reading"
              spellCheck={false}
            />
          )}
        </Field>
        <Field label="Message type" error={typeError} hint={types?.problem ? `The .proto files do not compile: ${types.problem}` : undefined}>
          {(p) => (
            <select {...p} className="input" value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">{available.length ? 'Choose…' : types ? 'No message types yet' : 'Reading the .proto files…'}</option>
              {available.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className={styles.formButton}>
          <button type="button" className="btn btn-primary" onClick={add}>
            <Icon name="plus" size={15} /> Add mapping
          </button>
        </div>
      </div>
      <p className={styles.hint}>
        When several filters match a topic, the most specific one decodes it: more exact levels first, then fewer wildcards, then a filter without #, then the
        longer filter (the order below). The Decode as rules of the Message panel (listed below) come before all of them.
      </p>
      <RemovableTable
        label="Protobuf mappings"
        columns={COLUMNS}
        items={ordered}
        itemKey={(m) => m.filter}
        cells={(m) => (
          <>
            <td className={styles.mono}>{m.filter}</td>
            <td className={styles.mono}>
              {m.messageType}
              {types && !types.types.includes(m.messageType) && <span className={styles.missing}> ⚠ not in the uploaded .proto files</span>}
            </td>
          </>
        )}
        removeLabel={(m) => `Remove mapping ${m.filter}`}
        onRemove={(m) => onRemove(m.filter)}
        empty={
          <>
            No mappings yet. Map a topic filter such as <code>factory/+/reading</code> to a message type from your .proto files.
          </>
        }
      />
    </section>
  );
}

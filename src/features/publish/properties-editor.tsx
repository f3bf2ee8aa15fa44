import { countProperties, setProperties, type DraftProperties } from '../../stores/publish-store';
import { FieldError, invalidProps } from './field-error';
import type { DraftErrors } from './validate-draft';
import styles from './publish.module.css';

interface Props {
  id: string;
  properties: DraftProperties;
  errors: DraftErrors;
  open: boolean;
  onToggle: () => void;
  /** Protocol of the connection (last known). */
  protocolVersion?: 4 | 5;
}

/** The MQTT 5 publish properties, behind a disclosure named "Properties". */
export function PropertiesEditor({ id, properties: p, errors, open, onToggle, protocolVersion }: Props) {
  const count = countProperties(p);
  const rows = p.userProperties;
  const setRow = (i: number, patch: Partial<{ key: string; value: string }>) =>
    setProperties({ userProperties: rows.map((r, k) => (k === i ? { ...r, ...patch } : r)) });
  const text = (field: 'contentType' | 'responseTopic' | 'correlationData', label: string, placeholder: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        className="input mono"
        value={p[field]}
        placeholder={placeholder}
        onChange={(e) => setProperties({ [field]: e.target.value })}
        {...invalidProps(`${id}-${field}`, errors[field])}
      />
      {hint && <span className="field-hint">{hint}</span>}
      <FieldError id={`${id}-${field}`} message={errors[field]} />
    </div>
  );

  return (
    <div className="field">
      <div className={styles.disclosure}>
        <button type="button" className={styles.disclosureBtn} aria-expanded={open} aria-controls={`${id}-props`} onClick={onToggle}>
          <span className={`${styles.chevron} ${open ? styles.chevronOpen : ''}`} aria-hidden="true">
            ▸
          </span>
          Properties
        </button>
        <span className={`${styles.badge} ${count ? styles.badgeSet : ''}`}>
          {count ? `${count} set` : 'none'} · {protocolVersion === 4 ? 'needs an MQTT 5 connection (this one is 3.1.1)' : 'MQTT 5'}
        </span>
      </div>
      <FieldError id={`${id}-properties`} message={errors.properties} />
      {open && (
        <div id={`${id}-props`} className={styles.props}>
          <div className={styles.grid2}>
            {text('contentType', 'Content type', 'application/json')}
            <div className="field">
              <label htmlFor={`${id}-messageExpiryInterval`}>Message expiry interval</label>
              <input
                id={`${id}-messageExpiryInterval`}
                className="input tabular"
                inputMode="numeric"
                value={p.messageExpiryInterval}
                placeholder="never expires"
                onChange={(e) => setProperties({ messageExpiryInterval: e.target.value })}
                {...invalidProps(`${id}-messageExpiryInterval`, errors.messageExpiryInterval)}
              />
              <span className="field-hint">seconds the broker keeps it for subscribers that are offline</span>
              <FieldError id={`${id}-messageExpiryInterval`} message={errors.messageExpiryInterval} />
            </div>
          </div>
          <div className={styles.grid2}>
            {text('responseTopic', 'Response topic', 'reply/to/me')}
            {text('correlationData', 'Correlation data', 'request-42', 'sent as UTF-8 bytes')}
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={p.payloadFormatIndicator}
              onChange={(e) => setProperties({ payloadFormatIndicator: e.target.checked })}
            />
            Payload format indicator
            <span className="field-hint">(the payload is UTF-8 text)</span>
          </label>
          <div className="field" role="group" aria-labelledby={`${id}-user-label`}>
            <div className={styles.userHead}>
              <span id={`${id}-user-label`} className="field-label">
                User properties
              </span>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => setProperties({ userProperties: [...rows, { key: '', value: '' }] })}
              >
                Add user property
              </button>
            </div>
            {rows.length === 0 && <span className="field-hint">None. Names may repeat; every pair is sent, in order.</span>}
            {rows.map((r, i) => (
              <div key={i} className={styles.userRow}>
                <input
                  className="input mono"
                  aria-label={`User property ${i + 1} name`}
                  placeholder="name"
                  value={r.key}
                  onChange={(e) => setRow(i, { key: e.target.value })}
                />
                <input
                  className="input mono"
                  aria-label={`User property ${i + 1} value`}
                  placeholder="value"
                  value={r.value}
                  onChange={(e) => setRow(i, { value: e.target.value })}
                />
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  aria-label={`Remove user property ${i + 1}`}
                  title="Remove"
                  onClick={() => setProperties({ userProperties: rows.filter((_, k) => k !== i) })}
                >
                  ✕
                </button>
              </div>
            ))}
            <FieldError id={`${id}-userProperties`} message={errors.userProperties} />
          </div>
        </div>
      )}
    </div>
  );
}

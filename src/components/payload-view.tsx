import { useId, useMemo, useState } from 'react';
import { JsonView, allExpanded, defaultStyles, darkStyles } from 'react-json-view-lite';
import 'react-json-view-lite/dist/index.css';
import { decodePayload, toBase64, toHex } from '../core/payload';
import styles from './payload-view.module.css';

export type PayloadMode = 'text' | 'json' | 'hex' | 'base64';

const MODES: { mode: PayloadMode; label: string }[] = [
  { mode: 'text', label: 'Text' },
  { mode: 'json', label: 'JSON' },
  { mode: 'hex', label: 'Hex' },
  { mode: 'base64', label: 'Base64' },
];

/** Shown bytes are capped so a huge payload cannot freeze the page. */
const SHOW_LIMIT = 64 * 1024;

interface Props {
  payload: Uint8Array;
  truncated?: boolean;
  /** The view choice is remembered per source (e.g. per topic) and reset when it changes. */
  source?: string;
}

/**
 * A payload as text, collapsible JSON, hex or base64: detected automatically and switchable.
 * Everything is rendered as text nodes: markup in a payload never becomes HTML.
 */
export function PayloadView({ payload, truncated, source = '' }: Props) {
  const decoded = useMemo(() => decodePayload(payload, { truncated }), [payload, truncated]);
  const detected: PayloadMode = decoded.kind === 'json' ? 'json' : decoded.kind === 'binary' ? 'hex' : 'text';
  const [choice, setChoice] = useState<{ source: string; mode: PayloadMode } | null>(null);
  const chosen = choice && choice.source === source ? choice.mode : null;
  const mode = chosen === 'json' && decoded.kind !== 'json' ? detected : (chosen ?? detected);
  const name = useId();
  const dark = typeof document !== 'undefined' && getComputedStyle(document.documentElement).colorScheme === 'dark';

  const body = useMemo(() => {
    const shown = payload.length > SHOW_LIMIT ? payload.subarray(0, SHOW_LIMIT) : payload;
    switch (mode) {
      case 'hex':
        return toHex(shown);
      case 'base64':
        return toBase64(shown);
      case 'json':
      case 'text':
        if (decoded.kind === 'binary') return `(not text: ${payload.length} bytes; shown in hex)\n${toHex(shown)}`;
        return decoded.text ?? '';
    }
  }, [mode, payload, decoded]);

  return (
    <div className={styles.view}>
      <div className={styles.bar}>
        <div role="radiogroup" aria-label="Payload view" className={styles.modes}>
          {MODES.map((m) => (
            <label key={m.mode} className={mode === m.mode ? `${styles.mode} ${styles.on}` : styles.mode}>
              <input
                type="radio"
                name={name}
                value={m.mode}
                checked={mode === m.mode}
                disabled={m.mode === 'json' && decoded.kind !== 'json'}
                onChange={() => setChoice({ source, mode: m.mode })}
              />
              {m.label}
            </label>
          ))}
        </div>
        <span className={styles.detected}>
          detected: {decoded.kind === 'binary' ? 'binary' : decoded.kind}
          {decoded.numeric !== undefined ? ' (number)' : ''}
        </span>
      </div>
      {decoded.kind === 'empty' ? (
        <p className={styles.empty}>(empty payload)</p>
      ) : mode === 'json' && decoded.kind === 'json' ? (
        <div className={styles.json} aria-label="Payload" role="group">
          <JsonView data={decoded.json as object} shouldExpandNode={allExpanded} style={dark ? darkStyles : defaultStyles} />
        </div>
      ) : (
        <pre className={styles.pre} aria-label="Payload">
          {body}
        </pre>
      )}
      {payload.length > SHOW_LIMIT && <p className="field-hint">Showing the first {SHOW_LIMIT / 1024} KB; download for the rest.</p>}
    </div>
  );
}

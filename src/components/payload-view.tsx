import { useId, useMemo, useState } from 'react';
import { JsonView, allExpanded, defaultStyles } from 'react-json-view-lite';
import 'react-json-view-lite/dist/index.css';
import { decodePayload, toBase64, toHex } from '../core/payload';
import { formatBytesIEC } from '../lib/format-bytes';
import styles from './payload-view.module.css';

export type PayloadMode = 'text' | 'json' | 'hex' | 'base64';

const MODES: { mode: PayloadMode; label: string }[] = [
  { mode: 'text', label: 'Text' },
  { mode: 'json', label: 'JSON' },
  { mode: 'hex', label: 'Hex' },
  { mode: 'base64', label: 'Base64' },
];

/**
 * Every view shows at most this many bytes of a payload until "Show all" is pressed: laying out
 * a 1 MiB <pre> (or converting it to hex) blocks the page for hundreds of milliseconds.
 */
export const SHOW_LIMIT = 64 * 1024;
/** Larger JSON is shown as raw text: a fully expanded tree of it would be tens of thousands of nodes. */
export const JSON_TREE_LIMIT = 64 * 1024;

interface Props {
  payload: Uint8Array;
  truncated?: boolean;
  /** The view choice is remembered per source (e.g. per topic) and reset when it changes. */
  source?: string;
  /** The view to start with instead of the detected one (the Message panel's Decode as); JSON only when it is JSON. */
  prefer?: PayloadMode;
}

/**
 * The library's layout classes with every colour from our tokens (--json-*): one look for both
 * themes, readable (4.5:1) in each, and right at once when the theme changes while it is shown.
 */
const JSON_STYLE: typeof defaultStyles = {
  ...defaultStyles,
  label: `${defaultStyles.label} ${styles.jsonKey}`,
  clickableLabel: `${defaultStyles.clickableLabel} ${styles.jsonKey}`,
  punctuation: `${defaultStyles.punctuation} ${styles.jsonKey}`,
  expandIcon: `${defaultStyles.expandIcon} ${styles.jsonKey}`,
  collapseIcon: `${defaultStyles.collapseIcon} ${styles.jsonKey}`,
  collapsedContent: `${defaultStyles.collapsedContent} ${styles.jsonKey}`,
  stringValue: styles.jsonString,
  numberValue: styles.jsonNumber,
  booleanValue: styles.jsonBoolean,
  nullValue: styles.jsonNull,
  undefinedValue: styles.jsonNull,
  otherValue: styles.jsonOther,
};

const streamDecoder = () => new TextDecoder('utf-8');

/** The first `limit` bytes as text; a character cut in half at the end is left out. */
function textPrefix(payload: Uint8Array, limit: number): string {
  return streamDecoder().decode(payload.subarray(0, limit), { stream: true });
}

/**
 * A payload as text, collapsible JSON, hex or base64: detected automatically and switchable.
 * Everything is rendered as text nodes: markup in a payload never becomes HTML. Big payloads
 * show their first SHOW_LIMIT bytes, with a "Show all" button that says how much is shown.
 */
export function PayloadView({ payload, truncated, source = '', prefer }: Props) {
  const decoded = useMemo(() => decodePayload(payload, { truncated }), [payload, truncated]);
  const auto: PayloadMode = decoded.kind === 'json' ? 'json' : decoded.kind === 'binary' ? 'hex' : 'text';
  const detected: PayloadMode = prefer && !(prefer === 'json' && decoded.kind !== 'json') ? prefer : auto;
  const [choice, setChoice] = useState<{ source: string; mode: PayloadMode } | null>(null);
  const chosen = choice && choice.source === source ? choice.mode : null;
  const mode = chosen === 'json' && decoded.kind !== 'json' ? detected : (chosen ?? detected);
  // "Show all" holds for this payload only: the next message is capped again. (A weak reference:
  // the view must not keep an old 1 MiB payload alive after the trie let it go.)
  const [allOf, setAllOf] = useState<WeakRef<Uint8Array> | null>(null);
  const showAll = allOf?.deref() === payload;
  const capped = !showAll && payload.length > SHOW_LIMIT;
  const tree = mode === 'json' && decoded.kind === 'json' && payload.length <= JSON_TREE_LIMIT;
  const name = useId();

  const body = useMemo(() => {
    if (tree) return '';
    const shown = capped ? payload.subarray(0, SHOW_LIMIT) : payload;
    switch (mode) {
      case 'hex':
        return toHex(shown);
      case 'base64':
        return toBase64(shown);
      case 'json':
      case 'text':
        if (decoded.kind === 'binary') return `(not text: ${payload.length} bytes; shown in hex)\n${toHex(shown)}`;
        return capped ? textPrefix(payload, SHOW_LIMIT) : (decoded.text ?? '');
    }
  }, [tree, capped, mode, payload, decoded]);

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
      {mode === 'json' && decoded.kind === 'json' && !tree && (
        <p className="field-hint">
          {formatBytesIEC(payload.length)} of JSON is shown as text; the collapsible view is for payloads up to{' '}
          {formatBytesIEC(JSON_TREE_LIMIT)}.
        </p>
      )}
      {decoded.kind === 'empty' ? (
        <p className={styles.empty}>(empty payload)</p>
      ) : tree ? (
        <div className={styles.json} aria-label="Payload" role="group">
          <JsonView data={decoded.json as object} shouldExpandNode={allExpanded} style={JSON_STYLE} />
        </div>
      ) : (
        <pre className={styles.pre} aria-label="Payload">
          {body}
        </pre>
      )}
      {payload.length > SHOW_LIMIT && !tree && (
        <p className={styles.cap} role="status">
          <span>
            {capped
              ? `Showing the first ${formatBytesIEC(SHOW_LIMIT)} of ${formatBytesIEC(payload.length)}.`
              : `Showing all ${formatBytesIEC(payload.length)}.`}
          </span>
          <button type="button" className="btn btn-sm" onClick={() => setAllOf(capped ? new WeakRef(payload) : null)}>
            {capped ? 'Show all' : `Show the first ${formatBytesIEC(SHOW_LIMIT)}`}
          </button>
        </p>
      )}
    </div>
  );
}

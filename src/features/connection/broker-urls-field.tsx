import { useRef } from 'react';
import styles from './broker-urls.module.css';

/** The lines of the Broker URL field: one URL per line, blank lines left out. */
export function parseUrls(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The **Broker URL** field: one URL, or several (one per line: the nodes of a cluster, or a
 * primary and standbys), plus an **Add broker URL** button that opens a new line.
 */
export function BrokerUrlsField({
  id,
  text,
  onChange,
  inputProps,
}: {
  id: string;
  text: string;
  onChange: (text: string) => void;
  inputProps: Record<string, unknown>;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const lines = text.split('\n').length;
  const add = () => {
    const next = text.trim() === '' ? text : `${text.replace(/\n+$/, '')}\n`;
    onChange(next);
    requestAnimationFrame(() => {
      const el = ref.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    });
  };
  return (
    <>
      <textarea
        ref={ref}
        id={id}
        className={`input mono ${styles.urls}`}
        rows={Math.min(6, Math.max(1, lines))}
        value={text}
        placeholder="ws://localhost:9001"
        spellCheck={false}
        autoCapitalize="off"
        onChange={(e) => onChange(e.target.value)}
        {...inputProps}
      />
      <span className={styles.row}>
        <span className="field-hint">Several nodes of a cluster? One URL per line, tried in turn.</span>
        <button type="button" className="btn btn-sm" onClick={add}>
          Add broker URL
        </button>
      </span>
    </>
  );
}

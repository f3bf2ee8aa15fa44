import { useMemo } from 'react';
import { diffPayloads } from '../../core/message-diff';
import styles from './explorer.module.css';

/** What changed from the previous message: JSON keys, or text words/lines, as text. */
export function DiffView({ before, after }: { before: Uint8Array; after: Uint8Array }) {
  const diff = useMemo(() => diffPayloads(before, after), [before, after]);
  return (
    <div className={styles.diff} aria-label="Changes from the previous message" role="group">
      {diff.kind === 'same' && <p className={styles.diffNote}>Same payload as the previous message.</p>}
      {diff.kind === 'binary' && (
        <p className={styles.diffNote}>
          Binary payload changed ({diff.beforeSize} → {diff.afterSize} bytes).
        </p>
      )}
      {diff.kind === 'json' && (
        <ul className={styles.jsonChanges}>
          {diff.changes.map((c) => (
            <li key={`${c.type}:${c.path}`} className={styles[c.type]}>
              <span className={styles.changeMark} aria-hidden="true">
                {c.type === 'added' ? '+' : c.type === 'removed' ? '−' : '~'}
              </span>
              <span className="mono">{c.path}</span>{' '}
              {c.type === 'changed' && (
                <>
                  <span className="mono">{c.before}</span> → <span className="mono">{c.after}</span>
                </>
              )}
              {c.type === 'added' && <span className="mono">added {c.after}</span>}
              {c.type === 'removed' && <span className="mono">removed (was {c.before})</span>}
            </li>
          ))}
        </ul>
      )}
      {diff.kind === 'text' && (
        <pre className={styles.textDiff}>
          {diff.parts.map((p, i) =>
            p.added ? (
              <ins key={i}>{p.value}</ins>
            ) : p.removed ? (
              <del key={i}>{p.value}</del>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </pre>
      )}
    </div>
  );
}

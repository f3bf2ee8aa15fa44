import { useMemo } from 'react';
import { diffPayloads } from '../core/message-diff';
import styles from './payload-diff.module.css';

interface Props {
  before: Uint8Array;
  after: Uint8Array;
  /** The group's accessible name. */
  label?: string;
  /** What "before" is, in the notes ("the previous message"). */
  beforeName?: string;
}

/**
 * What changed between two payloads (core/message-diff.ts): JSON keys, or text words/lines, all
 * as text nodes (a payload never becomes HTML); binary payloads only say that they differ. Used
 * by the Explorer's History and by Compare in Recordings.
 */
export function PayloadDiff({ before, after, label = 'Changes from the previous message', beforeName = 'the previous message' }: Props) {
  const diff = useMemo(() => diffPayloads(before, after), [before, after]);
  return (
    <div className={styles.diff} aria-label={label} role="group">
      {diff.kind === 'same' && <p className={styles.note}>Same payload as {beforeName}.</p>}
      {diff.kind === 'binary' && (
        <p className={styles.note}>
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

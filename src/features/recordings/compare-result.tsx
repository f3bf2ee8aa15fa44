import { useMemo, useState } from 'react';
import { PayloadDiff } from '../../components/payload-diff';
import { PayloadView } from '../../components/payload-view';
import { previewText } from '../../core/payload';
import { filterDiff, reverseDiff, type StateMessage } from '../../core/recording-diff';
import { formatSize, formatTime, plural } from '../../lib/format';
import type { CompareOutcome } from './compare-run';
import styles from './compare.module.css';

type Kind = 'added' | 'removed' | 'changed';

/** Rows drawn per list; a narrower filter shows the rest. */
const LIST_LIMIT = 500;

interface Props {
  outcome: CompareOutcome;
  /** The two sides, for people: `“Line 1” at its end`, `the broker’s retained messages (ws://…)`. */
  fromName: string;
  toName: string;
}

/**
 * The result of Compare: the topics Added / Removed / Changed (filterable, the sides swappable)
 * and, for the topic picked, both payloads (text, JSON or hex, components/payload-view.tsx) and
 * what changed between them (components/payload-diff.tsx, as the Explorer's History shows it).
 */
export function CompareResult({ outcome, fromName, toName }: Props) {
  const [swapped, setSwapped] = useState(false);
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<{ kind: Kind; topic: string } | null>(null);
  const diff = useMemo(() => (swapped ? reverseDiff(outcome.diff) : outcome.diff), [outcome, swapped]);
  const [only, setOnly] = useState<Kind | 'all'>('all');
  const shown = useMemo(() => {
    const d = filterDiff(diff, filter);
    return only === 'all' ? d : { ...d, added: only === 'added' ? d.added : [], removed: only === 'removed' ? d.removed : [], changed: only === 'changed' ? d.changed : [] };
  }, [diff, filter, only]);
  const before = swapped ? toName : fromName;
  const after = swapped ? fromName : toName;
  const { added, removed, changed, unchanged } = diff;
  const total = added.length + removed.length + changed.length;

  const find = (kind: Kind, topic: string) =>
    kind === 'changed' ? shown.changed.find((c) => c.topic === topic) : (kind === 'added' ? shown.added : shown.removed).find((m) => m.topic === topic);
  const current =
    (picked && find(picked.kind, picked.topic) ? picked : null) ??
    (shown.changed[0] ? { kind: 'changed' as const, topic: shown.changed[0].topic } : null) ??
    (shown.added[0] ? { kind: 'added' as const, topic: shown.added[0].topic } : null) ??
    (shown.removed[0] ? { kind: 'removed' as const, topic: shown.removed[0].topic } : null);

  return (
    <section className={styles.result} aria-label="Comparison">
      <p className={styles.sides}>
        From <strong>{before}</strong> to <strong>{after}</strong>
      </p>
      <p className={styles.summary}>
        <span className={styles.countAdded}>{added.length.toLocaleString()} added</span> ·{' '}
        <span className={styles.countRemoved}>{removed.length.toLocaleString()} removed</span> ·{' '}
        <span className={styles.countChanged}>{changed.length.toLocaleString()} changed</span> · {unchanged.toLocaleString()} unchanged
      </p>
      {total === 0 ? (
        <p className={styles.same}>
          No differences: {unchanged ? `the ${plural(unchanged, 'topic')} on both sides have the same payloads.` : 'neither side holds any topic.'}
        </p>
      ) : (
        <>
          <div className={styles.resultBar}>
            <input
              className="input"
              type="search"
              aria-label="Filter topics"
              placeholder="Filter topics"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              spellCheck={false}
            />
            <button type="button" className="btn btn-sm" onClick={() => setSwapped((s) => !s)}>
              Swap sides
            </button>
            <label className={styles.show}>
              Show
              <select className="input" aria-label="Show" value={only} onChange={(e) => setOnly(e.target.value as Kind | 'all')}>
                <option value="all">All differences</option>
                <option value="added">Added ({added.length.toLocaleString()})</option>
                <option value="removed">Removed ({removed.length.toLocaleString()})</option>
                <option value="changed">Changed ({changed.length.toLocaleString()})</option>
              </select>
            </label>
          </div>
          <div className={styles.panes}>
            <div className={styles.lists}>
              {(only === 'all' || only === 'added') && (
                <TopicList kind="added" title="Added" hint={`in ${after}, not in ${before}`} items={shown.added} of={added.length} current={current} onPick={setPicked} />
              )}
              {(only === 'all' || only === 'removed') && (
                <TopicList kind="removed" title="Removed" hint={`in ${before}, not in ${after}`} items={shown.removed} of={removed.length} current={current} onPick={setPicked} />
              )}
              {(only === 'all' || only === 'changed') && (
                <TopicList
                  kind="changed"
                  title="Changed"
                  hint="in both, with another payload"
                  items={shown.changed.map((c) => c.after)}
                  previews={shown.changed.map((c) => `${preview(c.before)} → ${preview(c.after)}`)}
                  of={changed.length}
                  current={current}
                  onPick={setPicked}
                />
              )}
            </div>
            <TopicDetail picked={current} find={find} before={before} after={after} />
          </div>
        </>
      )}
    </section>
  );
}

const preview = (m: StateMessage) => previewText(m.payload, 24) || '(empty)';

interface ListProps {
  kind: Kind;
  title: string;
  hint: string;
  items: readonly StateMessage[];
  previews?: readonly string[];
  /** Before the filter. */
  of: number;
  current: { kind: Kind; topic: string } | null;
  onPick: (p: { kind: Kind; topic: string }) => void;
}

function TopicList({ kind, title, hint, items, previews, of, current, onPick }: ListProps) {
  return (
    <div className={styles.listBlock}>
      <h3 className={styles.listTitle}>
        <span className={`${styles.mark} ${styles[kind]}`} aria-hidden="true">
          {kind === 'added' ? '+' : kind === 'removed' ? '−' : '~'}
        </span>
        {title}{' '}
        <span className={styles.listCount}>
          {items.length === of ? of.toLocaleString() : `${items.length.toLocaleString()} of ${of.toLocaleString()}`}
        </span>
        <span className={styles.listHint}>{hint}</span>
      </h3>
      {items.length === 0 ? (
        <p className={styles.none}>{of ? 'None match the filter.' : 'None.'}</p>
      ) : (
        <ul className={styles.list} aria-label={title}>
          {items.slice(0, LIST_LIMIT).map((m, i) => (
            <li key={m.topic}>
              <button
                type="button"
                className={styles.item}
                aria-current={current?.kind === kind && current.topic === m.topic ? 'true' : undefined}
                onClick={() => onPick({ kind, topic: m.topic })}
              >
                <span className={styles.topic}>{m.topic}</span>
                <span className={styles.preview}>{previews ? previews[i] : preview(m)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {items.length > LIST_LIMIT && (
        <p className="field-hint">
          Showing the first {LIST_LIMIT.toLocaleString()} of {items.length.toLocaleString()}; narrow the filter to see the rest.
        </p>
      )}
    </div>
  );
}

interface DetailProps {
  picked: { kind: Kind; topic: string } | null;
  find: (kind: Kind, topic: string) => StateMessage | { topic: string; before: StateMessage; after: StateMessage } | undefined;
  before: string;
  after: string;
}

function TopicDetail({ picked, find, before, after }: DetailProps) {
  const found = picked ? find(picked.kind, picked.topic) : undefined;
  if (!picked || !found) {
    return (
      <section className={styles.detail} aria-label="Compared topic">
        <p className={styles.none}>No topic matches the filter.</p>
      </section>
    );
  }
  const pair = 'before' in found ? found : picked.kind === 'added' ? { before: undefined, after: found } : { before: found, after: undefined };
  return (
    <section className={styles.detail} aria-label="Compared topic">
      <h3 className={styles.detailTopic}>{picked.topic}</h3>
      <p className={`${styles.detailKind} ${styles[picked.kind]}`}>
        {picked.kind === 'added' ? `Added: only in ${after}` : picked.kind === 'removed' ? `Removed: only in ${before}` : 'Changed'}
      </p>
      {pair.before && pair.after && (
        <>
          <h4 className={styles.sideTitle}>Payload changes</h4>
          <PayloadDiff before={pair.before.payload} after={pair.after.payload} label="Payload changes" beforeName={before} />
        </>
      )}
      <div className={pair.before && pair.after ? styles.sides2 : undefined}>
        {pair.before && <Side label="Before" name={before} m={pair.before} />}
        {pair.after && <Side label="After" name={after} m={pair.after} />}
      </div>
    </section>
  );
}

function Side({ label, name, m }: { label: string; name: string; m: StateMessage }) {
  const meta = [`QoS ${m.qos}`, m.retain ? 'retained' : 'not retained', formatSize(m.size), m.time !== undefined ? formatTime(m.time) : null].filter(Boolean).join(' · ');
  return (
    <div role="group" aria-label={label} className={styles.side}>
      <h4 className={styles.sideTitle}>
        {label}: {name}
      </h4>
      <p className={styles.sideMeta}>{meta}</p>
      {m.size > m.payload.length && <p className="field-hint">The first {formatSize(m.payload.length)} of {formatSize(m.size)} were kept.</p>}
      <PayloadView payload={m.payload} truncated={m.size > m.payload.length} source={`${label}:${m.topic}`} />
    </div>
  );
}

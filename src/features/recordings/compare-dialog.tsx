import { useEffect, useId, useRef, useState } from 'react';
import { Modal } from '../../components/modal';
import type { StateKind } from '../../core/recording-diff-state';
import type { RecordingMeta } from '../../lib/recordings-db';
import { formatTime } from '../../lib/format';
import { useSessionStore } from '../../stores/session-store';
import { useTimeTravelStore } from '../../stores/time-travel-store';
import { runCompare, snapshotFilters, type CompareOutcome, type CompareProgress, type CompareSide } from './compare-run';
import { CompareResult } from './compare-result';
import { formatStart } from './format';
import styles from './compare.module.css';

type Target = 'recording' | 'broker';

type Run =
  | { phase: 'idle' }
  | { phase: 'running'; progress: CompareProgress }
  | { phase: 'done'; outcome: CompareOutcome; fromName: string; toName: string }
  | { phase: 'error'; message: string };

interface Props {
  recording: RecordingMeta;
  /** Every recording (the others are offered to compare with). */
  recordings: readonly RecordingMeta[];
  onClose: () => void;
}

/**
 * "Compare": a recording's state (at its end, or at the Time slider's time when it is open in the
 * Explorer) against another recording or the connected broker's retained messages; the result
 * lists the topics added, removed and changed with their payload diffs (compare-result.tsx).
 */
export function CompareDialog({ recording, recordings, onClose }: Props) {
  const others = recordings.filter((r) => r.id !== recording.id);
  const { state, reason, nodeUrl, brokerUrl, subscriptions } = useSessionStore();
  const source = useTimeTravelStore((s) => (s.phase === 'open' && s.recordingId === recording.id ? s.source : undefined));
  const [target, setTarget] = useState<Target>(others.length ? 'recording' : 'broker');
  const [otherId, setOtherId] = useState(others[0]?.id ?? '');
  const [kindChoice, setKindChoice] = useState<StateKind>('last');
  const [at, setAt] = useState<'end' | 'slider'>(source ? 'slider' : 'end');
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const ids = { with: useId(), kind: useId(), at: useId(), other: useId() };

  const url = nodeUrl ?? brokerUrl ?? '';
  const connected = state === 'connected';
  const brokerBlocked = connected ? null : `Not connected${reason ? ` (${reason})` : ''}: connect to a broker to compare with it.`;
  const kind: StateKind = target === 'broker' ? 'retained' : kindChoice;
  const other = others.find((r) => r.id === otherId);
  const filters = snapshotFilters(recording.filter ?? [], subscriptions.map((s) => s.filter));
  const sliderTime = source?.time;
  const blocked = target === 'broker' ? brokerBlocked : other ? null : 'There is no other recording to compare with.';

  const start = () => {
    if (blocked || run.phase === 'running') return;
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    const upTo = at === 'slider' && sliderTime !== undefined ? sliderTime : undefined;
    const from: CompareSide = { kind: 'recording', meta: recording, upTo };
    const to: CompareSide = target === 'broker' ? { kind: 'broker', url, filters } : { kind: 'recording', meta: other! };
    const fromName = `“${recording.name}” ${upTo !== undefined ? `at ${formatTime(upTo)}` : 'at its end'}`;
    const toName = target === 'broker' ? `the broker’s retained messages (${url})` : `“${other!.name}” at its end`;
    setRun({ phase: 'running', progress: { text: 'Starting…', done: 0, total: 0 } });
    runCompare(from, to, kind, (progress) => !ctl.signal.aborted && setRun({ phase: 'running', progress }), ctl.signal).then(
      (outcome) => !ctl.signal.aborted && setRun({ phase: 'done', outcome, fromName, toName }),
      (e: unknown) => !ctl.signal.aborted && setRun({ phase: 'error', message: `Could not compare: ${(e as Error)?.message || String(e)}` }),
    );
  };

  const running = run.phase === 'running';
  return (
    <Modal title={`Compare “${recording.name}”`} onClose={onClose} size="xl">
      <div className={styles.setup}>
        <fieldset className={styles.group} disabled={running}>
          <legend id={ids.with}>Compare with</legend>
          <label className={styles.radio}>
            <input type="radio" name={ids.with} checked={target === 'recording'} disabled={others.length === 0} onChange={() => setTarget('recording')} />
            Another recording
          </label>
          {target === 'recording' && others.length > 0 && (
            <div className={styles.indent}>
              <select id={ids.other} className="input" value={otherId} onChange={(e) => setOtherId(e.target.value)} aria-label="Recording">
                {others.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name.includes(formatStart(r.start)) ? r.name : `${r.name} · ${formatStart(r.start)}`}
                  </option>
                ))}
              </select>
            </div>
          )}
          {others.length === 0 && <span className="field-hint">No other recording in this browser.</span>}
          <label className={styles.radio}>
            <input type="radio" name={ids.with} checked={target === 'broker'} onChange={() => setTarget('broker')} />
            The connected broker’s retained messages
          </label>
          {target === 'broker' && (
            <span className={`field-hint ${styles.indent}`}>
              {brokerBlocked ?? (
                <>
                  Read now from <span className={styles.mono}>{url}</span> under <span className={styles.mono}>{filters.join(', ')}</span> (a second, short
                  connection).
                </>
              )}
            </span>
          )}
        </fieldset>
        <fieldset className={styles.group} disabled={running}>
          <legend id={ids.kind}>Compare what</legend>
          <label className={styles.radio}>
            <input type="radio" name={ids.kind} checked={kind === 'last'} disabled={target === 'broker'} onChange={() => setKindChoice('last')} />
            Last message per topic
          </label>
          <label className={styles.radio}>
            <input type="radio" name={ids.kind} checked={kind === 'retained'} onChange={() => setKindChoice('retained')} />
            Retained messages
          </label>
          <span className="field-hint">
            {target === 'broker'
              ? 'A broker keeps only retained messages. '
              : ''}
            A topic whose last message is empty (a cleared retained message) counts as absent.
          </span>
        </fieldset>
        <fieldset className={styles.group} disabled={running}>
          <legend id={ids.at}>This recording’s state</legend>
          <label className={styles.radio}>
            <input type="radio" name={ids.at} checked={at === 'end'} onChange={() => setAt('end')} />
            At its end
          </label>
          <label className={styles.radio}>
            <input type="radio" name={ids.at} checked={at === 'slider'} disabled={sliderTime === undefined} onChange={() => setAt('slider')} />
            At the Time slider{sliderTime !== undefined ? ` (${formatTime(sliderTime)})` : ''}
          </label>
          {sliderTime === undefined && <span className="field-hint">Open it in the Explorer to pick a time.</span>}
        </fieldset>
      </div>
      <div className={styles.actions}>
        {blocked && (
          <p role="status" className={styles.blocked}>
            {blocked}
          </p>
        )}
        <button type="button" className="btn btn-primary" disabled={blocked !== null || running} aria-busy={running || undefined} onClick={start} data-autofocus>
          Compare
        </button>
      </div>
      {run.phase === 'running' && (
        <div className={styles.progress}>
          <progress aria-label="Compare progress" max={run.progress.total || undefined} value={run.progress.total ? run.progress.done : undefined} aria-valuetext={run.progress.text} />
          <span>{run.progress.text}</span>
        </div>
      )}
      {run.phase === 'error' && (
        <p role="alert" className={styles.error}>
          {run.message}
        </p>
      )}
      {run.phase === 'done' && <CompareResult outcome={run.outcome} fromName={run.fromName} toName={run.toName} />}
    </Modal>
  );
}

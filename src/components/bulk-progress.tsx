/**
 * Progress of a bulk retained-message operation (delete, restore, import): a progress bar with
 * counts while it runs, then "N done, M failed" with the failures and a Retry failed button
 * that sends only those again. The run itself is the windowed sender (mqtt/retained-ops.ts);
 * progress reaches React at most once per frame, never once per publish.
 */
import { useCallback, useId, useRef, useState } from 'react';
import type { RetainedEntry } from '../core/retained-file';
import type { WindowProgress } from '../core/windowed-sender';
import type { BulkOp, OpFailure } from '../core/bulk-op';
import styles from './bulk-progress.module.css';

export interface BulkState {
  phase: 'idle' | 'running' | 'finished';
  /** The current (or last) pass: the whole set, or the failed ones on a retry. */
  settled: number;
  passTotal: number;
  /** The whole operation, retries included. */
  total: number;
  done: number;
  failures: OpFailure[];
}

export interface Bulk extends BulkState {
  start(entries: RetainedEntry[]): Promise<BulkState>;
  retryFailed(): Promise<BulkState>;
  /** Sends nothing more; what is in flight still gets its answer, the rest counts as failed. */
  stop(): void;
}

const IDLE: BulkState = { phase: 'idle', settled: 0, passTotal: 0, total: 0, done: 0, failures: [] };

export function useBulk(op: BulkOp): Bulk {
  const [state, setState] = useState<BulkState>(IDLE);
  const current = useRef(state);
  current.current = state;
  const abort = useRef<AbortController | null>(null);
  const latest = useRef<WindowProgress | null>(null);
  const scheduled = useRef(false);

  const flushSoon = useCallback(() => {
    if (scheduled.current) return;
    scheduled.current = true;
    let ran = false;
    const run = () => {
      if (ran) return;
      ran = true;
      scheduled.current = false;
      const p = latest.current;
      if (p) setState((s) => (s.phase === 'running' ? { ...s, settled: p.settled } : s));
    };
    requestAnimationFrame(run);
    setTimeout(run, 100); // hidden tabs get no frames
  }, []);

  const runPass = useCallback(
    async (entries: RetainedEntry[], base: { total: number; done: number }): Promise<BulkState> => {
      const ctl = new AbortController();
      abort.current = ctl;
      latest.current = null;
      setState({ phase: 'running', settled: 0, passTotal: entries.length, total: base.total, done: base.done, failures: [] });
      const r = await op(entries, {
        signal: ctl.signal,
        onProgress: (p) => {
          latest.current = p;
          flushSoon();
        },
      });
      abort.current = null;
      const end: BulkState = {
        phase: 'finished',
        settled: entries.length,
        passTotal: entries.length,
        total: base.total,
        done: base.done + r.done,
        failures: r.failures,
      };
      setState(end);
      return end;
    },
    [op, flushSoon],
  );

  const start = useCallback((entries: RetainedEntry[]) => runPass(entries, { total: entries.length, done: 0 }), [runPass]);
  const retryFailed = useCallback(() => {
    const s = current.current;
    return runPass(
      s.failures.map((f) => f.entry),
      { total: s.total, done: s.done },
    );
  }, [runPass]);
  const stop = useCallback(() => abort.current?.abort(), []);
  return { ...state, start, retryFailed, stop };
}

const count = (n: number) => n.toLocaleString();

interface StatusProps {
  bulk: Bulk;
  /** What is happening, e.g. "Deleting", "Restoring", "Publishing". */
  verb: string;
  /** Give the summary role="status" (off inside a container that is itself a live region). */
  live?: boolean;
}

const SHOWN_FAILURES = 10;

export function BulkStatus({ bulk, verb, live = true }: StatusProps) {
  const labelId = useId();
  if (bulk.phase === 'idle') return null;
  const running = bulk.phase === 'running';
  const label = running ? `${verb} ${count(bulk.settled)} of ${count(bulk.passTotal)}` : `${count(bulk.settled)} of ${count(bulk.passTotal)} answered`;
  const failed = bulk.failures.length;
  return (
    <div className={styles.bulk}>
      <div className={styles.bar}>
        <progress max={Math.max(1, bulk.passTotal)} value={bulk.settled} aria-labelledby={labelId} aria-valuetext={label} />
        <span id={labelId} className={`${styles.count} tabular`}>
          {label}
        </span>
      </div>
      {!running && (
        <>
          <p className={`${styles.summary} tabular`} role={live ? 'status' : undefined} data-failed={failed > 0}>
            {count(bulk.done)} done, {count(failed)} failed
          </p>
          {failed > 0 && (
            <>
              <ul className={styles.failures} aria-label="Failed">
                {bulk.failures.slice(0, SHOWN_FAILURES).map((f) => (
                  <li key={f.topic}>
                    {f.topic}: {f.error}
                  </li>
                ))}
                {failed > SHOWN_FAILURES && <li>… and {count(failed - SHOWN_FAILURES)} more</li>}
              </ul>
              <button type="button" className={`btn btn-sm ${styles.retry}`} onClick={() => void bulk.retryFailed()}>
                Retry failed
              </button>
            </>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The Explorer on an open recording (time travel, issue 12): the time bar above, and the very
 * same Explorer view (`explorer`, composed by the app) below, inside a TrieSourceContext that
 * hands it the recording's trie instead of the session's (hooks/trie-source.ts). The live
 * session keeps running underneath, untouched. While the recording loads: its progress; if it
 * fails: why (Cancel / Back to live here, Close recording in the header).
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { TrieSourceContext, type TrieSource } from '../../hooks/trie-source';
import { formatCount } from '../../lib/format';
import { useExplorerStore } from '../../stores/explorer-store';
import { usePrefsStore } from '../../stores/prefs-store';
import { closeRecording, useTimeTravelStore } from '../../stores/time-travel-store';
import type { RecordingSource } from '../../core/recording-source';
import { TimeBar } from './time-bar';
import styles from './time-travel.module.css';

function Loading() {
  const { name, loaded, total } = useTimeTravelStore();
  const percent = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
  return (
    <div className={styles.loading} aria-busy="true">
      <h2 className={styles.loadingTitle}>Opening “{name}”…</h2>
      <progress className={styles.progress} aria-label="Opening recording" max={100} value={percent} />
      <p className={styles.loadingNote}>
        {formatCount(loaded)} of {formatCount(total)} messages read and indexed
      </p>
      <button type="button" className="btn" onClick={closeRecording}>
        Cancel
      </button>
    </div>
  );
}

function Failed({ error }: { error: string }) {
  return (
    <div className={styles.loading}>
      <p role="alert" className={styles.error}>
        {error}
      </p>
      <button type="button" className="btn" onClick={closeRecording}>
        Back to live
      </button>
    </div>
  );
}

/** Keeps the source's focused topic (full history) on the Explorer's selection, and its history size on the user's. */
function useFollowExplorer(source: RecordingSource) {
  const selected = useExplorerStore((s) => s.selected);
  const historyLimit = usePrefsStore((s) => s.historyLimit);
  useEffect(() => source.setFocus(selected), [source, selected]);
  useEffect(() => source.setHistoryLimit(historyLimit), [source, historyLimit]);
}

function OpenRecording({ source, explorer }: { source: RecordingSource; explorer: ReactNode }) {
  useFollowExplorer(source);
  const player = useTimeTravelStore((s) => s.player)!;
  const figures = useTimeTravelStore((s) => s.figures);
  // The rows' rates (Show rates) are the recording's, as of the slider's time.
  const context = useMemo<TrieSource>(() => ({ trie: source.trie, recording: true, rates: figures?.subtreeRates(source) }), [source, figures]);
  return (
    <div className={styles.frame}>
      <TimeBar source={source} player={player} />
      <div className={styles.explorer}>
        <TrieSourceContext.Provider value={context}>{explorer}</TrieSourceContext.Provider>
      </div>
    </div>
  );
}

export default function TimeTravelExplorer({ explorer }: { explorer: ReactNode }) {
  const phase = useTimeTravelStore((s) => s.phase);
  const source = useTimeTravelStore((s) => s.source);
  const error = useTimeTravelStore((s) => s.error);
  if (phase === 'loading') return <Loading />;
  if (phase === 'error') return <Failed error={error ?? 'The recording could not be opened.'} />;
  if (phase === 'open' && source) return <OpenRecording source={source} explorer={explorer} />;
  return <>{explorer}</>;
}

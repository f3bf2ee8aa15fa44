/**
 * Time travel (issue 12): which recording is open in the Explorer, if any. Low-rate state only
 * (opening, progress a few times a second, open, closed); the recording's messages, its index and
 * the trie the Explorer reads live in the RecordingSource (core/recording-source.ts) held here,
 * read with useModel. Opening is done by features/recordings/open-recording.ts; the Explorer
 * route (app/explorer-route.tsx) shows the recording while one is open.
 */
import { create } from 'zustand';
import type { RecordingPlayer } from '../core/recording-player';
import type { RecordingSource } from '../core/recording-source';
import type { RecordingFigures } from '../core/recording-figures';
import { useExplorerStore, type ExplorerState } from './explorer-store';

export interface TimeTravelState {
  /** closed: the Explorer shows the live broker. */
  phase: 'closed' | 'loading' | 'open' | 'error';
  recordingId?: string;
  name?: string;
  /** Messages read so far while loading, of `total`. */
  loaded: number;
  total: number;
  error?: string;
  source?: RecordingSource;
  /** The recording's chart series and traffic figures (Charts, Traffic, the Explorer's rates). */
  figures?: RecordingFigures;
  player?: RecordingPlayer;
}

export const useTimeTravelStore = create<TimeTravelState>(() => ({ phase: 'closed', loaded: 0, total: 0 }));

/** The live Explorer's selection and expansion, put back when the recording closes. */
let liveExplorer: Pick<ExplorerState, 'selected' | 'expanded'> | undefined;

/** A load starts (any earlier one or open recording is replaced). */
export function timeTravelLoading(recordingId: string, name: string, total: number): void {
  const was = useTimeTravelStore.getState();
  was.player?.pause();
  was.figures?.dispose();
  if (was.phase === 'closed') {
    const { selected, expanded } = useExplorerStore.getState();
    liveExplorer = { selected, expanded };
  }
  useTimeTravelStore.setState({ phase: 'loading', recordingId, name, loaded: 0, total, error: undefined, source: undefined, player: undefined, figures: undefined }, true);
}

export function timeTravelProgress(recordingId: string, loaded: number): void {
  if (useTimeTravelStore.getState().recordingId === recordingId) useTimeTravelStore.setState({ loaded });
}

export function timeTravelOpened(recordingId: string, source: RecordingSource, player: RecordingPlayer, figures?: RecordingFigures): void {
  if (useTimeTravelStore.getState().recordingId !== recordingId) return figures?.dispose();
  useTimeTravelStore.setState({ phase: 'open', source, player, figures, loaded: source.length });
}

export function timeTravelFailed(recordingId: string, error: string): void {
  if (useTimeTravelStore.getState().recordingId !== recordingId) return;
  useTimeTravelStore.setState({ phase: 'error', error });
}

/** Back to live: playback stops, the recording is let go, the live Explorer's selection comes back. */
export function closeRecording(): void {
  const was = useTimeTravelStore.getState();
  if (was.phase === 'closed') return;
  was.player?.pause();
  was.figures?.dispose();
  useTimeTravelStore.setState({ phase: 'closed', loaded: 0, total: 0 }, true);
  if (liveExplorer) useExplorerStore.setState(liveExplorer);
  liveExplorer = undefined;
}

/**
 * Where the Charts view's charts read their points: the session's series store (live), or,
 * while a recording is open (time travel), the recording's series (core/recording-series.ts)
 * with its time as the charts' now — each chart shows its time window ending at the slider's
 * time, as a dashboard tool's "last 5 minutes" ends at a chosen time.
 */
import { useMemo } from 'react';
import type { SeriesSource } from '../../core/series-store';
import type { TopicTrie } from '../../core/topic-trie';
import type { ChartTimeline } from '../../components/live-chart/live-chart';
import { session } from '../../mqtt/session';
import { formatClock, formatCount, plural } from '../../lib/format';
import { useTimeTravelStore } from '../../stores/time-travel-store';

export interface ChartSource {
  store: SeriesSource;
  /** The open recording's tree (the New chart dialog suggests its topics and fields). */
  trie?: TopicTrie;
  timeline?: ChartTimeline;
  /** The open recording's name, when the charts show one. */
  recording?: string;
}

export function useChartSource(): ChartSource {
  const phase = useTimeTravelStore((s) => s.phase);
  const source = useTimeTravelStore((s) => s.source);
  const figures = useTimeTravelStore((s) => s.figures);
  const name = useTimeTravelStore((s) => s.name);
  return useMemo<ChartSource>(() => {
    if (phase !== 'open' || !source || !figures) return { store: session.series };
    const timeline: ChartTimeline = {
      now: () => source.time,
      version: () => source.version,
      start: () => source.start,
      status: (points, refs) => {
        let pending = 0;
        let thinned = false;
        for (const ref of refs) {
          const p = figures.series.progress(ref);
          if (!p) continue;
          pending += p.total - p.read;
          thinned ||= p.downsampled;
        }
        const upTo = `${plural(points, 'point')} up to ${formatClock(source.time)}${thinned ? ' (downsampled)' : ''}`;
        return pending > 0 ? `Reading the recording (${formatCount(pending)} messages to go) · ${upTo}` : `Recording “${name}” · ${upTo}`;
      },
    };
    return { store: figures.series, timeline, recording: name, trie: source.trie };
  }, [phase, source, figures, name]);
}

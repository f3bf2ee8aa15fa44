/**
 * What the Traffic view reads: the live traffic model (core/traffic.ts), or, while a recording
 * is open (time travel), the recording's figures as of the slider's time
 * (core/recording-traffic.ts). One shape for both, so the view does not care which.
 */
import type { RecordingFigures } from '../../core/recording-figures';
import type { RecordingSource } from '../../core/recording-source';
import type { SilentTopic, TrafficColumns, TrafficModel } from '../../core/traffic';

export interface TrafficReading {
  /** The columns Top talkers reads, as of `now()`. */
  columns(): TrafficColumns;
  /** The time the figures are for: the clock, or the slider's time on a recording. */
  now(): number;
  overall(): { msgRate: number; byteRate: number };
  topicCount(): number;
  silent(limit?: number): { rows: SilentTopic[]; total: number };
  /** The open recording's name (undefined: live). */
  recording?: string;
}

export function liveReading(traffic: TrafficModel): TrafficReading {
  return {
    columns: () => traffic,
    now: () => Date.now(),
    overall: () => traffic.overall(),
    topicCount: () => traffic.topicCount,
    silent: (limit) => traffic.silentTopics(Date.now(), limit),
  };
}

export function recordingReading(source: RecordingSource, figures: RecordingFigures, name: string): TrafficReading {
  const at = () => figures.traffic.at(source.time);
  return {
    columns: () => at().totals(),
    now: () => source.time,
    overall: () => at().overall(),
    topicCount: () => at().topicCount,
    silent: (limit) => at().silentTopics(limit),
    recording: name,
  };
}

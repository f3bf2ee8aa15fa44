/**
 * One-click snapshots of the Top talkers table: CSV (every text cell through csvCell: quoted
 * when needed, and a leading apostrophe on text a spreadsheet would run as a formula) and JSON.
 */
import { csvCell } from '../../components/live-chart/csv';
import type { TalkerRow } from '../../core/top-talkers';
import type { SilentTopic } from '../../core/traffic';

export interface SnapshotContext {
  /** When it was taken (ms since epoch). */
  time: number;
  broker?: string;
  /** The Group by pattern ('' for whole topics). */
  groupBy: string;
  filter: string;
}

const COLUMNS = [
  'topic',
  'topics',
  'messages_per_s_10s',
  'messages_per_s_1min',
  'bytes_per_s_10s',
  'bytes_per_s_1min',
  'total_bytes',
  'largest_payload_bytes',
  'last_seen',
] as const;

const round = (n: number) => Math.round(n * 100) / 100;
const iso = (t: number) => (t > 0 ? new Date(t).toISOString() : '');

export function talkersCsv(rows: readonly TalkerRow[], ctx: SnapshotContext): string {
  const first = ctx.groupBy ? `group (${ctx.groupBy})` : COLUMNS[0];
  const lines = [[csvCell(first), ...COLUMNS.slice(1)].join(',')];
  for (const r of rows) {
    lines.push(
      [
        csvCell(r.key),
        String(r.topics),
        String(round(r.msgRate)),
        String(round(r.msgRate60)),
        String(round(r.byteRate)),
        String(round(r.byteRate60)),
        String(r.totalBytes),
        String(r.largest),
        iso(r.lastSeen),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function trafficJson(rows: readonly TalkerRow[], silent: readonly SilentTopic[], ctx: SnapshotContext): string {
  return `${JSON.stringify(
    {
      format: 'switchyard-traffic',
      version: 1,
      time: new Date(ctx.time).toISOString(),
      ...(ctx.broker ? { broker: ctx.broker } : {}),
      groupBy: ctx.groupBy || null,
      filter: ctx.filter || null,
      topTalkers: rows.map((r) => ({
        [ctx.groupBy ? 'group' : 'topic']: r.key,
        topics: r.topics,
        messagesPerSecond: round(r.msgRate),
        messagesPerSecond1min: round(r.msgRate60),
        bytesPerSecond: round(r.byteRate),
        bytesPerSecond1min: round(r.byteRate60),
        totalBytes: r.totalBytes,
        largestPayloadBytes: r.largest,
        lastSeen: iso(r.lastSeen) || null,
        messagesPerSecondLastMinute: r.spark,
      })),
      silentTopics: silent.map((s) => ({
        topic: s.topic,
        reason: s.reason,
        usualIntervalMs: s.interval ?? null,
        lastHeard: iso(s.lastSeen) || null,
        ...(s.status !== undefined ? { status: s.status } : {}),
      })),
    },
    null,
    2,
  )}\n`;
}

/** traffic-2026-12-01T16-40-00-000Z.csv */
export function snapshotName(time: number, ext: 'csv' | 'json'): string {
  return `traffic-${new Date(time).toISOString().replace(/[:.]/g, '-')}.${ext}`;
}

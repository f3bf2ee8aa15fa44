/** How the Traffic view writes rates, sizes and ages. */
export { formatRate } from '../../lib/format-rate';
import { formatBytesIEC } from '../../lib/format-bytes';

/** 512 B/s, 1.5 KiB/s. */
export function formatByteRate(perSecond: number): string {
  if (perSecond > 0 && perSecond < 10) return `${perSecond.toFixed(1)} B/s`;
  return `${formatBytesIEC(Math.round(perSecond))}/s`;
}

export function formatBytes(n: number): string {
  return formatBytesIEC(n);
}

/** "3 s ago", "4 min ago", "2 h ago"; "never" for 0. */
export function formatAgo(time: number, now: number): string {
  if (time === 0) return 'never';
  return `${formatDuration(Math.max(0, now - time))} ago`;
}

/** 800 ms, 1 s, 2.5 s, 4 min, 1.5 h. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 10) return `${Number(s.toFixed(1))} s`;
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Number((s / 3600).toFixed(1))} h`;
  return `${Math.round(s / 86_400)} d`;
}

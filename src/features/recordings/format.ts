/** How the Recordings table writes times and durations. */

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-12-01 14:03:27 (local time). */
export function formatStart(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 0.4 s, 12 s, 3 min 05 s, 2 h 04 min. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.floor(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${pad(Math.floor(s % 60))} s`;
  return `${Math.floor(m / 60)} h ${pad(m % 60)} min`;
}

/** The size cap as typed ("Size cap (MB)"): 0.1 to 100,000 MB, at most one decimal; an error message, or the bytes. */
export function parseCapMb(text: string): { bytes: number } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'Enter the size cap in MB (0.1 to 100000).' };
  if (!/^\d+(\.\d)?$/.test(t)) return { error: 'The size cap is a number of MB with at most one decimal (0.1 to 100000).' };
  const mb = Number(t);
  if (mb < 0.1 || mb > 100_000) return { error: 'The size cap must be from 0.1 to 100000 MB.' };
  return { bytes: Math.round(mb * 1024 * 1024) };
}

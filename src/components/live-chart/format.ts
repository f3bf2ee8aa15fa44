/** Number formatting and file-name stamps for charts (clock times: lib/format.ts). */

const valueFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
const bigFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** 21.5, 1,013.2, 0.003; '—' for missing values. */
export function formatValue(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (Math.abs(v) >= 1e9 || (v !== 0 && Math.abs(v) < 1e-3)) return v.toExponential(2);
  return (Math.abs(v) >= 1000 ? bigFormat : valueFormat).format(v);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 20250114-140327, for file names. */
export function fileStamp(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

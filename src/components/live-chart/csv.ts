/**
 * CSV export of buffered series: `time` in ISO 8601 (UTC), then one column per
 * series. Rows follow time; a row holds the values of every series that has a
 * point at that exact time, other cells stay empty.
 */
import type { SeriesPoint } from '../../core/series-store';

export interface CsvSeries {
  label: string;
  points: readonly SeriesPoint[];
}

/** Quotes a cell when needed, and defuses text a spreadsheet would run as a formula. */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function buildCsv(series: readonly CsvSeries[]): string {
  const lines = [['time', ...series.map((s) => csvCell(s.label))].join(',')];
  const cursor = series.map(() => 0);
  const width = series.length;
  for (;;) {
    // Next time: the smallest unread point over all series (each series is in time order).
    let t = Infinity;
    for (let i = 0; i < width; i++) {
      const p = series[i].points[cursor[i]];
      if (p && p.t < t) t = p.t;
    }
    if (t === Infinity) break;
    const cells = new Array<string>(width).fill('');
    for (let i = 0; i < width; i++) {
      const p = series[i].points[cursor[i]];
      if (p && p.t === t) {
        cells[i] = String(p.v);
        cursor[i]++;
      }
    }
    lines.push(`${new Date(t).toISOString()},${cells.join(',')}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Lets the browser download `text` as a file. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe slug of a chart title. */
export function slugify(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[^\w\s-]+/g, '-')
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return s.slice(0, 60) || 'chart';
}

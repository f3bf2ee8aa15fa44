/** Shared formatters (numbers, clock times, sizes): Intl objects are costly to create, so each is made once. */
const numberFormat = new Intl.NumberFormat();

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function plural(n: number, word: string): string {
  return `${numberFormat.format(n)} ${word}${n === 1 ? '' : 's'}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 14:03:27 (local time, hours 00 to 23): the one clock format of the app. */
export function formatClock(t: number): string {
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 14:03:27.123 (local time), where messages are told apart by the millisecond. */
export function formatTime(t: number): string {
  return `${formatClock(t)}.${pad(new Date(t).getMilliseconds(), 3)}`;
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

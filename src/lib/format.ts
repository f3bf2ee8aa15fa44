/** Shared formatters: Intl objects are costly to create, so each is made once. */
const numberFormat = new Intl.NumberFormat();
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function plural(n: number, word: string): string {
  return `${numberFormat.format(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** 14:03:27.123 */
export function formatTime(t: number): string {
  return `${timeFormat.format(t)}.${String(Math.floor(t % 1000)).padStart(3, '0')}`;
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

/** Sizes in binary units as people read them: 512 B, 64 KiB, 1 MiB, 1.5 MiB, 9.54 MiB. */
export function formatBytesIEC(n: number): string {
  if (n < 1024) return `${n} B`;
  const [value, unit] = n < 1024 * 1024 ? [n / 1024, 'KiB'] : n < 1024 ** 3 ? [n / 1024 / 1024, 'MiB'] : [n / 1024 ** 3, 'GiB'];
  const digits = value >= 100 || Number.isInteger(value) ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))} ${unit}`;
}

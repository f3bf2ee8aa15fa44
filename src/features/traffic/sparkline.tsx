/** A tiny inline chart of messages per second over the last minute (one SVG path, no library). */
const W = 80;
const H = 18;

export function Sparkline({ values }: { values: readonly number[] }) {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const step = values.length > 1 ? W / (values.length - 1) : W;
  let d = '';
  values.forEach((v, i) => {
    const x = (i * step).toFixed(1);
    const y = (H - 1 - (max > 0 ? (v / max) * (H - 2) : 0)).toFixed(1);
    d += `${i === 0 ? 'M' : 'L'}${x} ${y}`;
  });
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false" style={{ display: 'block', overflow: 'visible' }}>
      <path d={d} fill="none" stroke="var(--accent)" strokeWidth="1.4" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}

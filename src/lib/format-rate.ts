import { formatCount } from './format';

/** Messages per second as people read them: 0, 0.3, 4.5, 12, 1,234. */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0';
  if (perSecond < 10) return perSecond.toFixed(1);
  return formatCount(Math.round(perSecond));
}

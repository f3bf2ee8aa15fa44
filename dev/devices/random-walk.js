/**
 * A bounded random walk that drifts back towards its centre, for plausible sensor values.
 * @param {{ start: number, min: number, max: number, step: number, pull?: number,
 *   decimals?: number, random?: () => number }} options
 * @returns {() => number} each call takes one step and returns the rounded value
 */
export function randomWalk({ start, min, max, step, pull = 0.05, decimals = 1, random = Math.random }) {
  const centre = start;
  let value = start;
  const scale = 10 ** decimals;
  return () => {
    value += (random() * 2 - 1) * step + (centre - value) * pull;
    value = Math.min(max, Math.max(min, value));
    return Math.round(value * scale) / scale;
  };
}

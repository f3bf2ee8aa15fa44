/**
 * The rows' subtree rates (core/subtree-rates.ts): sampled once a second by app/live.ts; rows
 * read them with useModel while "Show rates" is on.
 */
import { SubtreeRates } from '../../core/subtree-rates';
import type { RateReader } from '../../hooks/trie-source';

export const rowRates = new SubtreeRates();

/** The live broker's rates as the rows read them (an open recording brings its own, hooks/trie-source.ts). */
export const liveRates: RateReader = { model: rowRates, rateOf: (node) => rowRates.rateOf(node) };

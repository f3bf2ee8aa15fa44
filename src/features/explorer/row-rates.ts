/**
 * The rows' subtree rates (core/subtree-rates.ts): sampled once a second by app/live.ts; rows
 * read them with useModel while "Show rates" is on.
 */
import { SubtreeRates } from '../../core/subtree-rates';

export const rowRates = new SubtreeRates();

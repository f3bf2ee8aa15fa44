import { useMemo } from 'react';
import type { RowList } from '../../core/tree-rows';
import { sortRowsByRate } from '../../core/rate-order';
import { useModel } from '../../hooks/use-model';
import { useExplorerRatesStore } from '../../stores/explorer-rates-store';
import { useTrieSource } from '../../hooks/trie-source';
import { rowRates } from './row-rates';

/** The tree's rows, or with "Sort by rate" on, the same rows busiest first among siblings (re-sorted at each 1 Hz sample). */
export function useRateOrder(rows: RowList): RowList {
  // Rates are live only: an open recording's rows keep their natural order (time travel).
  const recording = useTrieSource().recording;
  const sort = useExplorerRatesStore((s) => s.sort) && !recording;
  const sampled = useModel(rowRates, (r) => (sort ? r.version : 0));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- sampled: the rates changed (the model is mutated in place)
  return useMemo(() => (sort ? sortRowsByRate(rows, (node) => rowRates.rateOf(node)) : rows), [rows, sort, sampled]);
}

import { useMemo } from 'react';
import type { RowList } from '../../core/tree-rows';
import { sortRowsByRate } from '../../core/rate-order';
import { useLiveModel } from '../../hooks/use-model';
import { useExplorerRatesStore } from '../../stores/explorer-rates-store';
import { useTrieSource } from '../../hooks/trie-source';
import { liveRates } from './row-rates';

/** The tree's rows, or with "Sort by rate" on, the same rows busiest first among siblings (re-sorted at each 1 Hz sample). */
export function useRateOrder(rows: RowList): RowList {
  // On an open recording (time travel) the recording's rates, as of the slider's time.
  const rates = useTrieSource().rates ?? liveRates;
  const sort = useExplorerRatesStore((s) => s.sort);
  // At most 10 re-sorts a second (Play moves a recording every frame).
  const sampled = useLiveModel(rates.model, (r) => (sort ? r.getVersion() : 0));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- sampled: the rates changed (the model is mutated in place)
  return useMemo(() => (sort ? sortRowsByRate(rows, (node) => rates.rateOf(node)) : rows), [rows, sort, sampled, rates]);
}

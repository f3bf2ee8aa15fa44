import type { TopicNode } from '../../core/topic-node';
import { useLiveModel } from '../../hooks/use-model';
import { formatRate } from '../../lib/format-rate';
import { useTrieSource } from '../../hooks/trie-source';
import { liveRates } from './row-rates';
import styles from './row-rate.module.css';

/**
 * A row's messages/s (its whole subtree), part of the row's description; follows the 1 Hz samples on its own
 * (on an open recording: the 10 s ending at the slider's time, following the slider at most 10 times a second, as the tree).
 */
export function RowRate({ node, id }: { node: TopicNode; id: string }) {
  const rates = useTrieSource().rates ?? liveRates;
  const rate = useLiveModel(rates.model, () => rates.rateOf(node));
  return (
    <span id={id} className={rate ? `${styles.rate} ${styles.busy}` : styles.rate} aria-hidden="true" title="Messages per second over the last 10 s (this topic and everything below it)">
      {rate === undefined ? '… msg/s' : `${formatRate(rate)} msg/s`}
    </span>
  );
}

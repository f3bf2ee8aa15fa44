import { setShowRates, setSortByRate, useExplorerRatesStore } from '../../stores/explorer-rates-store';
import { useTrieSource } from '../../hooks/trie-source';

/** Explorer toolbar: Show rates (msg/s of each row's subtree) and Sort by rate (busiest siblings first). */
export function RatesToggles() {
  const { show, sort } = useExplorerRatesStore();
  // Rates are measured on the live broker: an open recording (time travel) does not have them.
  const recording = useTrieSource().recording;
  if (recording) {
    return <span style={{ fontSize: 'var(--fs-sm)', color: 'var(--text-muted)', whiteSpace: 'nowrap' }}>Rates: live only</span>;
  }
  return (
    <>
      <label className="check" style={{ fontSize: 'var(--fs-sm)', whiteSpace: 'nowrap' }}>
        <input type="checkbox" checked={show} onChange={(e) => setShowRates(e.target.checked)} /> Show rates
      </label>
      {show && (
        <label className="check" style={{ fontSize: 'var(--fs-sm)', whiteSpace: 'nowrap' }} title="Busiest first among siblings, re-sorted once a second">
          <input type="checkbox" checked={sort} onChange={(e) => setSortByRate(e.target.checked)} /> Sort by rate
        </label>
      )}
    </>
  );
}

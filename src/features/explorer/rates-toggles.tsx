import { setShowRates, setSortByRate, useExplorerRatesStore } from '../../stores/explorer-rates-store';
import { useTrieSource } from '../../hooks/trie-source';

/** Explorer toolbar: Show rates (msg/s of each row's subtree) and Sort by rate (busiest siblings first). */
export function RatesToggles() {
  const { show, sort } = useExplorerRatesStore();
  // On an open recording (time travel) the rates are the recording's, over the 10 s ending at the slider's time.
  const recording = useTrieSource().recording;
  return (
    <>
      <label className="check" style={{ fontSize: 'var(--fs-sm)', whiteSpace: 'nowrap' }}>
        <input type="checkbox" checked={show} onChange={(e) => setShowRates(e.target.checked)} /> Show rates
      </label>
      {show && (
        <label className="check" style={{ fontSize: 'var(--fs-sm)', whiteSpace: 'nowrap' }} title={recording ? 'Busiest first among siblings over the 10 s ending at the slider’s time' : 'Busiest first among siblings, re-sorted once a second'}>
          <input type="checkbox" checked={sort} onChange={(e) => setSortByRate(e.target.checked)} /> Sort by rate
        </label>
      )}
    </>
  );
}

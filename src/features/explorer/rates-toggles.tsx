import { setShowRates, setSortByRate, useExplorerRatesStore } from '../../stores/explorer-rates-store';

/** Explorer toolbar: Show rates (msg/s of each row's subtree) and Sort by rate (busiest siblings first). */
export function RatesToggles() {
  const { show, sort } = useExplorerRatesStore();
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

import { useEffect, useMemo, useState } from 'react';
import { useLocation } from '../../hooks/use-navigation';
import { useChartsStore } from '../../stores/charts-store';
import { SeriesDialog } from './series-dialog';
import { ChartCard } from './chart-card';
import { useChartSource } from './use-chart-source';
import { TrieSourceContext, type TrieSource } from '../../hooks/trie-source';
import { Icon } from '../../components/icons';
import styles from './charts.module.css';

/**
 * The Charts view: every configured chart, live. `/charts#<chartId>` scrolls to
 * and highlights that chart (what "Chart this topic" in the Explorer opens).
 */
export function ChartsView() {
  const charts = useChartsStore((s) => s.charts);
  const location = useLocation();
  const [creating, setCreating] = useState(false);
  const source = useChartSource();
  const trieSource = useMemo<TrieSource | null>(() => (source.trie ? { trie: source.trie, recording: true } : null), [source.trie]);
  const [focusId, setFocusId] = useState<string | null>(() => decodeURIComponent(location.hash.slice(1)) || null);
  useEffect(() => {
    if (location.hash) setFocusId(decodeURIComponent(location.hash.slice(1)));
  }, [location.hash]);
  useEffect(() => {
    if (!focusId) return;
    const t = setTimeout(() => setFocusId(null), 2500);
    return () => clearTimeout(t);
  }, [focusId]);

  // On an open recording the New chart / Add series dialogs suggest the recording's topics and fields.
  return (
    <TrieSourceContext.Provider value={trieSource}>
      <div className={styles.view}>
        <header className={styles.viewHead}>
          <div>
            <h2 className={styles.viewTitle}>Charts</h2>
            <p className={styles.viewLead}>
              {source.recording !== undefined
                ? `Readings of the open recording “${source.recording}”: each chart’s time window ends at the slider’s time.`
                : 'Live numeric readings and JSON fields. Points keep recording while you are in other views.'}
            </p>
          </div>
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            <Icon name="plus" size={14} strokeWidth={2} /> New chart
          </button>
        </header>
        {charts.length === 0 ? (
          <div className={styles.empty}>
            <svg viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
              <path d="M4 19h16M5 15l4-5 4 3 6-8" />
            </svg>
            <h3>No charts yet</h3>
            <p>
              Use <strong>New chart</strong> to plot a topic that publishes numbers (<code>21.5</code>,{' '}
              <code>21.5 °C</code>, <code>on</code>/<code>off</code>) or a numeric field inside JSON. In the Explorer,
              <strong> Chart this topic</strong> does the same for the selected topic.
            </p>
          </div>
        ) : (
          <div className={styles.grid}>
            {charts.map((c) => (
              <ChartCard key={c.id} chart={c} highlight={c.id === focusId} source={source} />
            ))}
          </div>
        )}
        {creating && (
          <SeriesDialog
            onClose={() => setCreating(false)}
            onSaved={(id) => {
              setCreating(false);
              setFocusId(id);
            }}
          />
        )}
      </div>
    </TrieSourceContext.Provider>
  );
}

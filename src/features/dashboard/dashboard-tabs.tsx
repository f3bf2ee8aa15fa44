import { useRef, type KeyboardEvent } from 'react';
import type { Dashboard } from '../../core/dashboard-schema';
import { selectDashboard } from '../../stores/dashboard-store';
import { Icon } from '../../components/icons';
import styles from './dashboard.module.css';

/** The dashboards as tabs (arrow keys move between them), plus New dashboard. */
export function DashboardTabs({ dashboards, activeId, onNew }: { dashboards: Dashboard[]; activeId: string | undefined; onNew: () => void }) {
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = dashboards.findIndex((d) => d.id === activeId);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % dashboards.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + dashboards.length) % dashboards.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = dashboards.length - 1;
    if (next < 0 || !dashboards[next]) return;
    e.preventDefault();
    selectDashboard(dashboards[next].id);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());
  };
  return (
    <div className={styles.tabsRow}>
      {dashboards.length > 0 && (
        <div ref={listRef} role="tablist" aria-label="Dashboards" className={styles.tabs} onKeyDown={onKeyDown}>
          {dashboards.map((d) => {
            const selected = d.id === activeId;
            return (
              <button
                key={d.id}
                type="button"
                role="tab"
                aria-selected={selected}
                aria-controls="dashboard-panel"
                tabIndex={selected ? 0 : -1}
                className={styles.tab}
                onClick={() => selectDashboard(d.id)}
                title={d.name}
              >
                {d.name}
              </button>
            );
          })}
        </div>
      )}
      <button type="button" className={`btn btn-ghost btn-sm ${styles.newTab}`} onClick={onNew}>
        <Icon name="plus" size={14} /> New dashboard
      </button>
    </div>
  );
}

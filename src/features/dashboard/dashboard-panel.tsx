import type { Dashboard } from '../../core/dashboard-schema';
import { DashboardGrid } from './dashboard-grid';
import type { OpenDialog } from './dashboard-open-dialog';
import { Icon } from '../../components/icons';
import styles from './dashboard.module.css';

interface Props {
  dashboard: Dashboard | undefined;
  editing: boolean;
  onOpen: (open: OpenDialog) => void;
}

/** The shown dashboard's tab panel: its widgets, or what to do when there are none (or no dashboard). */
export function DashboardPanel({ dashboard, editing, onOpen }: Props) {
  return (
    <div id="dashboard-panel" role={dashboard ? 'tabpanel' : undefined} aria-label={dashboard?.name} className={styles.main}>
      {!dashboard ? (
        <div className={styles.empty}>
          <Icon name="layout" size={40} />
          <h2>No dashboards</h2>
          <p>Create a dashboard with New dashboard, or bring one in with Import dashboard.</p>
        </div>
      ) : dashboard.widgets.length === 0 ? (
        <div className={styles.empty}>
          <Icon name="layout" size={40} />
          <h2>No widgets on {dashboard.name} yet</h2>
          <p>
            Use <strong>Add widget</strong> for a switch, button, slider, gauge, value or chart, or add a device from{' '}
            <strong>Discovered devices</strong> in one click.
          </p>
        </div>
      ) : (
        <DashboardGrid
          dashboard={dashboard}
          editing={editing}
          onEdit={(widget) => onOpen({ kind: 'edit', widget })}
          onDelete={(widget) => onOpen({ kind: 'delete-widget', widget })}
        />
      )}
    </div>
  );
}

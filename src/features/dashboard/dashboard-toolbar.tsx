import { useRef } from 'react';
import type { Dashboard } from '../../core/dashboard-schema';
import { importDashboard, useDashboardStore } from '../../stores/dashboard-store';
import { DashboardTabs } from './dashboard-tabs';
import { downloadDashboard, readDashboardFile } from './import-export';
import type { OpenDialog } from './dashboard-open-dialog';
import type { Notice } from './dashboard-notice';
import { Icon } from '../../components/icons';
import styles from './dashboard.module.css';

interface Props {
  dashboards: Dashboard[];
  dashboard: Dashboard | undefined;
  editing: boolean;
  onToggleEditing: () => void;
  onOpen: (open: OpenDialog) => void;
  onNotice: (notice: Notice) => void;
}

/** The dashboards as tabs, then Import, Export, Edit layout / Done and Add widget. */
export function DashboardToolbar({ dashboards, dashboard, editing, onToggleEditing, onOpen, onNotice }: Props) {
  return (
    <header className={styles.toolbar}>
      <DashboardTabs dashboards={dashboards} activeId={dashboard?.id} onNew={() => onOpen({ kind: 'new-dashboard' })} />
      <div className={styles.toolbarActions}>
        <ImportDashboardButton onNotice={onNotice} />
        <button type="button" className="btn" disabled={!dashboard} onClick={() => dashboard && downloadDashboard(dashboard)}>
          <Icon name="download" size={15} /> Export dashboard
        </button>
        <button type="button" className={`btn ${editing ? 'btn-primary' : ''}`} disabled={!dashboard} aria-pressed={editing} onClick={onToggleEditing}>
          {editing ? <Icon name="check" size={15} /> : <Icon name="layout" size={15} />}
          {editing ? 'Done' : 'Edit layout'}
        </button>
        <button type="button" className="btn btn-primary" disabled={!dashboard} onClick={() => onOpen({ kind: 'add' })}>
          <Icon name="plus" size={15} /> Add widget
        </button>
      </div>
    </header>
  );
}

/** Import dashboard: picks a file, validates it before anything changes, and says what came of it. */
function ImportDashboardButton({ onNotice }: { onNotice: (notice: Notice) => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
        <Icon name="upload" size={15} /> Import dashboard
      </button>
      <input
        ref={fileRef}
        type="file"
        accept="application/json,.json"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importDashboardFile(file).then(onNotice);
          e.target.value = '';
        }}
      />
    </>
  );
}

/** Reads, checks and adds an imported dashboard; the notice names it and what will ask before it sends. */
async function importDashboardFile(file: File): Promise<Notice> {
  const parsed = await readDashboardFile(file);
  if (!parsed.ok) return { kind: 'error', text: `Import failed: ${parsed.error}. Nothing was changed.` };
  const r = importDashboard(parsed.dashboard);
  if (!r.ok) return { kind: 'error', text: `Import failed: ${r.error}. Nothing was changed.` };
  const name = useDashboardStore.getState().dashboards.find((d) => d.id === r.id)?.name ?? parsed.dashboard.name;
  const asks =
    parsed.unconfirmed === 0
      ? ''
      : ` ${parsed.unconfirmed === 1 ? '1 widget sends' : `${parsed.unconfirmed} widgets send`} to the broker's own topics ($…) and will ask before the first command.`;
  return { kind: 'ok', text: `Imported ${name} with ${parsed.dashboard.widgets.length} widgets.${asks}` };
}

/** Shown while editing the layout: how to move and resize, and Rename / Delete dashboard. */
export function EditBar({ dashboard, onOpen }: { dashboard: Dashboard; onOpen: (open: OpenDialog) => void }) {
  return (
    <div className={styles.editBar}>
      <span>
        <strong>Editing {dashboard.name}:</strong> drag widgets by their header, resize from the bottom-right corner.
      </span>
      <button type="button" className="btn btn-sm" onClick={() => onOpen({ kind: 'rename-dashboard' })}>
        Rename dashboard
      </button>
      <button type="button" className="btn btn-sm btn-danger" onClick={() => onOpen({ kind: 'delete-dashboard' })}>
        Delete dashboard
      </button>
    </div>
  );
}

import { useState } from 'react';
import { activeDashboard, useDashboardStore } from '../../stores/dashboard-store';
import { DiscoveredDevices } from './discovered-devices';
import { DashboardToolbar, EditBar } from './dashboard-toolbar';
import { NoticeBar, type Notice } from './dashboard-notice';
import { DashboardPanel } from './dashboard-panel';
import { DashboardOpenDialog, type OpenDialog } from './dashboard-open-dialog';
import { useAddWidget } from './use-add-widget';
import styles from './dashboard.module.css';

/** Dashboards of widgets wired to devices: tabs, the grid, discovered devices, and their dialogs. */
export function DashboardScreen() {
  const dashboards = useDashboardStore((s) => s.dashboards);
  const dashboard = useDashboardStore(activeDashboard);
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const add = useAddWidget(dashboard);

  return (
    <div className={styles.view}>
      <DashboardToolbar
        dashboards={dashboards}
        dashboard={dashboard}
        editing={editing}
        onToggleEditing={() => setEditing((e) => !e)}
        onOpen={setOpen}
        onNotice={setNotice}
      />
      {notice && <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />}
      {editing && dashboard && <EditBar dashboard={dashboard} onOpen={setOpen} />}
      <div className={styles.content}>
        <DashboardPanel dashboard={dashboard} editing={editing} onOpen={setOpen} />
        <DiscoveredDevices
          dashboard={dashboard}
          onAdd={(draft) => {
            const r = add(draft);
            if (!r.ok) setNotice({ kind: 'error', text: `Could not add ${draft.label}: ${r.error}` });
          }}
        />
      </div>

      {open && (
        <DashboardOpenDialog open={open} dashboard={dashboard} add={add} onClose={() => setOpen(null)} onDashboardDeleted={() => setEditing(false)} />
      )}
    </div>
  );
}

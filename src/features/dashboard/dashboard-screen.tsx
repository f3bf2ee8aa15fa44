import { useEffect, useRef, useState } from 'react';
import type { Widget } from '../../core/dashboard-schema';
import type { WidgetDraft } from '../../core/ha-discovery';
import {
  activeDashboard,
  addWidget,
  createDashboard,
  deleteDashboard,
  deleteWidget,
  importDashboard,
  renameDashboard,
  updateWidget,
  useDashboardStore,
} from '../../stores/dashboard-store';
import { DashboardTabs } from './dashboard-tabs';
import { DashboardGrid } from './dashboard-grid';
import { DiscoveredDevices } from './discovered-devices';
import { WidgetDialog } from './widget-dialog';
import { emptyForm, formFromWidget } from './widget-form';
import { DeleteDashboardDialog, DeleteWidgetDialog, NameDialog } from './dashboard-dialogs';
import { downloadDashboard, readDashboardFile } from './import-export';
import { Icon } from './icons';
import styles from './dashboard.module.css';

type Open =
  | { kind: 'add' }
  | { kind: 'edit'; widget: Widget }
  | { kind: 'delete-widget'; widget: Widget }
  | { kind: 'new-dashboard' }
  | { kind: 'rename-dashboard' }
  | { kind: 'delete-dashboard' };

type Notice = { kind: 'error' | 'ok'; text: string };

/** Dashboards of widgets wired to devices: tabs, the grid, discovered devices, and their dialogs. */
export function DashboardScreen() {
  const dashboards = useDashboardStore((s) => s.dashboards);
  const dashboard = useDashboardStore(activeDashboard);
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState<Open | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [reveal, setReveal] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const close = () => setOpen(null);

  useEffect(() => {
    if (!reveal) return;
    const el = document.querySelector(`[data-widget-id="${CSS.escape(reveal)}"]`);
    el?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    setReveal(null);
  }, [reveal, dashboard]);

  const add = (draft: WidgetDraft) => {
    if (!dashboard) return { ok: false as const, error: 'Create a dashboard first' };
    const r = addWidget(dashboard.id, draft);
    if (r.ok) setReveal(r.id);
    return r;
  };

  const onImportFile = async (file: File | undefined) => {
    if (!file) return;
    const parsed = await readDashboardFile(file);
    if (!parsed.ok) {
      setNotice({ kind: 'error', text: `Import failed: ${parsed.error}. Nothing was changed.` });
      return;
    }
    const r = importDashboard(parsed.dashboard);
    if (r.ok) {
      const name = useDashboardStore.getState().dashboards.find((d) => d.id === r.id)?.name ?? parsed.dashboard.name;
      const asks =
        parsed.unconfirmed === 0
          ? ''
          : ` ${parsed.unconfirmed === 1 ? '1 widget sends' : `${parsed.unconfirmed} widgets send`} to the broker's own topics ($…) and will ask before the first command.`;
      setNotice({ kind: 'ok', text: `Imported ${name} with ${parsed.dashboard.widgets.length} widgets.${asks}` });
    } else setNotice({ kind: 'error', text: `Import failed: ${r.error}. Nothing was changed.` });
  };

  return (
    <div className={styles.view}>
      <header className={styles.toolbar}>
        <DashboardTabs dashboards={dashboards} activeId={dashboard?.id} onNew={() => setOpen({ kind: 'new-dashboard' })} />
        <div className={styles.toolbarActions}>
          <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
            <Icon name="upload" size={15} /> Import dashboard
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(e) => {
              void onImportFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <button type="button" className="btn" disabled={!dashboard} onClick={() => dashboard && downloadDashboard(dashboard)}>
            <Icon name="download" size={15} /> Export dashboard
          </button>
          <button type="button" className={`btn ${editing ? 'btn-primary' : ''}`} disabled={!dashboard} aria-pressed={editing} onClick={() => setEditing((e) => !e)}>
            {editing ? <Icon name="check" size={15} /> : <Icon name="layout" size={15} />}
            {editing ? 'Done' : 'Edit layout'}
          </button>
          <button type="button" className="btn btn-primary" disabled={!dashboard} onClick={() => setOpen({ kind: 'add' })}>
            <Icon name="plus" size={15} /> Add widget
          </button>
        </div>
      </header>
      {notice && (
        <div role={notice.kind === 'error' ? 'alert' : 'status'} className={styles.notice} data-kind={notice.kind}>
          <Icon name={notice.kind === 'error' ? 'alert' : 'check'} size={15} />
          <span>{notice.text}</span>
          <button type="button" className="btn btn-ghost btn-sm" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ✕
          </button>
        </div>
      )}
      {editing && dashboard && (
        <div className={styles.editBar}>
          <span>
            <strong>Editing {dashboard.name}:</strong> drag widgets by their header, resize from the bottom-right corner.
          </span>
          <button type="button" className="btn btn-sm" onClick={() => setOpen({ kind: 'rename-dashboard' })}>
            Rename dashboard
          </button>
          <button type="button" className="btn btn-sm btn-danger" onClick={() => setOpen({ kind: 'delete-dashboard' })}>
            Delete dashboard
          </button>
        </div>
      )}
      <div className={styles.content}>
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
              onEdit={(widget) => setOpen({ kind: 'edit', widget })}
              onDelete={(widget) => setOpen({ kind: 'delete-widget', widget })}
            />
          )}
        </div>
        <DiscoveredDevices
          dashboard={dashboard}
          onAdd={(draft) => {
            const r = add(draft);
            if (!r.ok) setNotice({ kind: 'error', text: `Could not add ${draft.label}: ${r.error}` });
          }}
        />
      </div>

      {open?.kind === 'add' && (
        <WidgetDialog
          title="Add widget"
          initial={emptyForm('switch')}
          onCancel={close}
          onSave={(draft) => {
            const r = add(draft);
            if (r.ok) close();
            return r;
          }}
        />
      )}
      {open?.kind === 'edit' && dashboard && (
        <WidgetDialog
          title={`Edit ${open.widget.label}`}
          initial={formFromWidget(open.widget)}
          typeLocked
          onCancel={close}
          onSave={(draft) => {
            const r = updateWidget(dashboard.id, open.widget.id, draft);
            if (r.ok) close();
            return r;
          }}
        />
      )}
      {open?.kind === 'delete-widget' && dashboard && (
        <DeleteWidgetDialog
          widget={open.widget}
          onCancel={close}
          onConfirm={() => {
            deleteWidget(dashboard.id, open.widget.id);
            close();
          }}
        />
      )}
      {open?.kind === 'new-dashboard' && (
        <NameDialog
          title="New dashboard"
          initial=""
          onCancel={close}
          onSave={(name) => {
            const r = createDashboard(name);
            if (r.ok) close();
            return r;
          }}
        />
      )}
      {open?.kind === 'rename-dashboard' && dashboard && (
        <NameDialog
          title={`Rename dashboard ${dashboard.name}`}
          initial={dashboard.name}
          onCancel={close}
          onSave={(name) => {
            const r = renameDashboard(dashboard.id, name);
            if (r.ok) close();
            return r;
          }}
        />
      )}
      {open?.kind === 'delete-dashboard' && dashboard && (
        <DeleteDashboardDialog
          dashboard={dashboard}
          onCancel={close}
          onConfirm={() => {
            deleteDashboard(dashboard.id);
            setEditing(false);
            close();
          }}
        />
      )}
    </div>
  );
}

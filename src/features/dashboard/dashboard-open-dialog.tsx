import type { Dashboard, Widget } from '../../core/dashboard-schema';
import type { WidgetDraft } from '../../core/ha-discovery';
import { createDashboard, deleteDashboard, deleteWidget, renameDashboard, updateWidget, type SaveResult } from '../../stores/dashboard-store';
import { WidgetDialog } from './widget-dialog';
import { emptyForm, formFromWidget } from './widget-form';
import { DeleteDashboardDialog, DeleteWidgetDialog, NameDialog } from './dashboard-dialogs';

/** Which of the Dashboard view's dialogs is open (at most one). */
export type OpenDialog =
  | { kind: 'add' }
  | { kind: 'edit'; widget: Widget }
  | { kind: 'delete-widget'; widget: Widget }
  | { kind: 'new-dashboard' }
  | { kind: 'rename-dashboard' }
  | { kind: 'delete-dashboard' };

interface Props {
  open: OpenDialog;
  /** The shown dashboard; the dialogs about it show only while there is one. */
  dashboard: Dashboard | undefined;
  add: (draft: WidgetDraft) => SaveResult;
  onClose: () => void;
  onDashboardDeleted: () => void;
}

/** Closes the dialog when a save went through; hands the result back so the dialog can show an error. */
const closingOnSuccess = (onClose: () => void) => (r: SaveResult) => {
  if (r.ok) onClose();
  return r;
};

/** The open dialog, wired to the dashboard store: each closes itself once its change is saved. */
export function DashboardOpenDialog({ open, dashboard, add, onClose, onDashboardDeleted }: Props) {
  const done = closingOnSuccess(onClose);
  if (open.kind === 'add') {
    return <WidgetDialog title="Add widget" initial={emptyForm('switch')} onCancel={onClose} onSave={(draft) => done(add(draft))} />;
  }
  if (open.kind === 'new-dashboard') {
    return <NameDialog title="New dashboard" initial="" onCancel={onClose} onSave={(name) => done(createDashboard(name))} />;
  }
  if (!dashboard) return null;
  switch (open.kind) {
    case 'edit':
      return (
        <WidgetDialog
          title={`Edit ${open.widget.label}`}
          initial={formFromWidget(open.widget)}
          typeLocked
          onCancel={onClose}
          onSave={(draft) => done(updateWidget(dashboard.id, open.widget.id, draft))}
        />
      );
    case 'delete-widget':
      return (
        <DeleteWidgetDialog
          widget={open.widget}
          onCancel={onClose}
          onConfirm={() => {
            deleteWidget(dashboard.id, open.widget.id);
            onClose();
          }}
        />
      );
    case 'rename-dashboard':
      return (
        <NameDialog
          title={`Rename dashboard ${dashboard.name}`}
          initial={dashboard.name}
          onCancel={onClose}
          onSave={(name) => done(renameDashboard(dashboard.id, name))}
        />
      );
    case 'delete-dashboard':
      return (
        <DeleteDashboardDialog
          dashboard={dashboard}
          onCancel={onClose}
          onConfirm={() => {
            deleteDashboard(dashboard.id);
            onDashboardDeleted();
            onClose();
          }}
        />
      );
  }
}

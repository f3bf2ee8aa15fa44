import { useState } from 'react';
import { Dialog } from '../../components/dialog';
import type { Dashboard, Widget } from '../../core/dashboard-schema';
import type { SaveResult } from '../../stores/dashboard-store';
import { FormDialog } from '../../components/form-dialog';
import { TextField } from './form-fields';
import styles from './dialogs.module.css';

/** New dashboard / Rename dashboard: one field, Save. */
export function NameDialog({
  title,
  initial,
  onCancel,
  onSave,
}: {
  title: string;
  initial: string;
  onCancel: () => void;
  onSave: (name: string) => SaveResult;
}) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string>();
  return (
    <FormDialog
      title={title}
      onCancel={onCancel}
      onSave={() => {
        const r = onSave(name);
        if (!r.ok) setError(r.error);
      }}
    >
      <div className={styles.single}>
        <TextField
          label="Dashboard name"
          value={name}
          onChange={(v) => {
            setName(v);
            setError(undefined);
          }}
          error={error}
          placeholder="Garage"
        />
      </div>
    </FormDialog>
  );
}

export function DeleteWidgetDialog({ widget, onCancel, onConfirm }: { widget: Widget; onCancel: () => void; onConfirm: () => void }) {
  return (
    <Dialog title={`Delete widget ${widget.label}?`} confirmLabel={`Delete widget ${widget.label}`} danger onCancel={onCancel} onConfirm={onConfirm}>
      <p>
        The {widget.type} <strong>{widget.label}</strong> leaves this dashboard. Nothing is sent to the broker and the
        device keeps its state.
      </p>
    </Dialog>
  );
}

export function DeleteDashboardDialog({ dashboard, onCancel, onConfirm }: { dashboard: Dashboard; onCancel: () => void; onConfirm: () => void }) {
  const n = dashboard.widgets.length;
  return (
    <Dialog title={`Delete dashboard ${dashboard.name}?`} confirmLabel={`Delete dashboard ${dashboard.name}`} danger onCancel={onCancel} onConfirm={onConfirm}>
      <p>
        The dashboard <strong>{dashboard.name}</strong> and its {n === 1 ? 'widget' : `${n} widgets`} are removed from this
        browser. Export it first to keep a copy. Nothing changes on the broker.
      </p>
    </Dialog>
  );
}

import { useState } from 'react';
import { FormDialog } from '../../components/form-dialog';
import { Field } from '../../components/field';
import type { RecordingMeta } from '../../lib/recordings-db';

const MAX_NAME = 200;

/** Rename a recording: a non-empty name of at most 200 characters. */
export function RenameDialog({ recording, onSave, onCancel }: { recording: RecordingMeta; onSave: (name: string) => Promise<void>; onCancel: () => void }) {
  const [name, setName] = useState(recording.name);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const save = () => {
    const n = name.trim();
    if (!n) return setError('Enter a name.');
    if (n.length > MAX_NAME) return setError(`At most ${MAX_NAME} characters (this is ${n.length}).`);
    setBusy(true);
    onSave(n).catch((e: unknown) => {
      setBusy(false);
      setFormError(`Could not rename: ${(e as Error)?.message || String(e)}`);
    });
  };
  return (
    <FormDialog title="Rename recording" onCancel={onCancel} onSave={save} busy={busy} formError={formError}>
      <Field label="Name" error={error}>
        {(a) => (
          <input
            {...a}
            className="input"
            value={name}
            autoFocus
            onChange={(e) => {
              setName(e.target.value);
              setError(undefined);
            }}
          />
        )}
      </Field>
    </FormDialog>
  );
}

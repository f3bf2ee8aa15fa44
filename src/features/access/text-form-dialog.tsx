import { useId, useState } from 'react';
import { FormDialog } from '../../components/form-dialog';
import type { DynsecCommand } from '../../core/dynsec';
import { BrokerError } from './broker-error';
import { useRunner } from './use-runner';
import styles from './access.module.css';

export interface TextField {
  label: string;
  type?: 'text' | 'password';
  hint?: string;
  validate: (value: string) => string | null;
}

interface Props {
  title: string;
  intro?: string;
  /** Shown above the fields and tied to password fields (e.g. the password would travel unencrypted). */
  warning?: string;
  fields: TextField[];
  /** Commands for the values typed (in field order) and the message shown once done. */
  build: (values: string[]) => { commands: DynsecCommand[]; done: string };
  onClose: () => void;
  onDone: (message: string) => void;
}

/** A small form (Add client / role / group, Set password) confirmed with Save. */
export function TextFormDialog({ title, intro, warning, fields, build, onClose, onDone }: Props) {
  const baseId = useId();
  const [values, setValues] = useState(() => fields.map(() => ''));
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useRunner(onDone);
  const errors = fields.map((f, i) => f.validate(values[i] ?? ''));
  const submit = () => {
    setTried(true);
    if (errors.some((e) => e)) return;
    const { commands, done } = build(values);
    void run(commands, done);
  };
  return (
    <FormDialog title={title} onSave={submit} onCancel={onClose} busy={busy}>
      {intro && <p>{intro}</p>}
      {warning && (
        <p id={`${baseId}-warning`} className={styles.warning}>
          <span aria-hidden="true">⚠ </span>
          {warning}
        </p>
      )}
      {fields.map((f, i) => {
        const id = `${baseId}-${i}`;
        const err = tried ? errors[i] : null;
        return (
          <div className="field" key={f.label}>
            <label htmlFor={id}>{f.label}</label>
            <input
              id={id}
              className="input"
              type={f.type ?? 'text'}
              autoComplete={f.type === 'password' ? 'new-password' : 'off'}
              spellCheck={false}
              value={values[i]}
              aria-invalid={err ? true : undefined}
              aria-describedby={
                [err ? `${id}-err` : f.hint ? `${id}-hint` : '', warning && f.type === 'password' ? `${baseId}-warning` : ''].filter(Boolean).join(' ') ||
                undefined
              }
              onChange={(e) => setValues((v) => v.map((x, j) => (j === i ? e.target.value : x)))}
            />
            {err ? (
              <span id={`${id}-err`} role="alert" className="field-error">
                {err}
              </span>
            ) : (
              f.hint && (
                <span id={`${id}-hint`} className="field-hint">
                  {f.hint}
                </span>
              )
            )}
          </div>
        );
      })}
      <BrokerError error={error} />
    </FormDialog>
  );
}

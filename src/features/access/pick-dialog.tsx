import { useId, useState } from 'react';
import { FormDialog } from '../../components/form-dialog';
import { parsePriority, type DynsecCommand } from '../../core/dynsec';
import { BrokerError } from './broker-error';
import { useRunner } from './use-runner';

interface Props {
  title: string;
  /** "Role" or "Client". */
  label: string;
  options: string[];
  /** What to say when there is nothing to choose from. */
  emptyText: string;
  build: (choice: string, priority: number | undefined) => { commands: DynsecCommand[]; done: string };
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Choose one existing role or client (plus an optional priority) and Save. */
export function PickDialog({ title, label, options, emptyText, build, onClose, onDone }: Props) {
  const id = useId();
  const [choice, setChoice] = useState(options[0] ?? '');
  const [priority, setPriority] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useRunner(onDone);
  const prio = parsePriority(priority);
  const prioError = tried ? prio.error : undefined;
  const submit = () => {
    setTried(true);
    if (!choice || prio.error) return;
    const { commands, done } = build(choice, prio.value);
    void run(commands, done);
  };
  return (
    <FormDialog title={title} onSave={submit} onCancel={onClose} busy={busy} saveDisabled={options.length === 0}>
      {options.length === 0 ? (
        <p>{emptyText}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-pick`}>{label}</label>
            <select id={`${id}-pick`} className="input" value={choice} onChange={(e) => setChoice(e.target.value)}>
              {options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-prio`}>Priority</label>
            <input
              id={`${id}-prio`}
              className="input"
              inputMode="numeric"
              placeholder="none"
              value={priority}
              aria-invalid={prioError ? true : undefined}
              aria-describedby={`${id}-prio-note`}
              onChange={(e) => setPriority(e.target.value)}
            />
            {prioError ? (
              <span id={`${id}-prio-note`} role="alert" className="field-error">
                {prioError}
              </span>
            ) : (
              <span id={`${id}-prio-note`} className="field-hint">
                Optional. Higher priorities are checked first.
              </span>
            )}
          </div>
        </>
      )}
      <BrokerError error={error} />
    </FormDialog>
  );
}

import type { ReactNode } from 'react';
import { Dialog } from '../../components/dialog';
import type { DynsecCommand } from '../../core/dynsec';
import { BrokerError } from './broker-error';
import { useRunner } from './use-runner';

export interface ConfirmSpec {
  title: string;
  body: ReactNode;
  /** Starts with the verb and names the thing: "Delete client bob". */
  confirmLabel: string;
  commands: DynsecCommand[];
  done: string;
}

/** Asks before a destructive change; the broker's refusal stays in the dialog. */
export function ConfirmDialog({ spec, onClose, onDone }: { spec: ConfirmSpec; onClose: () => void; onDone: (message: string) => void }) {
  const { busy, error, run } = useRunner(onDone);
  return (
    <Dialog title={spec.title} confirmLabel={spec.confirmLabel} onConfirm={() => void run(spec.commands, spec.done)} onCancel={onClose} busy={busy} danger>
      {spec.body}
      <BrokerError error={error} />
    </Dialog>
  );
}

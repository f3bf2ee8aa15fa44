import { useCallback, useEffect, useRef, useState } from 'react';
import type { DynsecCommand } from '../../core/dynsec';
import { dynsec } from './use-dynsec';

/** Sends commands for a dialog: busy while waiting, the broker's error kept for an alert. */
export function useRunner(onDone: (message: string) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const running = useRef(false);
  // A dialog closed while its command was in flight must not close whatever opened next.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (commands: DynsecCommand[], doneMessage: string) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setError('');
      const r = await dynsec.run(commands);
      running.current = false;
      if (!mounted.current) return;
      setBusy(false);
      if (r.ok) onDone(doneMessage);
      else setError(r.error);
    },
    [onDone],
  );
  return { busy, error, run };
}

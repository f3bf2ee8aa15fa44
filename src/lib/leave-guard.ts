/**
 * "Leave this page?" while work the user started is not finished: publishes the broker has not
 * answered (any of them: the Publish view, a switch, a bulk delete or restore), bulk operations
 * still sending, messages queued for the connection. Leaving then would lose it silently —
 * a half-done bulk delete would also take its in-memory snapshot (the one Restore needs) along.
 *
 * Code that starts such work holds the guard (`holdLeave`) until it ends; stores with their own
 * notion of pending work add a check (`addLeaveCheck`). The app installs the listener once.
 */
const holds = new Map<number, string>();
const checks = new Set<() => boolean>();
let nextHold = 1;

/** Marks work in progress; call the returned function once it ended (calling it again does nothing). */
export function holdLeave(what: string): () => void {
  const id = nextHold++;
  holds.set(id, what);
  return () => void holds.delete(id);
}

/** Adds a check that says whether there is unfinished work; returns its removal. */
export function addLeaveCheck(check: () => boolean): () => void {
  checks.add(check);
  return () => void checks.delete(check);
}

/** What is unfinished now (descriptions of the holds), plus whether any check says so. */
export function hasUnfinishedWork(): boolean {
  if (holds.size > 0) return true;
  for (const c of checks) if (c()) return true;
  return false;
}

/** Installs the beforeunload prompt on `target`; returns its removal. */
export function installLeaveGuard(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (!hasUnfinishedWork()) return;
    // The browser shows its own wording; both calls are needed across browsers.
    e.preventDefault();
    e.returnValue = '';
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  return () => target.removeEventListener('beforeunload', onBeforeUnload);
}

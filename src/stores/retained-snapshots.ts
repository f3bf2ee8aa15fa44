/**
 * Retained messages deleted during this session, kept so that one click restores them.
 * In memory only (a reload forgets them; Export keeps a copy on disk).
 */
import { create } from 'zustand';
import type { RetainedEntry } from '../core/retained-file';

export interface Snapshot {
  id: number;
  createdAt: number;
  /** What happened, for people: "Deleted 3 retained messages under home/". */
  label: string;
  entries: RetainedEntry[];
  restoredAt?: number;
  /** A Restore of it is running. */
  restoring?: boolean;
  /** The deletion it was taken for is still running: nothing to restore yet. */
  deleting?: boolean;
}

interface SnapshotsState {
  snapshots: Snapshot[];
}

let nextId = 1;
const MAX_SNAPSHOTS = 50;

export const useSnapshotsStore = create<SnapshotsState>(() => ({ snapshots: [] }));

export function addSnapshot(label: string, entries: RetainedEntry[], deleting = false): Snapshot {
  const snap: Snapshot = { id: nextId++, createdAt: Date.now(), label, entries, deleting };
  useSnapshotsStore.setState((s) => ({ snapshots: [snap, ...s.snapshots].slice(0, MAX_SNAPSHOTS) }));
  return snap;
}

export function markRestored(id: number): void {
  useSnapshotsStore.setState((s) => ({
    snapshots: s.snapshots.map((x) => (x.id === id ? { ...x, restoredAt: Date.now() } : x)),
  }));
}

export function setRestoring(id: number, restoring: boolean): void {
  useSnapshotsStore.setState((s) => ({
    snapshots: s.snapshots.map((x) => (x.id === id ? { ...x, restoring } : x)),
  }));
}

export function setDeleting(id: number, deleting: boolean): void {
  useSnapshotsStore.setState((s) => ({
    snapshots: s.snapshots.map((x) => (x.id === id ? { ...x, deleting } : x)),
  }));
}

/**
 * What the user must be told about saved data: unreadable data that was set
 * aside (with the key of the copy), and changes the browser would not store
 * (storage full). Each notice is shown once per page load, until dismissed.
 */
import { create } from 'zustand';

export interface StorageNotice {
  /** Deduplicates: one notice per id per page load. */
  id: string;
  message: string;
}

export const useStorageNotices = create<{ notices: StorageNotice[] }>(() => ({ notices: [] }));

const told = new Set<string>();

export function reportStorageNotice(id: string, message: string): void {
  if (told.has(id)) return;
  told.add(id);
  useStorageNotices.setState((s) => ({ notices: [...s.notices, { id, message }] }));
}

export function dismissStorageNotice(id: string): void {
  useStorageNotices.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** For tests: forget what was told. */
export function resetStorageNotices(): void {
  told.clear();
  useStorageNotices.setState({ notices: [] });
}

/**
 * How every persisted zustand store reads and writes localStorage.
 *
 * localStorage is untrusted input: another version of the app, a browser
 * extension or a person with DevTools may have written anything there. So:
 * - reading: JSON, then the zustand wrapper ({ state, version }), then the
 *   migrations from the stored version to the current one, then the store's
 *   schema (zod), which keeps what is valid and reports what it had to drop (the start
 *   stores' schemas are registered with registerLoaders() by start-schemas.ts, loaded only when
 *   something is stored: zod stays off a first visit's load);
 * - data that is partly or wholly unreadable is first copied to
 *   `<key>.unreadable` (never overwritten: a different copy goes to
 *   `<key>.unreadable.2`, …), and the user is told once, with the copy's key;
 *   if even the copy cannot be written, the stored data is never overwritten
 *   during this page's life;
 * - writing never throws: when the browser refuses (storage full), the user is
 *   told what was not saved and the app keeps working from memory.
 */
import type { PersistOptions, PersistStorage, StorageValue } from 'zustand/middleware';
import { reportStorageNotice } from './storage-notices';

/** One step: data of version n in, data of version n + 1 out. */
export type Migration = (data: unknown) => unknown;

export interface Loaded<S> {
  state: S;
  /** Something was left out or reset to its default. */
  partial: boolean;
}

export interface PersistSpec<S> {
  key: string;
  /** What the user calls this data, in a sentence: "saved connections". */
  what: string;
  version: number;
  /** Steps keyed by the version they upgrade from. */
  migrations?: Readonly<Record<number, Migration>>;
  /**
   * Checks migrated (untrusted) data and keeps what is valid; undefined when nothing is usable.
   * Absent for the stores read at start: theirs is registered under `key` (registerLoaders).
   */
  load?: Loader<S>;
  /** Write at most this often (ms), and on page hide; for state that changes per keystroke. */
  debounceMs?: number;
}

export type Loader<S> = (data: unknown) => Loaded<S> | undefined;

/** The start stores' checks, by key (start-schemas.ts registers them before those stores read). */
const registered = new Map<string, Loader<unknown>>();

/** Registers the checks of specs that have no `load` of their own; returns how to unregister (tests). */
export function registerLoaders(loaders: Readonly<Record<string, Loader<unknown>>>): () => void {
  for (const [key, load] of Object.entries(loaders)) registered.set(key, load);
  return () => {
    for (const [key, load] of Object.entries(loaders)) if (registered.get(key) === load) registered.delete(key);
  };
}

export type ReadResult<S> =
  | { kind: 'empty' }
  /** Stored data but no check for it was loaded: it must be neither used nor overwritten. */
  | { kind: 'unchecked' }
  | { kind: 'ok'; state: S }
  | { kind: 'partial'; state: S }
  | { kind: 'unreadable'; why: string };

const isRecord = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** Reads what is stored under a key (pure: no storage access, no notices). */
export function readStored<S>(raw: string | null, spec: PersistSpec<S>): ReadResult<S> {
  if (raw === null) return { kind: 'empty' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { kind: 'unreadable', why: 'not JSON' };
  }
  if (!isRecord(parsed) || !isRecord(parsed.state)) return { kind: 'unreadable', why: 'not a saved state' };
  const version = parsed.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { kind: 'unreadable', why: 'no format version' };
  }
  if (version > spec.version) return { kind: 'unreadable', why: `made by a newer Switchyard (version ${version})` };
  let data: unknown = parsed.state;
  for (let v = version; v < spec.version; v++) {
    const step = spec.migrations?.[v];
    if (!step) return { kind: 'unreadable', why: `no way to upgrade version ${v}` };
    try {
      data = step(data);
    } catch (e) {
      return { kind: 'unreadable', why: `upgrading version ${v} failed: ${(e as Error).message}` };
    }
  }
  const load = spec.load ?? (registered.get(spec.key) as Loader<S> | undefined);
  if (!load) return { kind: 'unchecked' };
  let loaded: Loaded<S> | undefined;
  try {
    loaded = load(data);
  } catch (e) {
    return { kind: 'unreadable', why: (e as Error).message };
  }
  if (!loaded) return { kind: 'unreadable', why: 'not valid' };
  return loaded.partial ? { kind: 'partial', state: loaded.state } : { kind: 'ok', state: loaded.state };
}

// ---- the storage zustand's persist middleware uses ----

function localStore(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // e.g. storage disabled for this site
  }
}

function describeWriteError(e: unknown): string {
  const name = (e as { name?: string } | undefined)?.name;
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return 'the browser’s storage for this site is full';
  return `the browser refused (${(e as Error)?.message || String(e)})`;
}

/** Copies `raw` to `<key>.unreadable` (or .2, .3… when a different copy is there); returns the key, or undefined. */
function keepCopy(ls: Storage, key: string, raw: string): string | undefined {
  for (let n = 1; n <= 20; n++) {
    const k = n === 1 ? `${key}.unreadable` : `${key}.unreadable.${n}`;
    try {
      const existing = ls.getItem(k);
      if (existing === raw) return k;
      if (existing !== null) continue;
      ls.setItem(k, raw);
      return ls.getItem(k) === raw ? k : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function createPersistStorage<S>(spec: PersistSpec<S>): PersistStorage<S> {
  /** Unreadable data that could not be copied: never overwrite it while this page lives. */
  let frozen = false;
  const pending = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const write = (name: string, text: string) => {
    const ls = localStore();
    if (!ls || frozen) return;
    try {
      ls.setItem(name, text);
    } catch (e) {
      reportStorageNotice(
        `${name}:write`,
        `Your ${spec.what} could not be saved: ${describeWriteError(e)}. Changes last only until this tab is closed.`,
      );
    }
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const [k, v] of pending) write(k, v);
    pending.clear();
  };
  if (spec.debounceMs && typeof window !== 'undefined') window.addEventListener('pagehide', flush);

  return {
    getItem: (name): StorageValue<S> | null => {
      frozen = false;
      const ls = localStore();
      if (!ls) return null;
      let raw: string | null;
      try {
        raw = ls.getItem(name);
      } catch {
        return null;
      }
      const r = readStored(raw, spec);
      if (r.kind === 'empty') return null;
      if (r.kind === 'ok') return { state: r.state, version: spec.version };
      if (r.kind === 'unchecked') {
        // Only if main.tsx did not load start-schemas.ts though something was stored (a bug):
        // the data is left exactly as it is, and nothing in this tab overwrites it.
        frozen = true;
        reportStorageNotice(
          `${name}:read`,
          `Your ${spec.what} could not be checked in this tab: they are left as they are, and changes in this tab are not saved. Reload the page to use them.`,
        );
        return null;
      }
      const copy = keepCopy(ls, name, raw!);
      if (!copy) {
        frozen = true;
        reportStorageNotice(
          `${name}:read`,
          `Your ${spec.what} could not be read, and the browser had no room for a copy: they are left as they are, and changes in this tab are not saved.`,
        );
        return r.kind === 'partial' ? { state: r.state, version: spec.version } : null;
      }
      if (r.kind === 'partial') {
        reportStorageNotice(
          `${name}:read`,
          `Some of your ${spec.what} could not be read and were left out or reset; a copy was kept as ${copy}.`,
        );
        write(name, JSON.stringify({ state: r.state, version: spec.version }));
        return { state: r.state, version: spec.version };
      }
      reportStorageNotice(`${name}:read`, `Your ${spec.what} could not be read; a copy was kept as ${copy}.`);
      try {
        ls.removeItem(name);
      } catch {
        // the copy is safe; the next save replaces it
      }
      return null;
    },
    setItem: (name, value) => {
      const text = JSON.stringify(value);
      if (!spec.debounceMs) return write(name, text);
      pending.set(name, text);
      timer ??= setTimeout(flush, spec.debounceMs);
    },
    removeItem: (name) => {
      pending.delete(name);
      if (frozen) return;
      try {
        localStore()?.removeItem(name);
      } catch {
        // nothing to protect
      }
    },
  };
}

/** The persist options every store spreads: name, version and the checked storage. */
export function persistOptions<T, S>(spec: PersistSpec<S>): Pick<PersistOptions<T, S>, 'name' | 'version' | 'storage'> {
  return { name: spec.key, version: spec.version, storage: createPersistStorage(spec) };
}

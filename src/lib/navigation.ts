/**
 * Where the app is (the address bar's path, search and hash) and how views move to another
 * view. The app needs little of a router: a handful of flat paths, links, one redirect, and
 * back/forward. This replaces react-router's BrowserRouter with the same history entries
 * (pushState / replaceState, `popstate` for back and forward), so the first load does without
 * its code (docs/performance.md, "First load").
 *
 * Read it in React with useLocation() / useNavigate() (hooks/use-navigation.ts); links and routes
 * are in app/router.tsx.
 */
import { VersionedEmitter } from '../core/emitter';

export interface AppLocation {
  pathname: string;
  search: string;
  hash: string;
  /** What the entry was pushed with (`navigate(to, { state })`), else null. */
  state: unknown;
}

interface HistoryState {
  usr: unknown;
  key: string;
  idx: number;
}

function read(): AppLocation {
  if (typeof location === 'undefined') return { pathname: '/', search: '', hash: '', state: null };
  const s = (typeof history !== 'undefined' ? history.state : null) as Partial<HistoryState> | null;
  return { pathname: location.pathname, search: location.search, hash: location.hash, state: s?.usr ?? null };
}

/** The path, search and hash of `to` (relative to the current address), as the address bar shows them. */
export function resolvePath(to: string): string {
  const u = new URL(to, location.href);
  return `${u.pathname}${u.search}${u.hash}`;
}

export class Navigation extends VersionedEmitter {
  location: AppLocation = read();

  /** Back and forward are followed as soon as anything reads the location. */
  protected override onFirstListener(): void {
    if (typeof window !== 'undefined') window.addEventListener('popstate', () => this.sync());
  }

  /** A new history entry (or, with `replace`, instead of the current one) for `to`. */
  navigate(to: string, options: { replace?: boolean; state?: unknown } = {}): void {
    const current = history.state as Partial<HistoryState> | null;
    const idx = (current?.idx ?? 0) + (options.replace ? 0 : 1);
    const entry: HistoryState = { usr: options.state ?? null, key: Math.random().toString(36).slice(2, 10), idx };
    if (options.replace) history.replaceState(entry, '', resolvePath(to));
    else history.pushState(entry, '', resolvePath(to));
    this.sync();
  }

  private sync(): void {
    this.location = read();
    this.changed();
  }
}

/** The one navigation of the page. */
export const navigation = new Navigation();

import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useLocation } from '../hooks/use-navigation';
import { ViewBoundary } from './view-boundary';
import { StorageNotices } from './storage-notices';
import styles from './shell.module.css';
import { NavRail } from './nav-rail';
import { ThemeToggle } from './theme-toggle';
import { ActiveAlerts } from './active-alerts';
import { RecorderButton } from './recorder-button';
import { TimeTravelHeader, TimeTravelNote } from './time-travel';
import { ConnectionStatus } from '../features/connection/connection-status';
import { SecureConnectionNotice } from '../features/connection/secure-connection-notice';
import { UndoToast } from '../features/retained/undo-toast';

// The Connections dialog loads when first opened.
const ConnectionDialog = lazy(() => import('../features/connection/connection-dialog').then((m) => ({ default: m.ConnectionDialog })));

const VIEW_NAMES: Record<string, string> = { access: 'Access control' };

/** "Charts" for /charts (what the navigation calls it). */
function viewName(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return VIEW_NAMES[first] ?? (first ? first[0].toUpperCase() + first.slice(1) : 'Explorer');
}

/** The frame around every view: navigation, header, the view (`children`), notices. */
export function Shell({ children }: { children: ReactNode }) {
  const [connOpen, setConnOpen] = useState(false);
  const { pathname } = useLocation();
  return (
    <div className={styles.shell}>
      <NavRail />
      <header className={styles.header}>
        <h1 className={styles.title}>Switchyard</h1>
        <div className={styles.headerRight}>
          <RecorderButton />
          <ActiveAlerts />
          <TimeTravelHeader />
          <ConnectionStatus />
          <button type="button" className="btn" onClick={() => setConnOpen(true)} aria-haspopup="dialog">
            Connections
          </button>
          <ThemeToggle />
        </div>
      </header>
      <main className={styles.main}>
        <TimeTravelNote view={pathname.split('/')[1]?.toLowerCase() ?? ''} />
        <ViewBoundary key={pathname.split('/')[1]} name={viewName(pathname)}>
          {children}
        </ViewBoundary>
      </main>
      {connOpen && (
        <Suspense fallback={null}>
          <ConnectionDialog onClose={() => setConnOpen(false)} />
        </Suspense>
      )}
      <UndoToast />
      <StorageNotices />
      <SecureConnectionNotice />
    </div>
  );
}

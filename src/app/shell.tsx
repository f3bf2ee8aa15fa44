import { useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { ViewBoundary } from './view-boundary';
import { StorageNotices } from './storage-notices';
import styles from './shell.module.css';
import { NavRail } from './nav-rail';
import { ThemeToggle } from './theme-toggle';
import { ConnectionStatus } from '../features/connection/connection-status';
import { ConnectionDialog } from '../features/connection/connection-dialog';
import { SecureConnectionNotice } from '../features/connection/secure-connection-notice';
import { UndoToast } from '../features/retained/undo-toast';

const VIEW_NAMES: Record<string, string> = { access: 'Access control' };

/** "Charts" for /charts (what the navigation calls it). */
function viewName(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return VIEW_NAMES[first] ?? (first ? first[0].toUpperCase() + first.slice(1) : 'Explorer');
}

export function Shell() {
  const [connOpen, setConnOpen] = useState(false);
  const { pathname } = useLocation();
  return (
    <div className={styles.shell}>
      <NavRail />
      <header className={styles.header}>
        <h1 className={styles.title}>Switchyard</h1>
        <div className={styles.headerRight}>
          <ConnectionStatus />
          <button type="button" className="btn" onClick={() => setConnOpen(true)} aria-haspopup="dialog">
            Connections
          </button>
          <ThemeToggle />
        </div>
      </header>
      <main className={styles.main}>
        <ViewBoundary key={pathname.split('/')[1]} name={viewName(pathname)}>
          <Outlet />
        </ViewBoundary>
      </main>
      {connOpen && <ConnectionDialog onClose={() => setConnOpen(false)} />}
      <UndoToast />
      <StorageNotices />
      <SecureConnectionNotice />
    </div>
  );
}

import { useState } from 'react';
import { Outlet } from 'react-router';
import styles from './shell.module.css';
import { NavRail } from './nav-rail';
import { ThemeToggle } from './theme-toggle';
import { ConnectionStatus } from '../features/connection/connection-status';
import { ConnectionDialog } from '../features/connection/connection-dialog';
import { UndoToast } from '../components/undo-toast';

export function Shell() {
  const [connOpen, setConnOpen] = useState(false);
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
        <Outlet />
      </main>
      {connOpen && <ConnectionDialog onClose={() => setConnOpen(false)} />}
      <UndoToast />
    </div>
  );
}

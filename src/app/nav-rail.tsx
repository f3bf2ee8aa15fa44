import { NavLink } from './router';
import styles from './shell.module.css';

const LINKS: { to: string; label: string; icon: string }[] = [
  { to: '/explorer', label: 'Explorer', icon: 'M4 5h6M4 12h6m-3-7v14m0 0h6m4-14h3m-3 7h3m-3 7h3' },
  { to: '/sparkplug', label: 'Sparkplug', icon: 'M12 4a2 2 0 1 0 0 4a2 2 0 1 0 0-4M12 8v4M6 16v-4h12v4M4 16h4v4H4zM16 16h4v4h-4z' },
  { to: '/dashboard', label: 'Dashboard', icon: 'M4 4h7v7H4zM13 4h7v4h-7zM13 10h7v10h-7zM4 13h7v7H4z' },
  { to: '/charts', label: 'Charts', icon: 'M4 19h16M5 15l4-5 4 3 6-8' },
  { to: '/traffic', label: 'Traffic', icon: 'M4 20V10m5 10V4m5 16v-8m5 8V7' },
  { to: '/publish', label: 'Publish', icon: 'M4 12l16-8-6 16-2-7z' },
  { to: '/retained', label: 'Retained', icon: 'M7 4h10v16l-5-4-5 4z' },
  { to: '/broker', label: 'Broker', icon: 'M4 6h16v5H4zM4 13h16v5H4zM7 8.5h.01M7 15.5h.01' },
  { to: '/recordings', label: 'Recordings', icon: 'M12 12m-3 0a3 3 0 1 0 6 0a3 3 0 1 0-6 0M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18' },
  { to: '/alerts', label: 'Alerts', icon: 'M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0' },
  { to: '/access', label: 'Access control', icon: 'M12 3l7 3v5c0 5-3 8-7 10-4-2-7-5-7-10V6z' },
  { to: '/decoders', label: 'Decoders', icon: 'M8 6l-5 6 5 6M16 6l5 6-5 6M13.5 4l-3 16' },
];

export function NavRail() {
  return (
    <nav className={styles.rail} aria-label="Main">
      <div className={styles.logo} aria-hidden="true">
        <img src="/favicon.svg" alt="" width={28} height={28} />
      </div>
      <ul>
        {LINKS.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} className={({ isActive }) => (isActive ? `${styles.link} ${styles.active}` : styles.link)}>
              <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
                <path d={l.icon} />
              </svg>
              <span>{l.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

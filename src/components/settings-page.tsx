/**
 * The frame of a page of rules and lists (Alerts, Decoders, Recordings, Access control): a toolbar that stays on
 * top with the page's title (a level-2 heading), a line of counts under it and the page's buttons
 * (or fields) at its right;
 * under it, staying on top with it, the last notice (an error as an alert, anything else as a
 * status); then the page.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import styles from './settings-page.module.css';

export type PageNotice = { kind: 'ok' | 'error'; text: string };

interface Props {
  title: string;
  /** The line under the title (counts). */
  sub: ReactNode;
  /** The toolbar's buttons. */
  buttons: ReactNode;
  notice: PageNotice | null;
  /**
   * `start` for a toolbar holding fields (a label above, messages under them, as Recordings'):
   * everything top-aligned, a longer line under the title wrapping beside them. Default `center`.
   */
  align?: 'center' | 'start';
  children: ReactNode;
}

export function SettingsPage({ title, sub, buttons, notice, align = 'center', children }: Props) {
  const errorRef = useRef<HTMLParagraphElement>(null);
  // An error whose button went away meanwhile (disabled while it ran, or its row gone with the
  // refreshed list) would leave the keyboard focus on nothing: it goes to the message instead.
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (notice?.kind === 'error' && lost) errorRef.current?.focus();
  }, [notice]);
  return (
    <div className={styles.view}>
      {/* Toolbar and notice stick together at the top of the scrolling page: a message caused far
          down (Remove in a table, Import while scrolled) is on screen where the user is. */}
      <div className={styles.head}>
        <div className={align === 'start' ? `${styles.toolbar} ${styles.toolbarStart}` : styles.toolbar}>
          <div className={styles.titleBlock}>
            <h2 className={styles.title}>{title}</h2>
            <span className={styles.sub}>{sub}</span>
          </div>
          <div className={styles.buttons}>{buttons}</div>
        </div>
        {notice && (
          <div className={styles.noticeBar}>
            {notice.kind === 'error' ? (
              <p role="alert" ref={errorRef} tabIndex={-1} className={`${styles.notice} ${styles.noticeError}`}>
                {notice.text}
              </p>
            ) : (
              <p role="status" className={`${styles.notice} ${styles.noticeOk}`}>
                {notice.text}
              </p>
            )}
          </div>
        )}
      </div>
      {children}
    </div>
  );
}

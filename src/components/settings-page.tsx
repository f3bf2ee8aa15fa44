/**
 * The frame of a page of rules and lists (Alerts, Decoders, Recordings, Access control): a toolbar that stays on
 * top with the page's title (a level-2 heading), a line of counts under it and the page's buttons
 * (or fields) at its right;
 * under it, staying on top with it, the last notice (an error as an alert, anything else as a
 * status); then the page.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import styles from './settings-page.module.css';

export type PageNotice = { kind: 'ok' | 'error'; text: string };

/** A confirmation (kind ok) goes by itself after this long; an error stays until dismissed or replaced. */
export const OK_NOTICE_MS = 8000;

interface Props {
  title: string;
  /** The line under the title (counts). */
  sub: ReactNode;
  /** The toolbar's buttons. */
  buttons: ReactNode;
  /**
   * The last message, with a Dismiss button. A new object for each new message (the same text
   * again shows again), and the same object while it stands (dismissing hides that object).
   */
  notice: PageNotice | null;
  /**
   * `start` for a toolbar holding fields (a label above, messages under them, as Recordings'):
   * everything top-aligned, a longer line under the title wrapping beside them. Default `center`.
   */
  align?: 'center' | 'start';
  children: ReactNode;
}

export function SettingsPage({ title, sub, buttons, notice: given, align = 'center', children }: Props) {
  const errorRef = useRef<HTMLParagraphElement>(null);
  // Dismiss (or, for a confirmation, the timer) hides this notice; the page's next one shows.
  const [dismissed, setDismissed] = useState<PageNotice | null>(null);
  // The timer waits while the pointer is over the notice or the focus in it. Kept per notice: a
  // notice dismissed with its focused button goes without a blur, and must not hold the next one.
  const [heldNotice, setHeldNotice] = useState<PageNotice | null>(null);
  const notice = given && given !== dismissed ? given : null;
  const held = notice !== null && heldNotice === notice;
  const setHeld = (on: boolean) => setHeldNotice(on ? notice : null);
  useEffect(() => {
    if (notice?.kind !== 'ok' || held) return;
    const timer = setTimeout(() => setDismissed(notice), OK_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, held]);
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
            <div
              className={`${styles.notice} ${notice.kind === 'error' ? styles.noticeError : styles.noticeOk}`}
              onPointerEnter={() => setHeld(true)}
              onPointerLeave={() => setHeld(false)}
              onFocus={() => setHeld(true)}
              onBlur={() => setHeld(false)}
            >
              {notice.kind === 'error' ? (
                <p role="alert" ref={errorRef} tabIndex={-1} className={styles.noticeText}>
                  {notice.text}
                </p>
              ) : (
                <p role="status" className={styles.noticeText}>
                  {notice.text}
                </p>
              )}
              <button type="button" className={`btn btn-ghost btn-sm ${styles.dismiss}`} aria-label="Dismiss" title="Dismiss" onClick={() => setDismissed(notice)}>
                ✕
              </button>
            </div>
          </div>
        )}
      </div>
      {children}
    </div>
  );
}

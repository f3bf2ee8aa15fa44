import { mixedContentNote, plainCredentialsWarning } from '../../lib/broker-url';
import type { Profile } from '../../stores/profiles-store';
import styles from './connection.module.css';

/** Next to "Remember password": where a remembered password ends up. */
export const REMEMBER_NOTE =
  'Remember password keeps it as plain text in this browser’s local storage, readable by anyone who can use this browser profile or run script on this site.';

/** Warnings for the Connection form: next to Broker URL (https page, ws:// URL) and Password (sent unencrypted). */
export function credentialNotes(p: Pick<Profile, 'url' | 'password'>, pageProtocol: string): { url?: string; password?: string } {
  return {
    url: mixedContentNote(p.url, pageProtocol),
    password: p.password ? plainCredentialsWarning(p.url) : undefined,
  };
}

export function Note({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return (
    <span id={id} className={styles.warning}>
      <span aria-hidden="true">⚠ </span>
      {text}
    </span>
  );
}

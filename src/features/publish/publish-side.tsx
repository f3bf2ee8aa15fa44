import { useEffect, useState } from 'react';
import { previewText } from '../../core/payload';
import { PAYLOAD_FORMATS } from '../../core/payload-encode';
import {
  cancelQueued,
  clearHistory,
  dismissExpired,
  QUEUE_EXPIRY_MS,
  deleteTemplate,
  loadDraft,
  usePublishStore,
  type PublishDraft,
  type PublishTemplate,
} from '../../stores/publish-store';
import { Dialog } from '../../components/dialog';
import { formatClock } from '../../lib/format';
import styles from './publish.module.css';

const FORMAT_LABEL = Object.fromEntries(PAYLOAD_FORMATS.map((f) => [f.value, f.label]));
const encoder = new TextEncoder();

function summary(d: PublishDraft): string {
  const parts = [`QoS ${d.qos}`];
  if (d.retain) parts.push('retained');
  parts.push(FORMAT_LABEL[d.format]);
  return parts.join(' · ');
}

function payloadLine(d: PublishDraft): string {
  if (d.payload === '') return '(empty payload)';
  return previewText(encoder.encode(d.payload.slice(0, 400)), 80);
}

/** "just now", "45 s ago", "3 min ago" (or, for what is left, "45 s", "3 min"). */
function age(ms: number, left = false): string {
  const s = Math.floor(ms / 1000);
  if (!left && s < 5) return 'just now';
  // Time left rounds up (never "0 min" while it is still queued); age rounds down.
  const text = s < 60 ? `${s} s` : `${left ? Math.ceil(s / 60) : Math.floor(s / 60)} min`;
  return left ? text : `${text} ago`;
}

/** The current time, refreshed every second while `on`. */
function useNow(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
}

/** Side panel: messages queued while disconnected, the history of what was published, templates. */
export function PublishSide() {
  const queued = usePublishStore((s) => s.queued);
  const expired = usePublishStore((s) => s.expired);
  const now = useNow(queued.length > 0);
  const history = usePublishStore((s) => s.history);
  const templates = usePublishStore((s) => s.templates);
  const [confirmClear, setConfirmClear] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<PublishTemplate | null>(null);

  return (
    <aside className={styles.side} aria-label="Publish history and templates">
      {(queued.length > 0 || expired) && (
        <section className={styles.section} aria-labelledby="publish-queued">
          <div className={styles.sectionHead}>
            <h3 id="publish-queued">Queued</h3>
          </div>
          <p className={styles.emptyList}>
            Sent in order when the connection is back. Queued messages expire after {QUEUE_EXPIRY_MS / 60_000} minutes and
            are then not sent.
          </p>
          {expired && (
            <div role="status" aria-label="Expired messages" className={styles.expired}>
              <span>
                {expired.count === 1 ? '1 queued message' : `${expired.count} queued messages`} expired after{' '}
                {QUEUE_EXPIRY_MS / 60_000} minutes and {expired.count === 1 ? 'was' : 'were'} not sent ({expired.topics.join(', ')}
                {expired.count > expired.topics.length ? ', …' : ''}).
              </span>
              <button type="button" className="btn btn-sm btn-ghost" onClick={dismissExpired}>
                Dismiss
              </button>
            </div>
          )}
          {queued.length > 0 && (
            <ul className={styles.list} aria-label="Queued messages">
              {queued.map((q) => (
                <li key={q.id} className={styles.item}>
                  <div className={styles.itemBody}>
                    <span className={styles.itemTopic}>{q.request.topic}</span>
                    <span className={`${styles.itemMeta} ${styles.pending}`}>
                      <span aria-hidden="true">◷ </span>pending · queued {age(now - q.queuedAt)} · expires in{' '}
                      {age(Math.max(0, q.queuedAt + QUEUE_EXPIRY_MS - now), true)} · {summary(q.draft)}
                    </span>
                  </div>
                  <button type="button" className="btn btn-sm" onClick={() => cancelQueued(q.id)}>
                    Cancel
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section className={styles.section} aria-labelledby="publish-history">
        <div className={styles.sectionHead}>
          <h3 id="publish-history">History</h3>
          {history.length > 0 && (
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setConfirmClear(true)}>
              Clear history
            </button>
          )}
        </div>
        {history.length === 0 ? (
          <p className={styles.emptyList}>Messages you publish appear here (the last 50). Reuse one to send it again.</p>
        ) : (
          <ul className={styles.list} aria-label="Publish history">
            {history.map((h) => (
              <li key={h.id} className={styles.item}>
                <div className={styles.itemBody}>
                  <span className={styles.itemTopic} title={h.topic}>
                    {h.topic}
                  </span>
                  <span className={styles.itemPayload}>{payloadLine(h)}</span>
                  <span className={styles.itemMeta}>
                    {formatClock(h.time)} · {summary(h)}
                  </span>
                </div>
                <button type="button" className="btn btn-sm" onClick={() => loadDraft(h)}>
                  Reuse
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={styles.section} aria-labelledby="publish-templates">
        <div className={styles.sectionHead}>
          <h3 id="publish-templates">Templates</h3>
        </div>
        {templates.length === 0 ? (
          <p className={styles.emptyList}>Save the form with “Save as template” to keep messages you send often.</p>
        ) : (
          <ul className={styles.list} aria-label="Templates">
            {templates.map((t) => (
              <li key={t.id} className={styles.item}>
                <button type="button" className={styles.templateChoose} aria-label={`Use template ${t.name}`} onClick={() => loadDraft(t)}>
                  <span className={styles.templateName}>{t.name}</span>
                  <span className={styles.templateTopic}>{t.topic || '(no topic)'}</span>
                  <span className={styles.itemMeta}>{summary(t)}</span>
                </button>
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  aria-label={`Delete ${t.name}`}
                  title="Delete"
                  onClick={() => setConfirmDelete(t)}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {confirmClear && (
        <Dialog
          title="Clear the publish history?"
          confirmLabel={`Clear ${history.length} history ${history.length === 1 ? 'entry' : 'entries'}`}
          danger
          onConfirm={() => {
            clearHistory();
            setConfirmClear(false);
          }}
          onCancel={() => setConfirmClear(false)}
        >
          <p>The list of what you published is emptied. Templates and the form stay as they are.</p>
        </Dialog>
      )}
      {confirmDelete && (
        <Dialog
          title="Delete the template?"
          confirmLabel={`Delete template ${confirmDelete.name}`}
          danger
          onConfirm={() => {
            deleteTemplate(confirmDelete.id);
            setConfirmDelete(null);
          }}
          onCancel={() => setConfirmDelete(null)}
        >
          <p>
            The template <strong>{confirmDelete.name}</strong> is deleted. Messages already published are not affected.
          </p>
        </Dialog>
      )}
    </aside>
  );
}

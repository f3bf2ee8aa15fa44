/**
 * The header's word while a recording is open (time travel): a `status` named **Time travel**
 * saying `Recording “<name>” · at 14:03:07` (the slider's time, to the second; a default name
 * "Recording 2026-12-01 14:03:00" reads `Recording of 2026-12-01 14:03:00 · at …`) beside the
 * connection's, and **Close recording** (back to the live Explorer). Other views keep showing
 * the broker and say so (LiveOnlyNote).
 */
import type { RecordingSource } from '../../core/recording-source';
import { Icon } from '../../components/icons';
import { useModel } from '../../hooks/use-model';
import { formatClock } from '../../lib/format';
import { useNavigate } from '../../hooks/use-navigation';
import { closeRecording, useTimeTravelStore } from '../../stores/time-travel-store';
import styles from './time-travel.module.css';

function Clock({ source }: { source: RecordingSource }) {
  const second = useModel(source, (s) => Math.floor(s.time / 1000));
  return <>{formatClock(second * 1000)}</>;
}

/** A name the recorder gave ("Recording 2026-12-01 14:03:00"): the pill says "Recording of <date>", not "Recording · Recording …". */
const DEFAULT_NAME = /^Recording (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)$/;

export function RecordingStatus() {
  const { phase, name, source, loaded, total } = useTimeTravelStore();
  if (phase === 'closed') return null;
  const where =
    phase === 'open' && source ? (
      <>
        at <Clock source={source} />
      </>
    ) : phase === 'loading' ? (
      `opening ${total ? Math.floor((loaded / total) * 100) : 0} %`
    ) : (
      'could not open'
    );
  const when = name ? DEFAULT_NAME.exec(name)?.[1] : undefined;
  return (
    <span className={styles.status}>
      <Icon name="clock" size={14} className={styles.statusIcon} />
      <span role="status" aria-label="Time travel" className={styles.statusText} title={name}>
        {when ? (
          <>
            Recording of <span className={styles.statusName}>{when}</span>
          </>
        ) : (
          <>
            Recording “<span className={styles.statusName}>{name}</span>”
          </>
        )}{' '}
        · {where}
      </span>
      <button type="button" className={styles.close} aria-label="Close recording" title="Close recording (back to the live broker)" onClick={closeRecording}>
        <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
    </span>
  );
}

/** Above a view that is not recording-aware while a recording is open: it shows the broker, live. */
export function LiveOnlyNote() {
  const { phase, name } = useTimeTravelStore();
  const navigate = useNavigate();
  if (phase === 'closed') return null;
  return (
    <p className={styles.liveOnly}>
      <strong>Live only:</strong> this view shows the connected broker, not the open recording “{name}”.{' '}
      <a
        href="/explorer"
        onClick={(e) => {
          e.preventDefault();
          navigate('/explorer');
        }}
      >
        Back to the recording in the Explorer
      </a>
    </p>
  );
}

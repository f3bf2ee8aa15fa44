import type { RecordingMeta, RecordingStatus } from '../../lib/recordings-db';
import { formatCount, formatSize } from '../../lib/format';
import { formatDuration, formatStart } from './format';
import { OpenRecordingButton } from './open-recording-button';
import styles from './recordings.module.css';

/** What the recorder in this tab reports now, for its recording's row (the stored figures lag by a chunk). */
export interface LiveFigures {
  recordingId: string;
  messages: number;
  bytes: number;
  now: number;
}

interface Props {
  recordings: readonly RecordingMeta[];
  live?: LiveFigures;
  onRename: (r: RecordingMeta) => void;
  onDelete: (r: RecordingMeta) => void;
  /** Export (export-recording.ts); `exporting` while one runs (the buttons wait). */
  onExport: (r: RecordingMeta) => void;
  exporting?: boolean;
  /** Replay to the connected broker (replay-dialog.tsx). */
  onReplay?: (r: RecordingMeta) => void;
  /** Compare with another recording or the broker's retained messages (compare-dialog.tsx). */
  onCompare?: (r: RecordingMeta) => void;
}

const STATUS_TEXT: Record<RecordingStatus, string> = {
  recording: 'Recording',
  complete: 'Complete',
  stopped: 'Stopped',
  interrupted: 'Interrupted',
};
const STATUS_ICON: Record<RecordingStatus, string> = { recording: '●', complete: '✓', stopped: '■', interrupted: '!' };

/** The table "Recordings": Name, Broker, Start, Duration, Messages, Size, Status (and why it stopped), Rename / Delete. */
export function RecordingsTable({ recordings, live, onRename, onDelete, onExport, exporting, onReplay, onCompare }: Props) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Recordings">
        <colgroup>
          <col />
          <col />
          <col className={styles.colStart} />
          <col className={styles.colDuration} />
          <col className={styles.colMessages} />
          <col className={styles.colSize} />
          <col className={styles.colStatus} />
          <col className={styles.colActions} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Broker</th>
            <th scope="col">Start</th>
            <th scope="col" className={styles.num}>
              Duration
            </th>
            <th scope="col" className={styles.num}>
              Messages
            </th>
            <th scope="col" className={styles.num}>
              Size
            </th>
            <th scope="col">Status</th>
            <th scope="col" className={styles.actions}>
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {recordings.length === 0 && (
            <tr>
              <td colSpan={8} className={styles.emptyRow}>
                No recordings yet. Press <strong>Record</strong> in the header while connected: every message of the connection’s
                subscriptions is kept, byte for byte, until you press <strong>Stop recording</strong>.
              </td>
            </tr>
          )}
          {recordings.map((r) => {
            const isLive = live?.recordingId === r.id && r.status === 'recording';
            const messages = isLive ? live.messages : r.messages;
            const bytes = isLive ? live.bytes : r.bytes;
            const end = isLive ? live.now : r.end;
            return (
              <tr key={r.id}>
                <th scope="row" className={styles.name}>
                  {r.name}
                </th>
                <td className={styles.mono}>{r.brokerUrl}</td>
                <td className={styles.time}>{formatStart(r.start)}</td>
                <td className={styles.num}>{formatDuration(end - r.start)}</td>
                <td className={styles.num}>{formatCount(messages)}</td>
                <td className={styles.num}>{formatSize(bytes)}</td>
                <td>
                  <span className={`${styles.badge} ${styles[r.status]}`}>
                    <span aria-hidden="true">{STATUS_ICON[r.status]}</span>
                    {STATUS_TEXT[r.status]}
                  </span>
                  {r.reason && <span className={styles.reason}>{r.reason}</span>}
                </td>
                <td className={styles.actions}>
                  <OpenRecordingButton recording={r} />
                  {onReplay && (
                    <button type="button" className="btn btn-sm" onClick={() => onReplay(r)}>
                      Replay
                    </button>
                  )}
                  {onCompare && (
                    <button type="button" className="btn btn-sm" onClick={() => onCompare(r)}>
                      Compare
                    </button>
                  )}
                  <button type="button" className="btn btn-sm" disabled={exporting} onClick={() => onExport(r)}>
                    Export
                  </button>
                  <button type="button" className="btn btn-sm" onClick={() => onRename(r)}>
                    Rename
                  </button>
                  <button type="button" className="btn btn-sm btn-danger" onClick={() => onDelete(r)}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

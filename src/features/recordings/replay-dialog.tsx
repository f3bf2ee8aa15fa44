import { useEffect, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { iterateChunks, openRecordingsDb, type RecordingMeta } from '../../lib/recordings-db';
import { formatCount, plural } from '../../lib/format';
import { REPLAY_SPEEDS, replayTopic, scanChunk, validatePrefix, type QosChoice, type ReplaySettings, type ReplaySpeed, type RetainChoice } from '../../core/replay-schedule';
import { useSessionStore } from '../../stores/session-store';
import { notConnectedReason, useReplayStore } from './replay-recording';
import styles from './replay.module.css';

interface Scan {
  retained: number;
  firstTopic: string;
}

/** Retained messages and the first topic, read chunk by chunk without unpacking payloads. */
function useScan(id: string): Scan | null | Error {
  const [scan, setScan] = useState<Scan | null | Error>(null);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const db = await openRecordingsDb();
      let retained = 0;
      let firstTopic = '';
      for await (const c of iterateChunks(db, id)) {
        if (cancelled) return;
        const s = scanChunk(c.data);
        retained += s.retained;
        if (!firstTopic && s.count) firstTopic = s.firstTopic;
      }
      if (!cancelled) setScan({ retained, firstTopic });
    })().catch((e: unknown) => !cancelled && setScan(e instanceof Error ? e : new Error(String(e))));
    return () => {
      cancelled = true;
    };
  }, [id]);
  return scan;
}

/**
 * "Replay recording": Speed, Topic prefix (added in front of every topic; the first topic's
 * result is shown), QoS and Retain; names the broker and the message count, warns when
 * retained messages will be overwritten, and says why it cannot start (not connected, still
 * recording, another replay running).
 */
export function ReplayDialog({ recording, onStart, onCancel }: { recording: RecordingMeta; onStart: (s: ReplaySettings) => void; onCancel: () => void }) {
  const [speed, setSpeed] = useState<ReplaySpeed>(1);
  const [prefix, setPrefix] = useState('');
  const [qos, setQos] = useState<QosChoice>('recorded');
  const [retain, setRetain] = useState<RetainChoice>('recorded');
  const { state, reason, nodeUrl, brokerUrl } = useSessionStore();
  const replaying = useReplayStore((s) => s.running !== null);
  const scan = useScan(recording.id);
  const prefixError = validatePrefix(prefix) ?? undefined;
  const count = recording.messages;

  const blocked =
    notConnectedReason(state, reason) ??
    (recording.status === 'recording' ? 'Still recording: stop recording first.' : null) ??
    (replaying ? 'A replay is already running: stop it or wait for it to end.' : null) ??
    (count === 0 ? 'This recording has no messages.' : null);
  const sample = scan && !(scan instanceof Error) && scan.firstTopic ? scan.firstTopic : 'plant/line1/temp';
  const retainedCount = scan && !(scan instanceof Error) ? scan.retained : 0;
  const url = nodeUrl ?? brokerUrl;

  return (
    <Dialog
      title="Replay recording"
      confirmLabel={`Replay ${plural(count, 'message')}`}
      confirmDisabled={blocked !== null || prefixError !== undefined || scan === null || scan instanceof Error}
      onConfirm={() => onStart({ speed, prefix, qos, retain })}
      onCancel={onCancel}
    >
      <p className={styles.target}>
        Publish the {formatCount(count)} messages of “{recording.name}” again
        {state === 'connected' && url ? (
          <>
            {' '}
            to <span className={styles.url}>{url}</span>
          </>
        ) : (
          ' to the connected broker'
        )}
        , with their payload bytes and MQTT 5 properties.
      </p>
      <div className={styles.form}>
        <Field
          label="Topic prefix"
          className={styles.wide}
          error={prefixError}
          hint={
            prefixError ? undefined : (
              <>
                Added in front of every topic: <span className={styles.preview}>{sample}</span> →{' '}
                <span className={styles.preview}>{replayTopic(prefix, sample)}</span>
              </>
            )
          }
        >
          {(a) => <input {...a} className="input" value={prefix} placeholder="e.g. test/" spellCheck={false} autoComplete="off" onChange={(e) => setPrefix(e.target.value)} />}
        </Field>
        <Field label="Speed">
          {(a) => (
            <select {...a} className="input" value={String(speed)} onChange={(e) => setSpeed(e.target.value === 'max' ? 'max' : (Number(e.target.value) as ReplaySpeed))}>
              {REPLAY_SPEEDS.map((s) => (
                <option key={s.label} value={String(s.value)}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="QoS">
          {(a) => (
            <select {...a} className="input" value={String(qos)} onChange={(e) => setQos(e.target.value === 'recorded' ? 'recorded' : (Number(e.target.value) as 0 | 1 | 2))}>
              <option value="recorded">As recorded</option>
              <option value="0">0</option>
              <option value="1">1</option>
              <option value="2">2</option>
            </select>
          )}
        </Field>
        <Field label="Retain">
          {(a) => (
            <select {...a} className="input" value={retain} onChange={(e) => setRetain(e.target.value === 'off' ? 'off' : 'recorded')}>
              <option value="recorded">As recorded</option>
              <option value="off">Off</option>
            </select>
          )}
        </Field>
      </div>
      {scan === null && <p className={styles.note}>Reading the recording…</p>}
      {scan instanceof Error && <p className={`${styles.note} ${styles.blocked}`}>Could not read the recording: {scan.message}</p>}
      {retain === 'recorded' && retainedCount > 0 && !prefixError && (
        <p className={`${styles.note} ${styles.warn}`}>
          {plural(retainedCount, 'retained message')} will overwrite what the broker keeps under{' '}
          {prefix ? <span className={styles.url}>{prefix}…</span> : 'the recorded topics'}. Set Retain to Off to leave retained messages alone.
        </p>
      )}
      {blocked && (
        <p role="status" className={`${styles.note} ${styles.blocked}`}>
          {blocked}
        </p>
      )}
    </Dialog>
  );
}

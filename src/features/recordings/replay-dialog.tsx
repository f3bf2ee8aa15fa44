import { useMemo, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import type { RecordingMeta } from '../../lib/recordings-db';
import { formatCount, plural } from '../../lib/format';
import { REPLAY_SPEEDS, replayTopic, validatePrefix, type QosChoice, type ReplaySettings, type ReplaySpeed, type RetainChoice } from '../../core/replay-schedule';
import { selectsAll } from '../../core/replay-selection';
import { useSessionStore } from '../../stores/session-store';
import { useTimeTravelStore } from '../../stores/time-travel-store';
import { notConnectedReason, useReplayStore } from './replay-recording';
import { SelectionFields, useSelectionForm } from './replay-selection-fields';
import { useSelectionIndex } from './use-selection-index';
import styles from './replay.module.css';

/**
 * "Replay recording": From / To and Topic filter (which messages), Topic prefix (added in front
 * of every topic; the first selected topic's result is shown), Speed, QoS and Retain; names the
 * broker and the number of messages selected, warns when retained messages will be
 * overwritten, and says why it cannot start (not connected, still recording, another replay
 * running, nothing selected). The counts come from a compact index of the recording's times and
 * topics (no payloads), read chunk by chunk when the dialog opens.
 */
export function ReplayDialog({ recording, onStart, onCancel }: { recording: RecordingMeta; onStart: (s: ReplaySettings, total: number) => void; onCancel: () => void }) {
  const [speed, setSpeed] = useState<ReplaySpeed>(1);
  const [prefix, setPrefix] = useState('');
  const [qos, setQos] = useState<QosChoice>('recorded');
  const [retain, setRetain] = useState<RetainChoice>('recorded');
  const { state, reason, nodeUrl, brokerUrl } = useSessionStore();
  const replaying = useReplayStore((s) => s.running !== null);
  const index = useSelectionIndex(recording.id);
  const ready = index !== null && !(index instanceof Error) ? index : null;
  const form = useSelectionForm(ready);
  const sliderTime = useTimeTravelStore((s) => (s.phase === 'open' && s.recordingId === recording.id ? s.source?.time : undefined));
  const prefixError = validatePrefix(prefix) ?? undefined;
  const sel = form.selection;
  const counted = useMemo(() => (ready && sel ? ready.count(sel) : null), [ready, sel]);
  // While a field is wrong the button keeps the last count it showed (disabled).
  const [shown, setShown] = useState(recording.messages);
  if (counted && counted.messages !== shown) setShown(counted.messages);
  const count = counted ? counted.messages : shown;
  const narrowed = ready !== null && count !== ready.length;

  const blocked =
    notConnectedReason(state, reason) ??
    (recording.status === 'recording' ? 'Still recording: stop recording first.' : null) ??
    (replaying ? 'A replay is already running: stop it or wait for it to end.' : null) ??
    (recording.messages === 0 || ready?.length === 0 ? 'This recording has no messages.' : null) ??
    (counted && count === 0 ? 'No recorded message is in the selected time range and topic filter.' : null);
  const sample = counted?.firstTopic || ready?.topics[0] || 'plant/line1/temp';
  const retainedCount = counted ? counted.retained : 0;
  const url = nodeUrl ?? brokerUrl;

  return (
    <Dialog
      title="Replay recording"
      confirmLabel={`Replay ${plural(count, 'message')}`}
      confirmDisabled={blocked !== null || prefixError !== undefined || counted === null}
      onConfirm={() => sel && onStart({ speed, prefix, qos, retain, ...(selectsAll(sel) ? {} : { selection: sel }) }, count)}
      onCancel={onCancel}
    >
      <p className={styles.target}>
        Publish {narrowed ? `${formatCount(count)} of the ${formatCount(ready.length)}` : `the ${formatCount(count)}`} messages of “{recording.name}” again
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
        <SelectionFields form={form} sliderTime={sliderTime} />
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
      {index === null && <p className={styles.note}>Reading the recording…</p>}
      {index instanceof Error && <p className={`${styles.note} ${styles.blocked}`}>Could not read the recording: {index.message}</p>}
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

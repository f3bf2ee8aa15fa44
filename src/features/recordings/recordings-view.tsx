import { useEffect, useMemo, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { SettingsPage, type PageNotice } from '../../components/settings-page';
import { deleteRecording, openRecordingsDb, renameRecording, type RecordingMeta } from '../../lib/recordings-db';
import { formatCount, formatSize, plural } from '../../lib/format';
import { stopRecording } from '../../mqtt/recording-actions';
import { useRecorderStore } from '../../stores/recorder-store';
import { CapField } from './cap-field';
import { CompareLauncher } from './compare-launcher';
import { ExportStatus } from './export-status';
import { ImportControl } from './import-control';
import { RecordingsTable, type LiveFigures } from './recordings-table';
import { RenameDialog } from './rename-dialog';
import { ReplayDialog } from './replay-dialog';
import { startReplay } from './replay-recording';
import { ReplayStatus } from './replay-status';
import { useExport } from './use-export';
import { useRecordings } from './use-recordings';

/**
 * Recordings (issue 12): what the header's Record stored in this browser (IndexedDB), with
 * rename, delete and the size cap. Reads the store once per change, never per message: the
 * recording in progress shows the recorder's own figures (a few updates a second).
 */
export function RecordingsView() {
  const { recordings, error, reload } = useRecordings();
  const recorder = useRecorderStore();
  const [renaming, setRenaming] = useState<RecordingMeta | null>(null);
  const [deleting, setDeleting] = useState<RecordingMeta | null>(null);
  const [replaying, setReplaying] = useState<RecordingMeta | null>(null);
  const [comparing, setComparing] = useState<RecordingMeta | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const exporter = useExport();
  const recordingNow = recorder.state === 'recording' || recorder.state === 'stopping';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!recordingNow) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [recordingNow]);
  const live: LiveFigures | undefined =
    recordingNow && recorder.recordingId ? { recordingId: recorder.recordingId, messages: recorder.messages, bytes: recorder.bytes, now } : undefined;

  const rename = async (name: string) => {
    if (!renaming) return;
    await renameRecording(await openRecordingsDb(), renaming.id, name);
    setRenaming(null);
    reload();
  };

  const remove = async () => {
    const r = deleting;
    if (!r) return;
    setBusy(true);
    try {
      // The recording in progress stops first (its last chunk is written), then goes.
      if (recordingNow && recorder.recordingId === r.id) await stopRecording();
      await deleteRecording(await openRecordingsDb(), r.id);
      setActionError(undefined);
    } catch (e) {
      setActionError(`Could not delete “${r.name}”: ${(e as Error)?.message || String(e)}`);
    } finally {
      setBusy(false);
      setDeleting(null);
      reload();
    }
  };

  const total = recordings?.reduce((n, r) => n + r.bytes, 0) ?? 0;
  const problem = error || actionError;
  // One object while the same problem stands (the page's Dismiss hides that object).
  const notice = useMemo<PageNotice | null>(() => (problem ? { kind: 'error', text: problem } : null), [problem]);
  return (
    <SettingsPage
      title="Recordings"
      align="start"
      sub={
        <>
          Kept in this browser (IndexedDB){recordings ? ` · ${plural(recordings.length, 'recording')} · ${formatSize(total)}` : ''}. A recording stops by
          itself at the size cap or when storage is full; what it recorded is kept.
        </>
      }
      buttons={
        <>
          <ImportControl onImported={reload} />
          <CapField />
        </>
      }
      notice={notice}
    >
      <ExportStatus state={exporter} />
      <ReplayStatus />
      {recordings === null ? (
        <p className="empty-state">Loading recordings…</p>
      ) : (
        <RecordingsTable
          recordings={recordings}
          live={live}
          onRename={setRenaming}
          onDelete={setDeleting}
          onExport={exporter.start}
          exporting={exporter.running !== null}
          onReplay={setReplaying}
          onCompare={setComparing}
        />
      )}
      {comparing && <CompareLauncher recording={comparing} recordings={recordings ?? []} onClose={() => setComparing(null)} />}
      {replaying && (
        <ReplayDialog
          recording={replaying}
          onCancel={() => setReplaying(null)}
          onStart={(s, total) => {
            setReplaying(null);
            void startReplay(replaying, s, total);
          }}
        />
      )}
      {renaming && <RenameDialog recording={renaming} onSave={rename} onCancel={() => setRenaming(null)} />}
      {deleting && (
        <Dialog title="Delete recording" confirmLabel="Delete recording" danger busy={busy} onConfirm={() => void remove()} onCancel={() => setDeleting(null)}>
          <p>
            Delete “{deleting.name}” ({formatCount(deleting.messages)} messages, {formatSize(deleting.bytes)}) from this browser? This
            cannot be undone.
            {recordingNow && recorder.recordingId === deleting.id ? ' It is still recording: recording stops first.' : ''}
          </p>
        </Dialog>
      )}
    </SettingsPage>
  );
}

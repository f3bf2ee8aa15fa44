import { useNavigate } from '../../hooks/use-navigation';
import type { RecordingMeta } from '../../lib/recordings-db';
import { useTimeTravelStore } from '../../stores/time-travel-store';
import { openRecording } from './open-recording';

/** A row's **Open**: shows the recording in the Explorer (time travel); busy while it loads. */
export function OpenRecordingButton({ recording }: { recording: RecordingMeta }) {
  const navigate = useNavigate();
  const loading = useTimeTravelStore((s) => s.phase === 'loading' && s.recordingId === recording.id);
  return (
    <button
      type="button"
      className="btn btn-sm"
      aria-busy={loading || undefined}
      disabled={loading}
      onClick={() => {
        void openRecording(recording);
        navigate('/explorer');
      }}
    >
      Open
    </button>
  );
}

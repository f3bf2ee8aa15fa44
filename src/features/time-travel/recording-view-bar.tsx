/**
 * Above the Charts and Traffic views while a recording is open: they show the recording as of
 * the slider's time (core/recording-figures.ts), so the same time bar as the Explorer's is
 * there to move it, with a line saying what the view shows.
 */
import { useTimeTravelStore } from '../../stores/time-travel-store';
import { TimeBar } from './time-bar';
import styles from './time-travel.module.css';

export function RecordingViewBar({ view }: { view: string }) {
  const { phase, name, source, player } = useTimeTravelStore();
  if (phase !== 'open' || !source || !player) return null;
  return (
    <div className={styles.viewBar}>
      <TimeBar source={source} player={player} />
      <p className={styles.viewNote}>
        {view === 'charts' ? 'Charts show' : 'Traffic shows'} the open recording “{name}” up to the slider’s time. <strong>Close recording</strong> at the
        top goes back to the live broker.
      </p>
    </div>
  );
}

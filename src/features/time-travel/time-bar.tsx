import { PLAYBACK_SPEEDS, type PlaybackSpeed, type RecordingPlayer } from '../../core/recording-player';
import type { RecordingSource } from '../../core/recording-source';
import { useModel } from '../../hooks/use-model';
import { formatCount } from '../../lib/format';
import { clockText, TimeSlider } from './time-slider';
import styles from './time-travel.module.css';

/** Where the recording is: clock time and messages so far (follows every move of the source). */
function Position({ source }: { source: RecordingSource }) {
  const time = useModel(source, (s) => s.time);
  const position = useModel(source, (s) => s.position);
  return (
    <span className={`${styles.position} tabular`}>
      <span className={styles.clock}>{clockText(source, time)}</span>
      <span className={styles.count}>
        {formatCount(position)} of {formatCount(source.length)} messages
      </span>
    </span>
  );
}

/** The time-travel controls above the Explorer: Play / Pause, the Time slider, Speed. */
export function TimeBar({ source, player }: { source: RecordingSource; player: RecordingPlayer }) {
  const playing = useModel(player, (p) => p.playing);
  const speed = useModel(player, (p) => p.speed);
  return (
    <section className={styles.bar} aria-label="Time travel">
      <button type="button" className={`btn btn-sm ${styles.play}`} onClick={() => (playing ? player.pause() : player.play())}>
        <span aria-hidden="true" className={styles.playIcon}>
          {playing ? '❚❚' : '▶'}
        </span>
        {playing ? 'Pause' : 'Play'}
      </button>
      <TimeSlider source={source} />
      <Position source={source} />
      <label className={styles.speed}>
        Speed
        <select className="input" value={speed} onChange={(e) => player.setSpeed(Number(e.target.value) as PlaybackSpeed)}>
          {PLAYBACK_SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}

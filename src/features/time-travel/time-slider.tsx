import { useId } from 'react';
import type { RecordingSource } from '../../core/recording-source';
import { useModel } from '../../hooks/use-model';
import { formatTime } from '../../lib/format';
import styles from './time-travel.module.css';

/** The clock time a slider value stands for, with the date when the recording spans days. */
export function clockText(source: RecordingSource, t: number): string {
  const sameDay = new Date(source.start).toDateString() === new Date(source.end).toDateString();
  return sameDay ? formatTime(t) : `${new Date(t).toLocaleDateString()} ${formatTime(t)}`;
}

/**
 * The slider **Time**: its value is ms since the recording's start, its aria-valuetext the clock
 * time. Keys: ←/→ one message back/forward, ↑/↓ one second, PageUp/PageDown a tenth of the
 * recording (at least 10 s), Home/End its start/end. Every move is one `source.seekTime`
 * (←/→: `source.stepMessage`, which also steps between messages of the same millisecond).
 */
export function TimeSlider({ source }: { source: RecordingSource }) {
  const time = useModel(source, (s) => s.time);
  const hintId = useId();
  const { start, end } = source;
  const big = Math.max(10_000, (end - start) / 10);
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && !e.altKey && !e.ctrlKey && !e.metaKey) {
      // One message, also among several recorded in the same millisecond.
      e.preventDefault();
      source.stepMessage(e.key === 'ArrowRight' ? 1 : -1);
      return;
    }
    const target: Record<string, () => number> = {
      ArrowUp: () => time + 1000,
      ArrowDown: () => time - 1000,
      PageUp: () => time + big,
      PageDown: () => time - big,
      Home: () => start,
      End: () => end,
    };
    const to = target[e.key];
    if (!to || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    source.seekTime(to());
  };
  return (
    <div className={styles.sliderWrap}>
      <input
        type="range"
        className={styles.slider}
        aria-label="Time"
        aria-valuetext={clockText(source, time)}
        aria-describedby={hintId}
        min={0}
        max={Math.max(0, end - start)}
        step={1}
        value={Math.round(time - start)}
        onChange={(e) => source.seekTime(start + Number(e.target.value))}
        onKeyDown={onKeyDown}
      />
      <span id={hintId} className={styles.hint}>
        ←/→ one message · ↑/↓ one second · PgUp/PgDn a tenth
      </span>
    </div>
  );
}

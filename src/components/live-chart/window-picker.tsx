import { useId } from 'react';
import { TIME_WINDOWS, type TimeWindow } from '../../core/series-store';
import styles from './live-chart.module.css';

/** A segmented radio group "Time window": 1 min, 5 min, 15 min, 1 h, All. */
export function WindowPicker({ value, onChange }: { value: TimeWindow; onChange: (w: TimeWindow) => void }) {
  const name = useId();
  return (
    <div role="radiogroup" aria-label="Time window" className={styles.segmented}>
      {TIME_WINDOWS.map((w) => (
        <label key={w.id} className={styles.segment} data-checked={value === w.id}>
          <input
            type="radio"
            name={name}
            value={w.id}
            checked={value === w.id}
            onChange={() => onChange(w.id)}
            className={styles.segmentInput}
          />
          {w.label}
        </label>
      ))}
    </div>
  );
}

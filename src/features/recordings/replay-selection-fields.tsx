import { useMemo, useState } from 'react';
import { Field } from '../../components/field';
import { formatClockInput, parseClockTime, spansDays, validateSelectionFilter, type ReplaySelection, type SelectionIndex } from '../../core/replay-selection';
import styles from './replay.module.css';

export interface SelectionForm {
  from: string;
  to: string;
  filter: string;
  setFrom: (v: string) => void;
  setTo: (v: string) => void;
  setFilter: (v: string) => void;
  fromError?: string;
  toError?: string;
  filterError?: string;
  /** The selection (bounds only where the fields differ from the whole recording), or null while a field is wrong. */
  selection: ReplaySelection | null;
  /** The recording's first and last times as the fields show them ('' while reading). */
  firstText: string;
  lastText: string;
  withDate: boolean;
}

/**
 * **From** / **To** (clock times within the recording, the whole recording by default) and
 * **Topic filter** for the Replay dialog: their texts, what is wrong with them, and the selection
 * they make (core/replay-selection.ts).
 */
export function useSelectionForm(index: SelectionIndex | null): SelectionForm {
  const [fromTyped, setFrom] = useState<string | null>(null);
  const [toTyped, setTo] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const ready = index !== null && index.length > 0;
  const first = ready ? index.minTime : NaN;
  const last = ready ? index.maxTime : NaN;
  const withDate = ready && spansDays(first, last);
  const firstText = ready ? formatClockInput(first, withDate) : '';
  const lastText = ready ? formatClockInput(last, withDate) : '';
  const from = fromTyped ?? firstText;
  const to = toTyped ?? lastText;

  const filterError = validateSelectionFilter(filter) ?? undefined;
  let fromAt: number | undefined;
  let toAt: number | undefined;
  let fromError: string | undefined;
  let toError: string | undefined;
  if (ready) {
    if (from.trim() !== firstText) {
      const p = parseClockTime(from, first, last);
      if ('error' in p) fromError = from.trim() === '' ? `Enter the time to start from, e.g. ${firstText}.` : p.error;
      else fromAt = p.start;
    }
    if (to.trim() !== lastText) {
      const p = parseClockTime(to, first, last);
      if ('error' in p) toError = to.trim() === '' ? `Enter the time to end at, e.g. ${lastText}.` : p.error;
      else toAt = p.end;
    }
    if (!fromError && !toError && (fromAt ?? first) >= (toAt ?? last + 1)) toError = 'To must be after From.';
  }
  const wrong = !!(fromError || toError || filterError);
  const selection = useMemo<ReplaySelection | null>(
    () => (wrong ? null : { ...(fromAt !== undefined ? { from: fromAt } : {}), ...(toAt !== undefined ? { to: toAt } : {}), ...(filter ? { filter } : {}) }),
    [wrong, fromAt, toAt, filter],
  );
  return {
    from,
    to,
    filter,
    setFrom,
    setTo,
    setFilter,
    fromError,
    toError,
    filterError,
    selection,
    firstText,
    lastText,
    withDate,
  };
}

/** The three fields, and where the recording is open in time travel, buttons taking the slider's time. */
export function SelectionFields({ form, sliderTime }: { form: SelectionForm; sliderTime?: number }) {
  const reading = form.firstText === '';
  const sliderText = sliderTime === undefined || reading ? null : formatClockInput(sliderTime, form.withDate);
  return (
    <>
      <Field label="From" error={form.fromError} hint={form.fromError || reading ? undefined : `First message ${form.firstText}`}>
        {(a) => <input {...a} className="input mono" value={form.from} disabled={reading} spellCheck={false} autoComplete="off" onChange={(e) => form.setFrom(e.target.value)} />}
      </Field>
      <Field label="To" error={form.toError} hint={form.toError || reading ? undefined : `Last message ${form.lastText}`}>
        {(a) => <input {...a} className="input mono" value={form.to} disabled={reading} spellCheck={false} autoComplete="off" onChange={(e) => form.setTo(e.target.value)} />}
      </Field>
      <Field label="Topic filter" error={form.filterError} hint={form.filterError ? undefined : 'Empty: every topic. + one level, # all below.'}>
        {(a) => <input {...a} className="input mono" value={form.filter} placeholder="e.g. plant/+/temp" spellCheck={false} autoComplete="off" onChange={(e) => form.setFilter(e.target.value)} />}
      </Field>
      {sliderText && (
        <p className={`${styles.wide} ${styles.slider}`}>
          <span>
            Time travel slider at <span className={styles.preview}>{sliderText}</span>
          </span>
          <button type="button" className="btn btn-sm" onClick={() => form.setFrom(sliderText)}>
            From the slider
          </button>
          <button type="button" className="btn btn-sm" onClick={() => form.setTo(sliderText)}>
            To the slider
          </button>
        </p>
      )}
    </>
  );
}

import { useTrie } from '../../hooks/use-trie';
import { useTrieSource } from '../../hooks/trie-source';
import { useId, useMemo, useState } from 'react';
import { addSeriesToChart, chartTitle, createChart, validateSeriesInput } from '../../stores/charts-store';
import { chartableTopics, topicFieldInfo } from './topic-fields';
import { FormDialog } from '../../components/form-dialog';
import styles from './charts.module.css';

const CUSTOM = '\u0000custom';

interface SeriesDialogProps {
  /** Add to this chart; without it the dialog creates a new chart. */
  chart?: { id: string; title: string };
  onClose: () => void;
  /** Called with the chart id after saving. */
  onSaved: (chartId: string) => void;
}

/** "New chart" / "Add series": pick a topic and one of its numeric fields (or the whole payload). */
export function SeriesDialog({ chart, onClose, onSaved }: SeriesDialogProps) {
  const id = useId();
  const [topic, setTopic] = useState('');
  const [choice, setChoice] = useState<string | null>(null);
  const [customPath, setCustomPath] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | undefined>();
  const trimmed = topic.trim();
  // The session's trie, or an open recording's (the Charts view provides it then).
  const { trie } = useTrieSource();
  const version = useTrie((t) => t.get(trimmed)?.version ?? -1);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version: the topic's change counter (the trie is mutated in place)
  const info = useMemo(() => topicFieldInfo(trimmed, trie), [trimmed, version, trie]);
  const suggestions = useMemo(() => chartableTopics(200, 5000, trie), [trie]);

  const auto = info.wholeChartable || info.fields.length === 0 ? '' : info.fields[0];
  const known = choice === null || choice === CUSTOM || choice === '' || info.fields.includes(choice);
  const selected = choice !== null && known ? choice : auto;
  const field = selected === CUSTOM ? customPath.trim() : selected;

  const save = () => {
    const problem = selected === CUSTOM && !field ? 'Enter a JSON path' : validateSeriesInput(trimmed, field);
    setError(problem);
    if (problem) return;
    const chartId = chart?.id ?? createChart(title.trim() || chartTitle(trimmed, field));
    if (addSeriesToChart(chartId, trimmed, field) === undefined) {
      setError('This chart is full: remove a series first');
      return;
    }
    onSaved(chartId);
  };

  const heading = chart ? `Add series to ${chart.title}` : 'New chart';
  return (
    <FormDialog title={heading} onCancel={onClose} onSave={save} formError={error} formErrorId={`${id}-err`}>
      <div className="field">
        <label htmlFor={`${id}-topic`}>Topic</label>
        <input
          id={`${id}-topic`}
          className="input mono"
          value={topic}
          list={`${id}-topics`}
          autoFocus
          spellCheck={false}
          autoComplete="off"
          placeholder="home/livingroom/temperature"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-topic-hint${error ? ` ${id}-err` : ''}`}
          onChange={(e) => {
            setTopic(e.target.value);
            setChoice(null);
            setError(undefined);
          }}
        />
        <datalist id={`${id}-topics`}>
          {suggestions.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <span id={`${id}-topic-hint`} className="field-hint">
          {!trimmed
            ? 'A topic that publishes numbers (21.5, 21.5 °C, on/off) or JSON with numeric fields.'
            : info.seen
              ? <>Last payload: <code className={styles.preview}>{info.preview || '(empty)'}</code></>
              : 'No message seen on this topic yet: the chart fills in when it publishes.'}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-field`}>Field</label>
        <select
          id={`${id}-field`}
          className="input"
          value={selected}
          onChange={(e) => {
            setChoice(e.target.value);
            setError(undefined);
          }}
        >
          <option value="">Whole payload{info.seen && !info.wholeChartable ? ' (not numeric so far)' : ''}</option>
          {info.fields.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
          <option value={CUSTOM}>Other JSON path…</option>
        </select>
        {selected === CUSTOM && (
          <input
            className="input mono"
            aria-label="JSON path"
            placeholder="e.g. sensors[0].value"
            value={customPath}
            spellCheck={false}
            onChange={(e) => {
              setCustomPath(e.target.value);
              setError(undefined);
            }}
          />
        )}
        <span className="field-hint">
          {info.fields.length > 0
            ? `${info.fields.length} numeric field${info.fields.length === 1 ? '' : 's'} seen in recent messages.`
            : 'Numbers, numbers with a unit, and on/off or true/false (as 0/1) chart.'}
        </span>
      </div>
      {!chart && (
        <div className="field">
          <label htmlFor={`${id}-title`}>Title</label>
          <input
            id={`${id}-title`}
            className="input"
            value={title}
            placeholder={trimmed ? chartTitle(trimmed, field) : 'Defaults to the topic'}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
      )}
    </FormDialog>
  );
}

/**
 * **Apply to** beside Decode as (issue 13): which topics the Decode as choice is remembered for —
 * this exact topic, its parent level as `+` (`home/+/climate`), everything under its parent
 * (`home/kitchen/#`), or another filter typed in (validated, an alert beside it on bad input).
 * With a rule deciding the topic the select shows that rule's filter and changing it moves the
 * rule; without one it only picks where the next choice goes.
 */
import { useId, useState } from 'react';
import { create } from 'zustand';
import { matchesFilter, validateFilter } from '../../core/topic-filter';
import { decodeAsRuleFor, moveDecodeRule, useDecodeAsStore } from '../../stores/decode-as-store';
import styles from './decoded-view.module.css';

/** Where the next choice goes for a topic no rule decides (not persisted). */
const usePicked = create<{ topic: string; filter: string } | null>(() => null);

/** The filter a Decode as choice for `topic` is remembered for: the deciding rule's, else the one picked, else the topic. */
export function decodeScopeFor(topic: string): string {
  const rule = decodeAsRuleFor(topic);
  if (rule) return rule.filter;
  const picked = usePicked.getState();
  return picked?.topic === topic ? picked.filter : topic;
}

/** The offered filters: the topic, its parent level as `+`, its parent with `#` (none for a one-level topic). */
export function scopeOptions(topic: string): string[] {
  const levels = topic.split('/');
  if (levels.length < 2) return [topic];
  const plus = [...levels.slice(0, -2), '+', levels[levels.length - 1]].join('/');
  const hash = [...levels.slice(0, -1), '#'].join('/');
  // `$SYS/x`: a filter starting with a wildcard does not match a `$` topic.
  return [topic, plus, hash].filter((f, i, all) => all.indexOf(f) === i && matchesFilter(f, topic));
}

const OTHER = '\u0000other';

export function DecodeScope({ topic }: { topic: string }) {
  const id = useId();
  const ruleFilter = useDecodeAsStore((s) => decodeAsRuleFor(topic, s.rules)?.filter);
  const picked = usePicked((p) => (p?.topic === topic ? p.filter : undefined));
  const scope = ruleFilter ?? picked ?? topic;
  const [typing, setTyping] = useState<{ topic: string; text: string; error: string | null } | null>(null);
  const editing = typing?.topic === topic ? typing : null;
  const offered = scopeOptions(topic);
  const options = offered.includes(scope) ? offered : [...offered, scope];

  const apply = (filter: string) => {
    if (ruleFilter !== undefined) moveDecodeRule(ruleFilter, filter);
    else usePicked.setState({ topic, filter }, true);
  };
  const submit = () => {
    if (!editing) return;
    const f = editing.text.trim();
    const error = validateFilter(f) ?? (matchesFilter(f, topic) ? null : `${f} does not match this topic.`);
    if (error) return setTyping({ ...editing, error });
    apply(f);
    setTyping(null);
  };

  return (
    <>
      <label htmlFor={id}>Apply to</label>
      <select
        id={id}
        className="input"
        value={editing ? OTHER : scope}
        onChange={(e) => {
          if (e.target.value === OTHER) return setTyping({ topic, text: scope, error: null });
          setTyping(null);
          apply(e.target.value);
        }}
      >
        {options.map((f) => (
          <option key={f} value={f}>
            {f === topic ? `This topic (${f})` : f}
          </option>
        ))}
        <option value={OTHER}>Other filter…</option>
      </select>
      {editing && (
        <form
          className={styles.scopeForm}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label htmlFor={`${id}-f`}>Filter</label>
          <input
            id={`${id}-f`}
            className="input"
            value={editing.text}
            spellCheck={false}
            aria-invalid={editing.error ? true : undefined}
            aria-describedby={editing.error ? `${id}-e` : undefined}
            onChange={(e) => setTyping({ ...editing, text: e.target.value, error: null })}
          />
          <button type="submit" className="btn">
            Apply
          </button>
          {editing.error && (
            <span id={`${id}-e`} role="alert" className={styles.scopeError}>
              {editing.error}
            </span>
          )}
        </form>
      )}
    </>
  );
}

import { useMemo } from 'react';
import { session } from '../../mqtt/session';
import { setDraft } from '../../stores/publish-store';
import { suggestTopics } from './topic-suggestions';
import { FieldError, invalidProps } from './field-error';
import styles from './publish.module.css';

/** The Topic field, suggesting topics seen in the tree as the user types. */
export function TopicField({ id, topic, error }: { id: string; topic: string; error?: string }) {
  const suggestions = useMemo(() => suggestTopics(session.trie, topic), [topic]);
  return (
    <div className="field">
      <label htmlFor={`${id}-topic`}>Topic</label>
      <input
        id={`${id}-topic`}
        className={`input ${styles.topicInput}`}
        list={`${id}-topics`}
        autoComplete="off"
        spellCheck={false}
        placeholder="home/office/lamp"
        value={topic}
        onChange={(e) => setDraft({ topic: e.target.value })}
        {...invalidProps(`${id}-topic`, error)}
      />
      <datalist id={`${id}-topics`}>
        {suggestions.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <FieldError id={`${id}-topic`} message={error} />
    </div>
  );
}

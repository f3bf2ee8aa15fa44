/** The topics a bulk action will touch, as a list; very long sets show the first ones and a count of the rest. */
const SHOWN = 1000;

export function TopicList({ label, topics }: { label: string; topics: string[] }) {
  return (
    <ul className="topic-list" aria-label={label}>
      {topics.slice(0, SHOWN).map((t) => (
        <li key={t}>{t}</li>
      ))}
      {topics.length > SHOWN && <li>… and {(topics.length - SHOWN).toLocaleString()} more</li>}
    </ul>
  );
}

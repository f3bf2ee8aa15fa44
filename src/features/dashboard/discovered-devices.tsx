import { useId } from 'react';
import type { Dashboard, Widget } from '../../core/dashboard-schema';
import type { WidgetDraft } from '../../core/ha-discovery';
import { useDiscovered, type DiscoveryEntry } from './discovery-model';
import { Icon } from '../../components/icons';
import styles from './discovered.module.css';

const KIND: Record<string, string> = { switch: 'Switch', light: 'Light', sensor: 'Sensor', binary_sensor: 'Binary sensor' };

function topicsOf(d: WidgetDraft): string {
  switch (d.type) {
    case 'switch':
      return d.stateTopic ? `${d.commandTopic} → ${d.stateTopic}` : `${d.commandTopic} (optimistic)`;
    case 'gauge':
    case 'value':
      return d.jsonPath ? `${d.topic} › ${d.jsonPath}` : d.topic;
    default:
      return '';
  }
}

/** True when the dashboard already shows this: a switch on the same topics, a gauge, value or chart of the same reading. */
function onDashboard(d: WidgetDraft, widgets: readonly Widget[]): boolean {
  return widgets.some((w) => {
    if (w.type === 'switch' && d.type === 'switch') return w.commandTopic === d.commandTopic && w.stateTopic === d.stateTopic;
    if (d.type !== 'gauge' && d.type !== 'value') return false;
    if (w.type === 'gauge' || w.type === 'value') return w.topic === d.topic && w.jsonPath === d.jsonPath;
    if (w.type === 'chart') return w.series.some((s) => s.topic === d.topic && s.field === d.jsonPath);
    return false;
  });
}

function Entry({ entry, dashboard, onAdd }: { entry: DiscoveryEntry; dashboard: Dashboard | undefined; onAdd: (d: WidgetDraft) => void }) {
  if (!entry.ok) {
    return (
      <li className={styles.item} data-unsupported>
        <div className={styles.itemHead}>
          <span className={styles.name}>{entry.name}</span>
        </div>
        <p className={styles.topic} title={entry.topic}>
          {entry.topic}
        </p>
        <p className={styles.why}>
          <Icon name="alert" size={13} /> Cannot be added: {entry.error}
        </p>
      </li>
    );
  }
  const e = entry.entity;
  const present = dashboard ? onDashboard(e.widget, dashboard.widgets) : false;
  return (
    <li className={styles.item}>
      <div className={styles.itemHead}>
        <span className={styles.name} title={e.name}>
          {e.name}
        </span>
        <span className={styles.kind}>{KIND[e.component]}</span>
      </div>
      {e.deviceName && e.deviceName !== e.name && <p className={styles.device}>{e.deviceName}</p>}
      <p className={styles.topic} title={topicsOf(e.widget)}>
        {topicsOf(e.widget)}
      </p>
      {e.notes.map((n) => (
        <p key={n} className={styles.why}>
          {n}
        </p>
      ))}
      <div className={styles.itemFoot}>
        {present && (
          <span className={styles.present}>
            <Icon name="check" size={13} /> On this dashboard
          </span>
        )}
        <button
          type="button"
          className={`btn btn-sm ${styles.add}`}
          disabled={!dashboard}
          onClick={() => onAdd(e.widget)}
        >
          {/* Named by its content, so the name holds the visible text: "Add Porch light (again)". */}
          <Icon name="plus" size={14} />
          <span>
            Add<span className="sr-only"> {e.name}</span>
            {present ? ' again' : ''}
          </span>
        </button>
      </div>
    </li>
  );
}

/** Devices announced by Home Assistant MQTT discovery, each addable as a widget in one click. */
export function DiscoveredDevices({ dashboard, onAdd }: { dashboard: Dashboard | undefined; onAdd: (d: WidgetDraft) => void }) {
  const entries = useDiscovered();
  const headingId = useId();
  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <div className={styles.panelHead}>
        <h2 id={headingId}>
          <Icon name="radar" size={16} /> Discovered devices
        </h2>
        <span className={`${styles.count} tabular`} aria-label={`${entries.length} announced`}>
          {entries.length}
        </span>
      </div>
      {entries.length === 0 ? (
        <div className={styles.empty}>
          <p>No devices have announced themselves yet.</p>
          <p>
            Devices using Home Assistant MQTT discovery publish a retained config on
            <code>homeassistant/&lt;component&gt;/&lt;id&gt;/config</code>
            Switches, lights, sensors and binary sensors show up here, ready to add in one click.
          </p>
        </div>
      ) : (
        <ul className={styles.list}>
          {entries.map((e) => (
            <Entry key={e.topic} entry={e} dashboard={dashboard} onAdd={onAdd} />
          ))}
        </ul>
      )}
    </section>
  );
}

import { useDeferredValue, useMemo, useState } from 'react';
import { session } from '../../mqtt/session';
import { useLiveModel, useModel } from '../../hooks/use-model';
import { VersionedEmitter } from '../../core/emitter';
import { useTimeTravelStore } from '../../stores/time-travel-store';
import { liveReading, recordingReading } from './traffic-source';
import { useNavigate } from '../../hooks/use-navigation';
import { useSessionStore } from '../../stores/session-store';
import { downloadText } from '../../components/live-chart/csv';
import { parseGroupPattern } from '../../core/group-pattern';
import { TopTalkers, type TalkerQuery, type TalkerSort } from '../../core/top-talkers';
import { formatCount, plural } from '../../lib/format';
import { formatByteRate, formatRate } from './format';
import { TalkersTable, type SortState } from './talkers-table';
import { SilentTable } from './silent-table';
import { showInExplorer } from './show-in-explorer';
import { snapshotName, talkersCsv, trafficJson } from './snapshot';
import styles from './traffic.module.css';

/** Rows shown in Top talkers (the filter and Group by narrow the rest down); a snapshot takes up to SNAPSHOT_ROWS. */
const SHOWN_ROWS = 100;
const SNAPSHOT_ROWS = 10_000;
/** Stands in for an open recording's source while none is open (it never changes). */
const NO_RECORDING = new VersionedEmitter();

/**
 * Who is sending all this, and what went quiet. Reads the traffic model (core/traffic.ts), which
 * closes a second once a second: the view re-renders then, never per message. While a recording
 * is open (time travel) it reads the recording's figures as of the slider's time instead
 * (core/recording-traffic.ts), following the slider at most 4 times a second.
 */
export function TrafficView() {
  const phase = useTimeTravelStore((s) => s.phase);
  const source = useTimeTravelStore((s) => s.source);
  const figures = useTimeTravelStore((s) => s.figures);
  const name = useTimeTravelStore((s) => s.name);
  const open = phase === 'open' && source && figures ? source : undefined;
  const traffic = useMemo(
    () => (open && figures ? recordingReading(open, figures, name ?? '') : liveReading(session.traffic)),
    [open, figures, name],
  );
  const liveVersion = useModel(session.traffic);
  const recordingVersion = useLiveModel(open ?? NO_RECORDING, (m) => m.getVersion(), 250);
  const version = open ? recordingVersion : liveVersion;
  const navigate = useNavigate();
  const broker = useSessionStore((s) => s.brokerUrl);
  const [filter, setFilter] = useState('');
  const [groupText, setGroupText] = useState('');
  const [sort, setSort] = useState<SortState>({ by: 'msgRate', descending: true });
  const [talkers] = useState(() => new TopTalkers());
  const deferredFilter = useDeferredValue(filter);
  const deferredGroup = useDeferredValue(groupText);
  const parsed = useMemo(() => parseGroupPattern(deferredGroup), [deferredGroup]);
  const groupBy = parsed.pattern ?? null;

  const query = (limit: number): TalkerQuery => ({ groupBy, filter: deferredFilter, sort: sort.by, descending: sort.descending, limit });
  const view = useMemo(
    () => {
      const now = traffic.now();
      return { now, talkers: talkers.run(traffic.columns(), query(SHOWN_ROWS)), silent: traffic.silent(), overall: traffic.overall() };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version: the model is mutated in place; its tick counter drives the memo
    [traffic, version, talkers, groupBy, deferredFilter, sort],
  );

  const onSort = (by: TalkerSort) =>
    setSort((s) => (s.by === by ? { by, descending: !s.descending } : { by, descending: by !== 'topic' }));
  const show = (topic: string) => showInExplorer(topic, navigate);
  const snapshot = (kind: 'csv' | 'json') => {
    const time = traffic.now();
    const rows = talkers.run(traffic.columns(), query(SNAPSHOT_ROWS)).rows;
    const ctx = { time, broker, groupBy: groupBy ? deferredGroup.trim() : '', filter: deferredFilter.trim() };
    if (kind === 'csv') downloadText(snapshotName(time, 'csv'), talkersCsv(rows, ctx));
    else downloadText(snapshotName(time, 'json'), trafficJson(rows, traffic.silent(SNAPSHOT_ROWS).rows, ctx), 'application/json');
  };

  const { talkers: top, silent, overall, now } = view;
  const unit = groupBy ? 'group' : 'topic';
  return (
    <div className={styles.view}>
      <div className={styles.toolbar}>
        <input
          className="input"
          type="search"
          aria-label="Filter"
          placeholder={groupBy ? 'Filter groups' : 'Filter topics'}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className={styles.groupBy}>
          <span>Group by</span>
          <input
            className="input"
            value={groupText}
            placeholder="whole topic, or e.g. plant/+/+"
            aria-invalid={parsed.error ? true : undefined}
            aria-describedby={parsed.error ? 'group-by-error' : 'group-by-hint'}
            spellCheck={false}
            onChange={(e) => setGroupText(e.target.value)}
          />
        </label>
        <span id="group-by-hint" hidden>
          Empty for one row per topic; a level pattern such as plant/+/+ rolls every topic below each match into one row.
        </span>
        <span className={`${styles.summary} tabular`}>
          {formatRate(overall.msgRate)} msg/s · {formatByteRate(overall.byteRate)} · {plural(traffic.topicCount(), 'topic')}
        </span>
        <div className={styles.buttons}>
          <button type="button" className="btn btn-sm" disabled={top.total === 0} onClick={() => snapshot('csv')} title="Download the Top talkers table as CSV">
            Snapshot CSV
          </button>
          <button type="button" className="btn btn-sm" disabled={top.total === 0} onClick={() => snapshot('json')} title="Download Top talkers and Silent topics as JSON">
            Snapshot JSON
          </button>
        </div>
        {parsed.error && (
          <p id="group-by-error" role="alert" className={styles.error}>
            Group by: {parsed.error}
          </p>
        )}
      </div>

      <section className={styles.section} aria-labelledby="top-talkers-title">
        <div className={styles.head}>
          <h2 id="top-talkers-title">Top talkers</h2>
          <span className={styles.note}>
            {top.total > top.rows.length ? `Top ${formatCount(top.rows.length)} of ${plural(top.total, unit)}` : plural(top.total, unit)} · rates over
            {traffic.recording !== undefined ? ' the 10 s ending at the slider’s time' : ' the last 10 s'} (hover for the last minute) · click a row to show it in the Explorer
          </span>
        </div>
        {top.rows.length > 0 ? (
          <div className={styles.tableWrap}>
            <TalkersTable rows={top.rows} grouped={groupBy !== null} sort={sort} onSort={onSort} onOpen={show} now={now} />
          </div>
        ) : (
          <p className={styles.empty}>
            {traffic.topicCount() === 0
              ? traffic.recording !== undefined
                ? 'Nothing recorded yet at this time. Move the Time slider on.'
                : 'No messages yet. Rates appear here as soon as topics publish.'
              : groupBy
                ? 'No topic matches this Group by pattern (and filter).'
                : 'No topic matches the filter.'}
          </p>
        )}
      </section>

      <section className={styles.section} aria-labelledby="silent-topics-title">
        <div className={styles.head}>
          <h2 id="silent-topics-title">Silent topics</h2>
          <span className={styles.note}>
            Quiet for 3× their usual interval (learned from their own history), or a status / last-will topic saying offline
            {traffic.recording !== undefined && ', as of the slider’s time'}
          </span>
        </div>
        {silent.rows.length > 0 ? (
          <div className={styles.tableWrap}>
            <SilentTable rows={silent.rows} onOpen={show} now={now} />
            {silent.total > silent.rows.length && <p className={styles.note}>and {formatCount(silent.total - silent.rows.length)} more</p>}
          </div>
        ) : (
          <p className={styles.empty}>Nothing has gone quiet. A topic that publishes regularly is listed here when it misses three intervals.</p>
        )}
      </section>
    </div>
  );
}

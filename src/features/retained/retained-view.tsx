import { useEffect, useMemo, useState } from 'react';
import { useLiveTrie } from '../../hooks/use-trie';
import { refusalMessage, retainedDeletion, retainedEntries, withFullPayloads } from '../../mqtt/retained-ops';
import { toRetainedFile } from '../../core/retained-file';
import { useSessionStore } from '../../stores/session-store';
import { DeleteRetainedDialog } from '../../components/delete-retained-dialog';
import { RetainedTable } from './retained-table';
import { ImportButton } from './import-button';
import { SnapshotList } from './snapshot-list';
import { saveTextFile } from './save-file';
import styles from './retained.module.css';

const MAX_ROWS = 2000;

/** The retained-message workbench: review, filter, select, delete (with snapshot), export, import. */
export function RetainedView() {
  const { trie, epoch } = useLiveTrie();
  const broker = useSessionStore((s) => s.brokerUrl);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [pendingDelete, setPendingDelete] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(t);
  }, []);

  // eslint-disable-next-line react-hooks/exhaustive-deps -- epoch: the trie is mutated in place; its change counter drives the memo
  const all = useMemo(() => trie.retainedTopics().filter((n) => n.retainedMessage), [trie, epoch]);
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(() => (needle ? all.filter((n) => n.topic.toLowerCase().includes(needle)) : all), [all, needle]);
  const selectedNodes = all.filter((n) => selected.has(n.topic));

  const toggle = (topic: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(topic);
      else next.delete(topic);
      return next;
    });

  const exportNodes = selectedNodes.length ? selectedNodes : shown;
  return (
    <div className={styles.view}>
      <div className={styles.toolbar}>
        <input className="input" aria-label="Filter" placeholder="Filter retained topics" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className={`${styles.count} tabular`}>
          {needle ? `${shown.length.toLocaleString()} of ` : ''}
          {all.length.toLocaleString()} retained
        </span>
        <div className={styles.buttons}>
          <button type="button" className="btn btn-danger" disabled={selectedNodes.length === 0} onClick={() => setPendingDelete(true)}>
            Delete selected{selectedNodes.length ? ` (${selectedNodes.length})` : ''}
          </button>
          <button
            type="button"
            className="btn"
            disabled={exportNodes.length === 0 || exporting}
            title={selectedNodes.length ? 'Export the selected retained messages' : 'Export every retained message shown'}
            aria-busy={exporting || undefined}
            onClick={async () => {
              // Payloads kept only in part are read back in full first; failing that, nothing is exported.
              setExportError(null);
              setExporting(true);
              const entries = retainedEntries(exportNodes);
              const full = await withFullPayloads(entries);
              setExporting(false);
              if (!full.ok) {
                setExportError(refusalMessage('exported', full.refused, entries));
                return;
              }
              saveTextFile(toRetainedFile(full.entries, { broker }), `retained-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
              setNotice(`Exported ${exportNodes.length} retained message${exportNodes.length === 1 ? '' : 's'}.`);
            }}
          >
            Export
          </button>
          <ImportButton onDone={setNotice} />
        </div>
      </div>
      {exportError && (
        <p className={`${styles.notice} ${styles.noticeError}`} role="alert">
          {exportError}
        </p>
      )}
      {notice && (
        <p className={styles.notice} role="status">
          {notice}
        </p>
      )}
      {all.length === 0 ? (
        <div className="empty-state">
          <h2>No retained messages seen</h2>
          <p>
            Retained messages arrive as soon as you subscribe, so if your subscriptions cover them they are listed here.
            Check the Subscriptions of your connection (# covers everything except $SYS).
          </p>
          <p>
            Not every broker sends them to wildcards: RabbitMQ keeps retained messages per node and sends them only to
            subscriptions of their exact topic (never to # or +), so on RabbitMQ this list stays empty; subscribe to a
            topic by its full name to see its retained message there.
          </p>
        </div>
      ) : (
        <RetainedTable
          nodes={shown.slice(0, MAX_ROWS)}
          selected={selected}
          onToggle={toggle}
          onToggleAll={(on) => setSelected(on ? new Set(shown.slice(0, MAX_ROWS).map((n) => n.topic)) : new Set())}
          now={now}
        />
      )}
      {shown.length > MAX_ROWS && (
        <p className="field-hint" style={{ padding: '0 16px' }}>
          Showing the first {MAX_ROWS.toLocaleString()} of {shown.length.toLocaleString()}; narrow the filter to see the rest.
        </p>
      )}
      <SnapshotList />
      {pendingDelete && (
        <DeleteRetainedDialog
          actions={retainedDeletion}
          entries={retainedEntries(selectedNodes)}
          scope="selected in the Retained view"
          onCancel={() => setPendingDelete(false)}
          onDone={(msg) => {
            setPendingDelete(false);
            setSelected(new Set());
            setNotice(msg);
          }}
        />
      )}
    </div>
  );
}

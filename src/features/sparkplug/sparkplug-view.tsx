/**
 * The Sparkplug view (issue 13): beside the Explorer's raw topic tree, the Sparkplug B namespace
 * as a plant sees it — groups → edge nodes → devices with their online state, seq gaps and
 * metrics by name. Reads core/sparkplug-model.ts, which app/sparkplug-feed.ts feeds once per
 * batch; re-rendered at most 10 times a second (useLiveModel), never per message.
 */
import { useMemo, useState } from 'react';
import { useLiveModel } from '../../hooks/use-model';
import { useEnsureSubscribed } from '../../hooks/use-ensure-subscribed';
import { useSessionStore } from '../../stores/session-store';
import { formatClock, plural } from '../../lib/format';
import type { SparkplugModel } from '../../core/sparkplug-model';
import { sparkplugModel } from './model-instance';
import { SparkplugTree, OnlineBadge } from './sparkplug-tree';
import { SparkplugDetail } from './sparkplug-detail';
import { treeRows, type Place } from './tree-rows';
import styles from './sparkplug.module.css';

/** Sparkplug B's namespace, and Sparkplug 3's host STATE inside it. */
const FILTERS = ['spBv1.0/#'];

function totals(model: SparkplugModel) {
  let nodes = 0;
  let nodesOnline = 0;
  let devices = 0;
  let devicesOnline = 0;
  for (const g of model.groups.values()) {
    for (const n of g.nodes.values()) {
      nodes++;
      if (n.online) nodesOnline++;
      for (const d of n.devices.values()) {
        devices++;
        if (d.online) devicesOnline++;
      }
    }
  }
  return { nodes, nodesOnline, devices, devicesOnline };
}

export function SparkplugView({ model = sparkplugModel }: { model?: SparkplugModel }) {
  useEnsureSubscribed(FILTERS);
  const version = useLiveModel(model, (m) => m.version);
  const connected = useSessionStore((s) => s.state === 'connected');
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [chosen, setChosen] = useState<Place | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version: the model is mutated in place; its version drives the memo
  const rows = useMemo(() => treeRows(model, toggled), [model, version, toggled]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
  const sum = useMemo(() => totals(model), [model, version]);

  // What is shown: the chosen edge node or device, else the first edge node.
  const first = rows.find((r) => r.kind === 'node');
  const place = chosen && model.node(chosen.group, chosen.node ?? '') ? chosen : first ? first.place : chosen;
  const node = place?.node !== undefined ? model.node(place.group, place.node) : undefined;
  const device = place?.device !== undefined ? node?.devices.get(place.device) : undefined;

  if (model.groups.size === 0 && model.hosts.size === 0) {
    return (
      <div className={styles.empty}>
        <h2>No Sparkplug B edge nodes yet</h2>
        <p>
          Edge nodes appear here as soon as they publish on <code>spBv1.0/…</code>: groups, edge nodes and their devices with their
          online state and metrics by name. Their BIRTH messages name the metrics; an edge node that was already running before
          Switchyard connected can be asked to send them again with <strong>Request rebirth</strong>.
        </p>
        {!connected && <p>Connect to a broker first (Connections, at the top right).</p>}
      </div>
    );
  }
  const onToggle = (key: string, open: boolean) => setToggled((t) => new Map(t).set(key, open));
  // A group is not shown on its own: choosing it opens or closes it.
  const onSelect = (p: Place) => {
    if (p.node !== undefined) setChosen(p);
    else setToggled((t) => new Map(t).set(p.group, !(t.get(p.group) ?? true)));
  };
  return (
    <div className={styles.view}>
      <section className={styles.treePane} aria-label="Edge nodes">
        <div className={styles.toolbar}>
          <span className={styles.totals}>
            {plural(sum.nodes, 'edge node')} ({sum.nodesOnline} online) · {plural(sum.devices, 'device')} ({sum.devicesOnline} online)
          </span>
          {!connected && <span className={styles.stale}>Not connected: states as last seen</span>}
        </div>
        <SparkplugTree rows={rows} selected={place} onSelect={onSelect} onToggle={onToggle} />
        {model.hosts.size > 0 && (
          <div className={styles.hosts}>
            <h2 className={styles.hostsTitle}>Host applications</h2>
            <ul aria-label="Host applications">
              {[...model.hosts.values()].map((h) => (
                <li key={h.name}>
                  <span className={styles.mono}>{h.name}</span> <OnlineBadge online={h.online} />{' '}
                  <span className={styles.muted}>since {formatClock(h.since)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {model.dropped > 0 && <p className={styles.note}>{plural(model.dropped, 'message')} beyond the limits (10,000 edge nodes and devices, 2,000 metrics each) not shown.</p>}
      </section>
      <section className={styles.detailPane} aria-label="Details">
        {node ? (
          <SparkplugDetail node={node} device={device} />
        ) : (
          <p className={styles.emptyDetail}>Select an edge node or a device to see its metrics.</p>
        )}
      </section>
    </div>
  );
}

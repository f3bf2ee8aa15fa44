/**
 * Everything that reacts to the connection, in one place and in reading order. Nothing in the
 * app subscribes to the session, the trie or a store as a side effect of being imported: what
 * runs when a batch arrives or the connection comes and goes is listed here, and started once
 * by startSession() (start-session.ts) before the first connect. Views loaded on first visit
 * (Dashboard, Access control) bring models of their own: the routes load them through
 * loadDashboard() / loadAccess() below, which wire those models the moment their code arrives.
 *
 *   worker ─batch→ session.applyQueued() ─→ trie.apply() ─→ onBatch listeners below ─→ models ─→ useModel
 */
import type { Session } from '../mqtt/session';
import { trackedSeries, useChartsStore } from '../stores/charts-store';
import { usePrefsStore } from '../stores/prefs-store';
import { useDecodeAsStore, workerDecodeRules } from '../stores/decode-as-store';
import { STORE_KEYS } from '../stores/store-keys';
import { useSessionStore } from '../stores/session-store';
import { extraSubscriptions } from '../hooks/use-ensure-subscribed';
import { sendQueuedOnConnect } from '../features/publish/publish-actions';
import { startQueueGuards } from '../features/publish/queue-guard';
import { rowRates } from '../features/explorer/row-rates';
import { setAlertCounts } from '../stores/alerts-ui';
import { SparkplugFeed } from './sparkplug-feed';
import type { AlertsModel } from '../core/alerts-model';
import type { AlertRule } from '../core/alert-rules';

type Stop = () => void;

/** The session startLive() wired (views loaded later are wired to the same one). */
let live: Session | undefined;

/** Starts every live reaction; returns the function that stops them all (tests, hot reload). */
export function startLive(session: Session): Stop {
  live = session;
  const { trie, series } = session;
  const stops = [
    // Preferences: how much history the trie keeps per topic.
    applyNow(() => trie.setHistoryLimit(usePrefsStore.getState().historyLimit)),
    usePrefsStore.subscribe((p) => trie.setHistoryLimit(p.historyLimit)),

    // Decode as (Message panel) and the protobuf mappings (Decoders page): the topic filters the
    // worker decodes as Sparkplug B, Protobuf, MessagePack, CBOR, with the .proto files.
    applyNow(() => sendDecodeRules(session)),
    useDecodeAsStore.subscribe((s, prev) => s.rules !== prev.rules && sendDecodeRules(session)),
    // The protobuf store: read now only when something is stored (see loadProtobuf).
    applyNow(() => void (hasStoredKey(STORE_KEYS.protobuf) && loadProtobuf())),

    // Charts: what the Charts view shows is recorded whether or not the view is open
    // (charts mounted elsewhere add their own series with useTrackSeries).
    applyNow(() => series.setTracked('charts-view', trackedSeries())),
    useChartsStore.subscribe((s, prev) => {
      if (s.charts !== prev.charts) series.setTracked('charts-view', trackedSeries(s));
    }),

    // Every applied batch, after the trie took it:
    session.onBatch((messages) => series.ingest(messages)), // chart points
    session.onBatch((messages, _replays, coalesced) => session.traffic.ingest(messages, coalesced)), // rates, sizes, intervals (coalesced floods too)
    // The Sparkplug view's model (edge nodes, devices, metrics by name): from what the worker decoded;
    // its code loads with the first Sparkplug message (app/sparkplug-feed.ts). Topics cleared: forgotten.
    ...wireSparkplug(session),
    // Once a second: the traffic windows close a second (views and alerts follow at 1 Hz), and the
    // Explorer's shown rows sample their subtree counts for "Show rates" (nothing while it is off).
    everySecond(() => {
      session.traffic.tick();
      rowRates.sample();
    }),

    // The connection coming (back):
    session.onConnected(() => sendQueuedOnConnect()), // the Publish view's queue goes out
    // Topics views need beyond the profile's subscriptions: re-subscribed after each connect,
    // once the worker reported what the broker granted (hooks/extra-subscriptions.ts).
    useSessionStore.subscribe((s, prev) => extraSubscriptions.sessionChanged(s, prev)),

    // Queued publishes expire; leaving the page asks first while any wait.
    startQueueGuards(),

    // Once the first messages are on screen: fetch, when the browser is idle, the code of what
    // the first screen did not need (so the first click on it does not wait for the network).
    prefetchAfterFirstBatch(session),

    // Alert rules: their store (a small chunk) is read after the first batch (or 3 s); the
    // engine loads only when a rule exists (loadAlerts below) or the Alerts view opens.
    readAlertRulesLater(session),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

function wireSparkplug(session: Session): Stop[] {
  const feed = new SparkplugFeed();
  return [session.onBatch((messages) => feed.onBatch(messages)), session.trie.subscribe(() => feed.onTrieChanged(session.trie.topicCount))];
}

/** The Dashboard's code, loaded on first visit; its switches and discovered devices then follow the session. */
export const loadDashboard = loadAndWire(
  () => import('../features/dashboard/entry'),
  ({ switchRuntime, discoveryModel }, session) => [
    applyNow(() => switchRuntime.connectionChanged(useSessionStore.getState().state === 'connected')),
    session.onBatch((messages, replays) => switchRuntime.route(messages, replays)), // switches (replays confirm)
    session.onConnected(() => switchRuntime.connectionChanged(true)),
    session.onDisconnected(() => switchRuntime.connectionChanged(false)),
    session.onBatch((messages) => discoveryModel.onBatch(messages)), // discovered devices
    session.trie.subscribe(() => discoveryModel.onTrieChanged()), // trie cleared: forget them
  ],
);

/** Access control's code, loaded on first visit; the broker's dynamic-security answers then reach its model. */
export const loadAccess = loadAndWire(
  () => import('../features/access/entry'),
  ({ routeDynsecResponses }, session) => [session.onBatch((messages) => routeDynsecResponses(messages))],
);

/**
 * The alerts' main-thread side, loaded when a rule exists or the Alerts view opens. The rules are
 * evaluated in the MQTT worker (mqtt/alert-worker.ts, on every message before a flood is
 * coalesced; silence and rates on its own 1 s clock, not judged while disconnected); here they
 * are handed to it, and its reports (transitions, rule statuses) feed the view and the header.
 */
export const loadAlerts = loadAndWire(
  () => import('../features/alerts/runtime'),
  ({ alerts, useAlertRulesStore }, session) => [
    applyNow(() => sendAlertRules(session, alerts, useAlertRulesStore.getState().rules)),
    useAlertRulesStore.subscribe((s, prev) => {
      if (s.rules !== prev.rules) sendAlertRules(session, alerts, s.rules);
    }),
    session.onAlerts((ev) => alerts.apply(ev.report)), // the log, rule statuses, notifications
    alerts.subscribe(() => setAlertCounts({ active: alerts.active })), // the header's count
    // Filters of enabled rules that the profile's subscriptions do not cover (e.g. $SYS/…) are
    // subscribed on their own while the rule exists.
    keepWanted(() => alertFilters(useAlertRulesStore.getState().rules), (fn) => useAlertRulesStore.subscribe((s, prev) => s.rules !== prev.rules && fn())),
  ],
);

/** Keeps `filters()` subscribed (hooks/extra-subscriptions.ts), re-asked whenever `onChange` says so. */
function keepWanted(filters: () => string[], onChange: (fn: () => void) => Stop): Stop {
  let release = extraSubscriptions.want(filters());
  const stop = onChange(() => {
    const old = release;
    release = extraSubscriptions.want(filters());
    old();
  });
  return () => {
    stop();
    release();
  };
}

const alertFilters = (rules: readonly { filter: string; enabled: boolean }[]) => [...new Set(rules.filter((r) => r.enabled).map((r) => r.filter))];

/** The rules to the worker; a worker started later (after a failure) also gets what fires now, so it can clear. */
function sendAlertRules(session: Session, alerts: AlertsModel, rules: AlertRule[]): void {
  alerts.setRules(rules);
  session.setAlertRules((newWorker) => (newWorker ? { type: 'alert-rules', rules, active: alerts.activePairs() } : { type: 'alert-rules', rules }));
}
export const loadAlertsView = () => loadAlerts().then(() => import('../features/alerts/alerts-view'));

function readAlertRulesLater(session: Session): Stop {
  let stopped = false;
  let unsubscribe: Stop | undefined;
  // When the browser is idle after the first batch, so the first rows are painted before this is fetched.
  const readWhenIdle = () => {
    stopBatch();
    clearTimeout(timer);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(read, { timeout: 2000 });
    else setTimeout(read, 200);
  };
  const read = () => {
    import('../stores/alert-rules-store')
      .then(({ useAlertRulesStore }) => {
        if (stopped || unsubscribe) return;
        const check = (rules: number) => {
          setAlertCounts({ rules });
          if (rules > 0) loadAlerts().catch(() => {}); // the Alerts view reports a failed load
        };
        check(useAlertRulesStore.getState().rules.length);
        unsubscribe = useAlertRulesStore.subscribe((s) => check(s.rules.length));
      })
      .catch(() => {});
  };
  const stopBatch = session.onBatch(readWhenIdle);
  const timer = setTimeout(readWhenIdle, 3000);
  return () => {
    stopped = true;
    stopBatch();
    clearTimeout(timer);
    unsubscribe?.();
  };
}

/** The Publish and Retained views' code, loaded on first visit (their state is in stores/, wired above). */
export const loadPublish = () => import('../features/publish/publish-view');
export const loadRetained = () => import('../features/retained/retained-view');

/** What the first screen leaves for later (docs/performance.md, "First load"). */
const LATER = [
  () => import('../features/explorer/message-panel'),
  () => import('../features/connection/connection-dialog'),
  loadPublish,
  loadRetained,
];

function prefetchAfterFirstBatch(session: Session): Stop {
  let started = false;
  return session.onBatch(() => {
    if (started) return;
    started = true;
    const fetchAll = () => {
      for (const load of LATER) load().catch(() => {}); // errors are the view's own load's to report
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fetchAll, { timeout: 2000 });
    else setTimeout(fetchAll, 200);
  });
}

/** Loads a module once; the first time it arrives, wires it to the live session. */
function loadAndWire<M>(load: () => Promise<M>, wire: (module: M, session: Session) => Stop[]): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () =>
    (loading ??= load().then((module) => {
      if (live) wire(module, live);
      return module;
    }));
}

/** Runs `fn` once a second until stopped. */
function everySecond(fn: () => void): Stop {
  const timer = setInterval(fn, 1000);
  return () => clearInterval(timer);
}

let protobufStore: typeof import('../stores/protobuf-store').useProtobufStore | undefined;

/**
 * The protobuf decoders' store (.proto files and topic filter → message type mappings, Decoders
 * page), loaded at start only when something is stored (a first visit does without it), else
 * with the Decoders page, which is the only place that changes it; from then on its mappings go
 * to the worker with the Decode as rules.
 */
export const loadProtobuf = loadAndWire(
  () => import('../stores/protobuf-store'),
  ({ useProtobufStore }, session) => {
    protobufStore = useProtobufStore;
    return [
      applyNow(() => sendDecodeRules(session)),
      useProtobufStore.subscribe((s, prev) => (s.files !== prev.files || s.mappings !== prev.mappings) && sendDecodeRules(session)),
    ];
  },
);

function hasStoredKey(key: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key) != null;
  } catch {
    return false;
  }
}

/** The worker's decode rules (Decode as first, then protobuf mappings by precedence) and, when a rule needs them, the .proto files. */
function sendDecodeRules(session: Session): void {
  const { files, mappings } = protobufStore?.getState() ?? { files: [], mappings: [] };
  const rules = workerDecodeRules(useDecodeAsStore.getState().rules, mappings);
  session.setDecodeRules(rules, rules.some((r) => r.format === 'protobuf') ? files : undefined);
}

/** Runs `fn` now; nothing to stop. */
function applyNow(fn: () => void): () => void {
  fn();
  return () => {};
}

/**
 * Everything that reacts to the connection, in one place and in reading order. Nothing in the
 * app subscribes to the session, the trie or a store as a side effect of being imported: what
 * runs when a batch arrives or the connection comes and goes is listed here, and started once
 * by startSession() (start-session.ts) before the first connect.
 *
 *   worker ─batch→ session.applyQueued() ─→ trie.apply() ─→ onBatch listeners below ─→ models ─→ useModel
 */
import type { Session } from '../mqtt/session';
import { trackedSeries, useChartsStore } from '../stores/charts-store';
import { usePrefsStore } from '../stores/prefs-store';
import { useSessionStore } from '../stores/session-store';
import { extraSubscriptions } from '../hooks/use-ensure-subscribed';
import { switchRuntime } from '../features/dashboard/switch-runtime';
import { discoveryModel } from '../features/dashboard/discovery-model';
import { routeDynsecResponses } from '../features/access/use-dynsec';
import { sendQueuedOnConnect } from '../features/publish/publish-actions';
import { startQueueGuards } from '../features/publish/queue-guard';

/** Starts every live reaction; returns the function that stops them all (tests, hot reload). */
export function startLive(session: Session): () => void {
  const { trie, series } = session;
  const stops = [
    // Preferences: how much history the trie keeps per topic.
    applyNow(() => trie.setHistoryLimit(usePrefsStore.getState().historyLimit)),
    usePrefsStore.subscribe((p) => trie.setHistoryLimit(p.historyLimit)),

    // Charts: what the Charts view shows is recorded whether or not the view is open
    // (charts mounted elsewhere add their own series with useTrackSeries).
    applyNow(() => series.setTracked('charts-view', trackedSeries())),
    useChartsStore.subscribe((s, prev) => {
      if (s.charts !== prev.charts) series.setTracked('charts-view', trackedSeries(s));
    }),

    // Every applied batch, after the trie took it:
    session.onBatch((messages) => series.ingest(messages)), //          chart points
    session.onBatch((messages, replays) => switchRuntime.route(messages, replays)), // dashboard switches
    session.onBatch((messages) => discoveryModel.onBatch(messages)), // discovered devices
    session.onBatch((messages) => routeDynsecResponses(messages)), //   access control answers
    trie.subscribe(() => discoveryModel.onTrieChanged()), //            trie cleared: forget devices

    // The connection coming and going:
    session.onConnected(() => switchRuntime.connectionChanged(true)),
    session.onDisconnected(() => switchRuntime.connectionChanged(false)),
    session.onConnected(() => sendQueuedOnConnect()), //                 the Publish view's queue
    // Topics views need beyond the profile's subscriptions: re-subscribed after each connect,
    // once the worker reported what the broker granted (hooks/extra-subscriptions.ts).
    useSessionStore.subscribe((s, prev) => extraSubscriptions.sessionChanged(s, prev)),

    // Queued publishes expire; leaving the page asks first while any wait.
    startQueueGuards(),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/** Runs `fn` now; nothing to stop. */
function applyNow(fn: () => void): () => void {
  fn();
  return () => {};
}

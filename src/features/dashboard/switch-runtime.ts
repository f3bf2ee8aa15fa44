/**
 * Switch widgets' runtime: one batch listener on the session for all switches
 * (messages are routed by topic), one watcher of the connection state, and a
 * controller per mounted switch. Components never get per-message React state:
 * they read their controller's version (see use-switch.ts).
 *
 * Reconnects: a reconnect makes every switch "stale" until a state arrives: a
 * fresh message, or the broker's retained replay after the resubscription (the
 * session hands unchanged replays to listeners separately and refreshes the
 * trie's last message with them, so they count as a confirmation just now).
 */
import { session } from '../../mqtt/session';
import { useSessionStore } from '../../stores/session-store';
import type { MqttMessage } from '../../core/message';
import type { SwitchWidget } from '../../core/dashboard-schema';
import { SwitchController } from './switch-controller';

interface Entry {
  controller: SwitchController;
  sig: string;
  refs: number;
  registered: boolean;
}

const entries = new Map<string, Entry>();
const byTopic = new Map<string, Set<SwitchController>>();
let started = false;
let everConnected = false;
let reconnectAt = 0;

const isConnected = () => useSessionStore.getState().state === 'connected';

function start(): void {
  if (started) return;
  started = true;
  everConnected = isConnected();
  session.onBatch(route);
  useSessionStore.subscribe((s, prev) => {
    const up = s.state === 'connected';
    if (up !== (prev.state === 'connected')) {
      if (up && everConnected) reconnectAt = Date.now();
      everConnected ||= up;
      const time = Date.now();
      for (const e of entries.values()) e.controller.dispatch({ type: 'connection', connected: up, time });
    }
  });
}

function route(messages: MqttMessage[], replays: MqttMessage[]): void {
  if (byTopic.size === 0) return;
  for (const batch of [messages, replays]) {
    for (const m of batch) {
      const list = byTopic.get(m.topic);
      if (list) for (const c of list) c.onMessage(m);
    }
  }
}

// Confirming an imported switch (clearing `unconfirmed`) keeps its controller and pending command.
const signature = (w: SwitchWidget) => JSON.stringify({ ...w, pos: undefined, label: undefined, unconfirmed: undefined });

/**
 * The controller for this widget configuration (created on first use, from the
 * current connection and the trie's last messages). Call retainSwitch when mounted.
 */
export function getSwitchController(widget: SwitchWidget): SwitchController {
  start();
  const sig = signature(widget);
  const found = entries.get(widget.id);
  if (found && found.sig === sig) return found.controller;
  if (found) drop(widget.id, found);
  const controller = new SwitchController(widget, isConnected(), session);
  // Messages from before the last reconnect are not fresh: the state shows as stale and an
  // old availability is not used (a replay after the reconnect refreshes the trie's last).
  const fresh = (m: MqttMessage) => !reconnectAt || m.time >= reconnectAt;
  const availability = widget.availabilityTopic ? session.trie.get(widget.availabilityTopic)?.last : undefined;
  if (availability && fresh(availability)) controller.onMessage(availability);
  else if (availability) controller.seen.set(availability.topic, availability); // considered, not used
  const state = widget.stateTopic ? session.trie.get(widget.stateTopic)?.last : undefined;
  if (state) {
    controller.onMessage(state);
    if (!fresh(state)) controller.snapshot = { ...controller.snapshot, stale: true };
  }
  entries.set(widget.id, { controller, sig, refs: 0, registered: false });
  return controller;
}

/** Registers a mounted switch for messages; returns the release function. */
export function retainSwitch(widgetId: string, controller: SwitchController): () => void {
  const e = entries.get(widgetId);
  if (!e || e.controller !== controller) return () => {};
  e.refs++;
  if (e.refs === 1 && !e.registered) {
    e.registered = true;
    for (const t of controller.topics()) {
      let set = byTopic.get(t);
      if (!set) byTopic.set(t, (set = new Set()));
      set.add(controller);
      // A batch may have been applied between the render that created the controller and now.
      const last = session.trie.get(t)?.last;
      if (last && controller.seen.get(t) !== last) controller.onMessage(last);
    }
  }
  return () => {
    e.refs--;
    // Later, not now: React's StrictMode unmounts and remounts at once.
    setTimeout(() => {
      if (e.refs === 0 && entries.get(widgetId) === e) drop(widgetId, e);
    }, 0);
  };
}

function drop(widgetId: string, e: Entry): void {
  entries.delete(widgetId);
  for (const t of e.controller.topics()) {
    const set = byTopic.get(t);
    set?.delete(e.controller);
    if (set && set.size === 0) byTopic.delete(t);
  }
  e.controller.dispose();
}

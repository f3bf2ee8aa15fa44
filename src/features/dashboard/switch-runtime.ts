/**
 * Switch widgets' runtime: a controller per mounted switch, messages routed to them by topic,
 * and connection changes handed to all of them. src/app/live.ts wires it to the session
 * (onBatch → route, onConnected / onDisconnected → connectionChanged); components never get
 * per-message React state: they read their controller's version (live-hooks.ts).
 *
 * Reconnects: a reconnect makes every switch "stale" until a state arrives: a
 * fresh message, or the broker's retained replay after the resubscription (the
 * session hands unchanged replays to listeners separately and refreshes the
 * trie's last message with them, so they count as a confirmation just now).
 */
import { session } from '../../mqtt/session';
import type { MqttMessage } from '../../core/message';
import type { SwitchWidget } from '../../core/dashboard-schema';
import { SwitchController } from './switch-controller';

interface Entry {
  controller: SwitchController;
  sig: string;
  refs: number;
  registered: boolean;
}

// Confirming an imported switch (clearing `unconfirmed`) keeps its controller and pending command.
const signature = (w: SwitchWidget) => JSON.stringify({ ...w, pos: undefined, label: undefined, unconfirmed: undefined });

class SwitchRuntime {
  private readonly entries = new Map<string, Entry>();
  private readonly byTopic = new Map<string, Set<SwitchController>>();
  private connected = false;
  private everConnected = false;
  /** When the connection last came back (0: not reconnected yet). */
  private reconnectAt = 0;

  /** One applied batch: each message (and unchanged retained replay) to the switches reading its topic. */
  route(messages: readonly MqttMessage[], replays: readonly MqttMessage[]): void {
    if (this.byTopic.size === 0) return;
    for (const batch of [messages, replays]) {
      for (const m of batch) {
        const list = this.byTopic.get(m.topic);
        if (list) for (const c of list) c.onMessage(m);
      }
    }
  }

  /** The connection came up or went away. */
  connectionChanged(up: boolean): void {
    if (up === this.connected) return;
    this.connected = up;
    if (up && this.everConnected) this.reconnectAt = Date.now();
    this.everConnected ||= up;
    const time = Date.now();
    for (const e of this.entries.values()) e.controller.connectionChanged(up, time);
  }

  /**
   * The controller for this widget configuration (created on first use, from the
   * current connection and the trie's last messages). Call retain when mounted.
   */
  controllerFor(widget: SwitchWidget): SwitchController {
    const sig = signature(widget);
    const found = this.entries.get(widget.id);
    if (found && found.sig === sig) return found.controller;
    if (found) this.drop(widget.id, found);
    const controller = new SwitchController(widget, this.connected, session);
    const reconnectAt = this.reconnectAt;
    controller.seed(
      (topic) => session.trie.get(topic)?.last,
      (m) => !reconnectAt || m.time >= reconnectAt,
    );
    this.entries.set(widget.id, { controller, sig, refs: 0, registered: false });
    return controller;
  }

  /** Registers a mounted switch for messages; returns the release function. */
  retain(widgetId: string, controller: SwitchController): () => void {
    const e = this.entries.get(widgetId);
    if (!e || e.controller !== controller) return () => {};
    e.refs++;
    if (e.refs === 1 && !e.registered) {
      e.registered = true;
      for (const t of controller.topics()) {
        let set = this.byTopic.get(t);
        if (!set) this.byTopic.set(t, (set = new Set()));
        set.add(controller);
        // A batch may have been applied between the render that created the controller and now.
        controller.catchUp(session.trie.get(t)?.last);
      }
    }
    return () => {
      e.refs--;
      // Later, not now: React's StrictMode unmounts and remounts at once.
      setTimeout(() => {
        if (e.refs === 0 && this.entries.get(widgetId) === e) this.drop(widgetId, e);
      }, 0);
    };
  }

  private drop(widgetId: string, e: Entry): void {
    this.entries.delete(widgetId);
    for (const t of e.controller.topics()) {
      const set = this.byTopic.get(t);
      set?.delete(e.controller);
      if (set && set.size === 0) this.byTopic.delete(t);
    }
    e.controller.dispose();
  }
}

export const switchRuntime = new SwitchRuntime();

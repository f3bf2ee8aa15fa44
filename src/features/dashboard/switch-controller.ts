/**
 * One switch widget's live state, outside React: the pure state machine
 * (core/switch-machine) fed with state/availability messages, connection
 * changes and the user's clicks, plus the timer for the confirmation timeout.
 * Components read it with useModel (core/emitter.ts); the runtime (switch-runtime.ts)
 * routes messages and connection changes to it through its methods.
 */
import type { MqttMessage } from '../../core/message';
import type { SwitchWidget } from '../../core/dashboard-schema';
import {
  canCommand,
  initialSwitch,
  nextTarget,
  reduceSwitch,
  type SwitchEvent,
  type SwitchSnapshot,
} from '../../core/switch-machine';
import { readAvailability, readSwitchState } from '../../core/switch-payload';
import { VersionedEmitter } from '../../core/emitter';

export interface Publisher {
  publish(req: { topic: string; payload: Uint8Array; qos: 0 | 1 | 2; retain: boolean }): Promise<{ ok: boolean; error?: string }>;
}

const encoder = new TextEncoder();

export class SwitchController extends VersionedEmitter {
  snapshot: SwitchSnapshot;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    readonly config: SwitchWidget,
    connected: boolean,
    private readonly publisher: Publisher,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.snapshot = initialSwitch(config.stateTopic ? 'state' : 'optimistic', connected);
  }

  /** Topics whose messages this switch reads. */
  topics(): string[] {
    return [this.config.stateTopic, this.config.availabilityTopic].filter((t) => t !== '');
  }

  dispatch(e: SwitchEvent): void {
    if (this.disposed) return;
    const next = reduceSwitch(this.snapshot, e);
    if (next === this.snapshot) return;
    this.snapshot = next;
    this.bump();
    this.schedule();
    this.notify();
  }

  /** The last message handled (or considered) per topic, to catch up on what arrived before registration. */
  private readonly seen = new Map<string, MqttMessage>();

  /**
   * The first state, from the last messages the trie holds for this switch's topics. Messages
   * from before the last reconnect are not fresh: an old availability is not used, and an old
   * state shows as stale (a retained replay after the reconnect refreshes the trie's last).
   */
  seed(last: (topic: string) => MqttMessage | undefined, fresh: (m: MqttMessage) => boolean): void {
    const c = this.config;
    const availability = c.availabilityTopic ? last(c.availabilityTopic) : undefined;
    if (availability && fresh(availability)) this.onMessage(availability);
    else if (availability) this.seen.set(availability.topic, availability); // considered, not used
    const state = c.stateTopic ? last(c.stateTopic) : undefined;
    if (state) {
      this.onMessage(state);
      if (!fresh(state)) this.dispatch({ type: 'outdated' });
    }
  }

  /** The newest message on one of its topics, if this switch has not handled it yet (arrived before it registered). */
  catchUp(m: MqttMessage | undefined): void {
    if (m && this.seen.get(m.topic) !== m) this.onMessage(m);
  }

  /** The broker connection went up or down. */
  connectionChanged(connected: boolean, time: number): void {
    this.dispatch({ type: 'connection', connected, time });
  }

  /** A message on one of this switch's topics (from the trie at mount, or a batch). */
  onMessage(m: MqttMessage): void {
    this.seen.set(m.topic, m);
    const c = this.config;
    if (c.stateTopic && m.topic === c.stateTopic) {
      const r = readSwitchState(m.payload, c);
      this.dispatch({ type: 'state', value: r.value, empty: r.empty, raw: r.raw, time: m.time });
    }
    if (c.availabilityTopic && m.topic === c.availabilityTopic) {
      const online = readAvailability(m.payload, c.availabilityOnline, c.availabilityOffline);
      if (online !== undefined) this.dispatch({ type: 'availability', online });
    }
  }

  /** The user's click: sends the opposite of what is shown, if the switch may send now. */
  toggle(): void {
    if (!canCommand(this.snapshot)) return;
    const target = nextTarget(this.snapshot);
    const c = this.config;
    this.dispatch({ type: 'command', target, time: this.now(), timeoutMs: c.timeoutMs });
    const payload = encoder.encode(target ? c.onPayload : c.offPayload);
    this.publisher
      .publish({ topic: c.commandTopic, payload, qos: c.qos, retain: c.retain })
      .then(
        (r) => this.dispatch({ type: 'published', ok: r.ok, error: r.error, time: this.now() }),
        (e: unknown) => this.dispatch({ type: 'published', ok: false, error: String(e), time: this.now() }),
      );
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.dropListeners();
  }

  /** One timer, at the pending command's deadline. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const p = this.snapshot.pending;
    if (!p) return;
    this.timer = setTimeout(() => this.dispatch({ type: 'tick', time: Math.max(this.now(), p.deadline) }), Math.max(0, p.deadline - this.now()));
  }
}

/**
 * One switch widget's live state, outside React: the pure state machine
 * (core/switch-machine) fed with state/availability messages, connection
 * changes and the user's clicks, plus the timer for the confirmation timeout.
 * Components read it with useSyncExternalStore(subscribe, getVersion).
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

export interface Publisher {
  publish(req: { topic: string; payload: Uint8Array; qos: 0 | 1 | 2; retain: boolean }): Promise<{ ok: boolean; error?: string }>;
}

const encoder = new TextEncoder();

export class SwitchController {
  snapshot: SwitchSnapshot;
  version = 0;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    readonly config: SwitchWidget,
    connected: boolean,
    private readonly publisher: Publisher,
    private readonly now: () => number = Date.now,
  ) {
    this.snapshot = initialSwitch(config.stateTopic ? 'state' : 'optimistic', connected);
  }

  readonly subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  };

  readonly getVersion = (): number => this.version;

  /** Topics whose messages this switch reads. */
  topics(): string[] {
    return [this.config.stateTopic, this.config.availabilityTopic].filter((t) => t !== '');
  }

  dispatch(e: SwitchEvent): void {
    if (this.disposed) return;
    const next = reduceSwitch(this.snapshot, e);
    if (next === this.snapshot) return;
    this.snapshot = next;
    this.version++;
    this.schedule();
    for (const fn of [...this.listeners]) fn();
  }

  /** The last message handled per topic (to catch up on what arrived before registration). */
  readonly seen = new Map<string, MqttMessage>();

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
    this.listeners.clear();
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

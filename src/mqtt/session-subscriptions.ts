/**
 * Worker side of "what does the broker session hold for us": after each CONNACK it reconciles
 * the session with the profile (subscription-plan.ts), reports the granted list ('subscribed')
 * and, after every change, the full set the session holds ('session-subscriptions', which the
 * main thread remembers per broker URL + client ID for the next connect with Clean start off).
 */
import type { MqttClient } from 'mqtt';
import type { ConnectRequest, SubscriptionResult, WorkerEvent } from './protocol';
import { grantedList, planSubscriptions } from './subscription-plan';

type SubscribeOptions = { qos: 2; rap?: boolean };

export class SessionSubscriptions {
  /** Filter → granted QoS, as the broker session holds them for the current connection. */
  private held = new Map<string, number>();
  private req: ConnectRequest | null = null;

  constructor(private readonly post: (ev: WorkerEvent) => void) {}

  /**
   * Right after a CONNACK. `beforeSubscribe` runs when a SUBSCRIBE goes out (retained replays
   * follow it).
   */
  reconcile(c: MqttClient, req: ConnectRequest, sessionPresent: boolean, options: SubscribeOptions, beforeSubscribe: () => void): void {
    // On our own reconnects what we saw the session hold is newer than what the request brought.
    const same = this.req !== null && this.req.url === req.url && this.req.clientId === req.clientId;
    const current = same ? [...this.held].map(([filter, code]) => ({ filter, code })) : req.sessionSubscriptions;
    this.req = req;
    const known = sessionPresent ? current : undefined;
    const plan = planSubscriptions(req.subscriptions, sessionPresent, known);
    this.held = new Map();
    for (const r of known ?? []) if (r.code < 128) this.held.set(r.filter, r.code);
    if (plan.unsubscribe.length > 0) {
      c.unsubscribe(plan.unsubscribe, (err) => {
        if (!err) this.removed(plan.unsubscribe);
      });
    }
    if (plan.subscribe.length === 0) {
      this.post({ type: 'subscribed', results: grantedList(req.subscriptions, plan.kept, []) });
      this.report();
      return;
    }
    beforeSubscribe();
    c.subscribe(plan.subscribe, options, (err, granted) => {
      const answered: SubscriptionResult[] =
        err && !granted ? plan.subscribe.map((filter) => ({ filter, code: 128 })) : (granted ?? []).map((g) => ({ filter: g.topic, code: g.qos }));
      this.granted(answered);
      this.post({ type: 'subscribed', results: grantedList(req.subscriptions, plan.kept, answered) });
    });
  }

  /** SUBACK answers (the profile's or an extra subscription's). */
  granted(results: readonly SubscriptionResult[]): void {
    for (const r of results) if (r.code < 128) this.held.set(r.filter, r.code);
    this.report();
  }

  /** UNSUBACK. */
  removed(filters: readonly string[]): void {
    for (const f of filters) this.held.delete(f);
    this.report();
  }

  private report(): void {
    if (!this.req) return;
    this.post({
      type: 'session-subscriptions',
      url: this.req.url,
      clientId: this.req.clientId,
      subscriptions: [...this.held].map(([filter, code]) => ({ filter, code })),
    });
  }
}

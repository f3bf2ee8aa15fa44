/**
 * Is the broker still there? TCP does not say when a broker hangs (SIGSTOP, a proxy that stops
 * forwarding, a laptop lid): the socket stays open and whatever we write waits in a buffer, to be
 * acted upon when the broker wakes up — a switch clicked during the stall would flip the device
 * minutes later. So, per connection:
 * - nothing received for half the keep-alive: send a PINGREQ; nothing received for the whole
 *   keep-alive: the connection is dead (the status leaves Connected within about 1.1 × keep-alive,
 *   also in a hidden tab: this runs in the worker, whose timers are not throttled);
 * - a command (publish) is written only once the broker has answered a PINGREQ sent after the
 *   command was given (`whenAlive`); otherwise it fails and nothing was written.
 * mqtt.js's own keep-alive still runs; its PINGREQs are counted too, as PINGRESPs answer PINGREQs
 * in order. But mqtt.js counts only a PINGRESP as an answer: 1.5 × keep-alive after its last one
 * without a PINGRESP it closes the connection. A broker that has a backlog of messages for us
 * queues the PINGRESP behind them, so a client reading a flood (a million topics at 20,000 msg/s)
 * was cut off while messages were arriving, and the backlog the broker held for it was lost.
 * Any packet after a PINGREQ proves the broker is there: `answered` is called then, and the
 * worker restarts mqtt.js's keep-alive timer with it (its next PINGREQ still goes out within a
 * keep-alive, so the broker hears from us in time).
 */

export interface LivenessOptions {
  keepaliveMs: number;
  /** Write a PINGREQ now. */
  ping(): void;
  /** Nothing heard for a whole keep-alive. */
  dead(): void;
  /** The first packet from the broker after a PINGREQ of ours (whatever it is). */
  answered?(): void;
  now?: () => number;
}

type Waiter = (ok: boolean) => void;

interface Probe {
  /** Resolved once this many PINGRESPs have arrived. */
  target: number;
  deadline: number;
  waiters: Waiter[];
}

export class Liveness {
  private lastRx: number;
  /** A PINGREQ went out since the last packet came in. */
  private pinged = false;
  private pingsSent = 0;
  private pongs = 0;
  private grouping: Waiter[] = [];
  private probes: Probe[] = [];
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly opts: LivenessOptions) {
    this.now = opts.now ?? Date.now;
    this.lastRx = this.now();
  }

  /** How long a command waits for the broker to answer its probe. */
  get probeTimeoutMs(): number {
    return Math.min(this.opts.keepaliveMs / 2, 5000);
  }

  /** Any packet from the broker. */
  received(cmd: string): void {
    if (this.stopped) return;
    this.lastRx = this.now();
    if (this.pinged) this.opts.answered?.();
    this.pinged = false;
    if (cmd !== 'pingresp') return;
    this.pongs++;
    while (this.probes.length > 0 && this.probes[0].target <= this.pongs) {
      for (const w of this.probes.shift()!.waiters) w(true);
    }
  }

  /** Any packet we wrote (mqtt.js reports its own PINGREQs too). */
  sent(cmd: string): void {
    if (cmd !== 'pingreq') return;
    this.pingsSent++;
    this.pinged = true;
  }

  /**
   * Calls `fn(true)` once the broker answered a PINGREQ written after this call, `fn(false)` if
   * it does not within probeTimeoutMs or the connection ends first. Commands given together
   * share one probe: call flush() after a batch (the worker does it on a zero timer).
   */
  whenAlive(fn: Waiter): void {
    if (this.stopped) return fn(false);
    this.grouping.push(fn);
  }

  /** Sends one PINGREQ for the commands given since the last flush. */
  flush(): void {
    if (this.stopped || this.grouping.length === 0) return;
    const waiters = this.grouping;
    this.grouping = [];
    const before = this.pingsSent;
    this.opts.ping(); // mqtt.js reports the write (sent()) synchronously
    // A ping that was not written cannot be answered: the probe times out and its commands fail.
    const target = this.pingsSent > before ? this.pingsSent : Infinity;
    this.probes.push({ target, deadline: this.now() + this.probeTimeoutMs, waiters });
  }

  /** Called a few times per second. */
  tick(): void {
    if (this.stopped) return;
    const now = this.now();
    while (this.probes.length > 0 && this.probes[0].deadline <= now) {
      for (const w of this.probes.shift()!.waiters) w(false);
    }
    const idle = now - this.lastRx;
    if (idle >= this.opts.keepaliveMs) {
      this.stop();
      this.opts.dead();
      return;
    }
    if (idle >= this.opts.keepaliveMs / 2 && !this.pinged) this.opts.ping();
  }

  /** The connection ended: every waiting command fails (nothing of theirs was written). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const waiting = [...this.grouping, ...this.probes.flatMap((p) => p.waiters)];
    this.grouping = [];
    this.probes = [];
    for (const w of waiting) w(false);
  }
}

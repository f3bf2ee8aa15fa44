/**
 * Pure rules for the connection lifecycle: reconnect backoff with jitter, which
 * broker answers are fatal (stop retrying until the user changes something),
 * and detection of two clients with the same Client ID kicking each other off.
 */

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 30_000;

/**
 * Delay before reconnect attempt number `attempt` (0 for the first retry):
 * exponential from 1 s up to 30 s, with "equal jitter" (between half and the full step)
 * so that many tabs do not hammer a restarted broker in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + (random() * step) / 2);
}

const CONNACK_V3: Record<number, string> = {
  1: 'Connection refused: unacceptable protocol version',
  2: 'Connection refused: identifier rejected',
  3: 'Connection refused: server unavailable',
  4: 'Connection refused: bad user name or password',
  5: 'Connection refused: not authorized',
};

const REASONS_V5: Record<number, string> = {
  128: 'Unspecified error',
  129: 'Malformed packet',
  130: 'Protocol error',
  131: 'Implementation specific error',
  132: 'Unsupported protocol version',
  133: 'Client identifier not valid',
  134: 'Bad user name or password',
  135: 'Not authorized',
  136: 'Server unavailable',
  137: 'Server busy',
  138: 'Banned',
  139: 'Server shutting down',
  140: 'Bad authentication method',
  141: 'Keep alive timeout',
  142: 'Session taken over',
  143: 'Topic filter invalid',
  144: 'Topic name invalid',
  145: 'Packet identifier in use',
  146: 'Packet identifier not found',
  147: 'Receive maximum exceeded',
  148: 'Topic alias invalid',
  149: 'Packet too large',
  150: 'Message rate too high',
  151: 'Quota exceeded',
  152: 'Administrative action',
  153: 'Payload format invalid',
  154: 'Retain not supported',
  155: 'QoS not supported',
  156: 'Use another server',
  157: 'Server moved',
  158: 'Shared subscriptions not supported',
  159: 'Connection rate exceeded',
  160: 'Maximum connect time',
  161: 'Subscription identifiers not supported',
  162: 'Wildcard subscriptions not supported',
};

/** Human text for a CONNACK return code (3.1.1) or an MQTT 5 reason code. */
export function reasonText(code: number, protocolVersion: 4 | 5): string {
  if (protocolVersion === 4 && CONNACK_V3[code]) return CONNACK_V3[code];
  return REASONS_V5[code] ?? CONNACK_V3[code] ?? `Reason code ${code}`;
}

/**
 * The status text for a fatal CONNACK. "Not authorized" to a client that sent no username says
 * what may help: some brokers let anonymous clients in only with *a* username and password
 * (ejabberd's anonymous login takes any).
 */
export function fatalConnackText(code: number, protocolVersion: 4 | 5, sentUsername: boolean): string {
  const text = reasonText(code, protocolVersion);
  const notAuthorized = protocolVersion === 4 ? code === 5 : code === 135;
  if (!notAuthorized || sentUsername) return text;
  return `${text} (no username was sent: this broker may want one; some, like ejabberd with anonymous login, accept any username and password)`;
}

/**
 * CONNACK codes after which retrying cannot help until the user changes the
 * profile (credentials, client ID, protocol version).
 */
export function isFatalConnack(code: number, protocolVersion: 4 | 5): boolean {
  if (protocolVersion === 4) return code === 1 || code === 2 || code === 4 || code === 5;
  return [128, 129, 130, 132, 133, 134, 135, 138, 140].includes(code);
}

/** MQTT 5 DISCONNECT reason meaning another connection took our client ID. */
export const SESSION_TAKEN_OVER = 142;

/**
 * A connection that stayed up this long proved that the broker accepts us: when it ends, the
 * backoff starts over (the next try comes within a second). One that the broker closes sooner
 * counts as a failed attempt, so a broker or proxy that keeps dropping connections sees the
 * delays grow instead of a new connection every second. With this rule one client opens at most
 * one connection every ~2.5 s even against a broker that drops each after it became "stable".
 */
export const STABLE_CONNECTION_MS = 2000;

export function isStableConnection(livedMs: number): boolean {
  return livedMs >= STABLE_CONNECTION_MS;
}

/**
 * Whether a run of quick drops may be read as two clients with the same client ID taking it
 * from each other. Only for a client ID the user typed: a generated one is unique to this tab,
 * so with it quick drops are an overloaded broker or a flaky proxy (keep backing off and say
 * so). MQTT 5 brokers should say "session taken over" (DISCONNECT 0x8E, handled apart), but
 * Mosquitto 2.0.11 closes the older connection without it (checked over TCP and WebSockets),
 * so the pattern counts on both versions.
 */
export function takeoverPatternApplies(clientIdChosen: boolean): boolean {
  return clientIdChosen;
}

/** After this many connections in a row closed before they were stable, the status says so. */
export const KEEPS_CLOSING_AFTER = 2;

export function keepsClosingMessage(drops: number): string {
  return `The broker keeps closing the connection soon after accepting it (${drops} times in a row); retrying with growing delays.`;
}

/**
 * Detects the "same Client ID" loop on brokers that just drop the older
 * connection without saying why (MQTT 3.1.1): connections that the broker closes
 * within `shortMs` of being accepted, `threshold` times within `windowMs`.
 * Consult it only where takeoverPatternApplies().
 */
export class TakeoverDetector {
  private drops: number[] = [];
  constructor(
    private readonly threshold = 3,
    private readonly shortMs = 5000,
    private readonly windowMs = 60_000,
  ) {}

  /** Record that a connection accepted at `connectedAt` was closed by the broker at `now`. Returns true when it looks like a takeover loop. */
  recordDrop(connectedAt: number, now: number): boolean {
    if (now - connectedAt > this.shortMs) {
      this.drops = [];
      return false;
    }
    this.drops = this.drops.filter((t) => now - t <= this.windowMs);
    this.drops.push(now);
    return this.drops.length >= this.threshold;
  }

  reset(): void {
    this.drops = [];
  }
}

export function takeoverMessage(clientId: string): string {
  return `Another client is using the client ID "${clientId}", so the broker keeps disconnecting one of you. Reconnecting stopped: give this connection a different Client ID, then connect again.`;
}

/** What the worker should do after a connection ended (see ConnectionDrops.onClose). */
export interface CloseVerdict {
  /** The connection was stable: start the backoff over. */
  resetBackoff: boolean;
  /** Evidence of a client-ID takeover loop (a chosen client ID only): stop retrying. */
  takeover: boolean;
  /** Set after repeated quick drops: what the status should say while retrying. */
  reason?: string;
}

/**
 * Reads the pattern of connection drops: stable connections reset the backoff, quick ones
 * (closed by the broker before STABLE_CONNECTION_MS) keep it growing, are reported as "the
 * broker keeps closing the connection", and count towards a takeover only where
 * takeoverPatternApplies().
 */
export class ConnectionDrops {
  private quick = 0;
  private readonly takeover = new TakeoverDetector();

  /** A connection accepted (CONNACK) at `connectedAt` — 0 if it never was — ended at `now`. */
  onClose(connectedAt: number, now: number, clientIdChosen: boolean): CloseVerdict {
    if (!connectedAt) return { resetBackoff: false, takeover: false };
    // The takeover pattern has its own notion of "short" (TakeoverDetector.shortMs).
    if (takeoverPatternApplies(clientIdChosen) && this.takeover.recordDrop(connectedAt, now)) {
      return { resetBackoff: false, takeover: true };
    }
    if (isStableConnection(now - connectedAt)) {
      this.quick = 0;
      return { resetBackoff: true, takeover: false };
    }
    this.quick++;
    return {
      resetBackoff: false,
      takeover: false,
      reason: this.quick >= KEEPS_CLOSING_AFTER ? keepsClosingMessage(this.quick) : undefined,
    };
  }

  reset(): void {
    this.quick = 0;
    this.takeover.reset();
  }
}

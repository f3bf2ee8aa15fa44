/**
 * When an MQTT 5 connect should be tried again once as MQTT 3.1.1. Brokers that only speak
 * 3.1.1 either refuse the CONNECT (aedes, older Mosquitto: CONNACK 1 or 132) or just close
 * the socket without any CONNACK (RabbitMQ 3.10). Both get the same one-time fallback, and the
 * status says why the connection is on 3.1.1.
 */

export interface ConnectAttempt {
  protocolVersion: 4 | 5;
  /** A CONNACK arrived (accepted or refused). */
  connack: boolean;
  /** CONNACK return / reason code, when one arrived. */
  connackCode?: number;
  /** The WebSocket opened (the broker accepted the upgrade, so the CONNECT reached it). */
  socketOpened: boolean;
  /** The transport failed with an error (refused, reset, TLS, 404 on the WebSocket path…). */
  transportError: boolean;
  /** From starting the connect to the close. */
  elapsedMs: number;
}

/** A close without CONNACK later than this is a silent broker (connect timeout), not a refusal. */
export const CLOSE_WITHOUT_CONNACK_MS = 5000;

export const FALLBACK_REFUSED = 'MQTT 3.1.1: the broker refused MQTT 5';
export const FALLBACK_CLOSED = 'MQTT 3.1.1: the broker closed the MQTT 5 connect';

/** The note to show after falling back to 3.1.1, or undefined when this attempt is no reason to. */
export function versionFallback(a: ConnectAttempt): string | undefined {
  if (a.protocolVersion !== 5) return undefined;
  if (a.connack) return a.connackCode === 1 || a.connackCode === 132 ? FALLBACK_REFUSED : undefined;
  if (!a.socketOpened || a.transportError || a.elapsedMs > CLOSE_WITHOUT_CONNACK_MS) return undefined;
  return FALLBACK_CLOSED;
}

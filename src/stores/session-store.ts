/**
 * Low-rate connection state for the UI: status, reason, retry time, what the
 * broker granted. Updated by the session on lifecycle events only, never per message.
 */
import { create } from 'zustand';
import type { BrokerCapabilities, ConnectionState, SubscriptionResult } from '../core/connection';

export interface SessionState {
  state: ConnectionState;
  reason?: string;
  retryAt?: number;
  attempt?: number;
  brokerUrl?: string;
  clientId?: string;
  /** Protocol in use once connected: 4 (3.1.1) or 5. */
  protocolVersion?: 4 | 5;
  /** MQTT 5: the broker's Receive Maximum (CONNACK), when offered; bulk sends keep under it. */
  receiveMaximum?: number;
  subscriptions: SubscriptionResult[];
  /** The node connected to (or being tried): one of the profile's broker URLs. */
  nodeUrl?: string;
  /** Once connected: what the broker announced (MQTT 5 CONNACK properties). */
  capabilities?: BrokerCapabilities;
  /** Once connected: why the protocol differs from the profile's, e.g. a 3.1.1 fallback. */
  note?: string;
  /** Offer "Use a fresh client ID" (see src/mqtt/fresh-client-id.ts). */
  freshClientIdHelps?: boolean;
}

export const useSessionStore = create<SessionState>(() => ({
  state: 'idle',
  subscriptions: [],
}));

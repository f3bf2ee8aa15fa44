/**
 * The shapes every layer shares about a connection: the saved profile, the connection's state,
 * what the broker granted and announced, and a publish request. Pure types; the session
 * (src/mqtt) produces and consumes them, stores and views read them, nobody imports mqtt/ for them.
 */
import type { MessageProperties } from './message';

export type MqttVersion = 4 | 5;

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'error';

export interface SubscriptionResult {
  filter: string;
  /** Granted QoS, or an MQTT reason code >= 128 for a refusal. */
  code: number;
}

/** What the broker said it can do (MQTT 5 CONNACK properties); see src/mqtt/capabilities.ts. */
export interface BrokerCapabilities {
  protocolVersion: 4 | 5;
  maximumQoS?: 0 | 1 | 2;
  retainAvailable?: boolean;
  wildcardSubscriptionAvailable?: boolean;
  sharedSubscriptionAvailable?: boolean;
  subscriptionIdentifiersAvailable?: boolean;
  topicAliasMaximum?: number;
  maximumPacketSize?: number;
  receiveMaximum?: number;
  serverKeepAlive?: number;
  assignedClientIdentifier?: string;
}

/** A saved connection profile (src/stores/profiles-store.ts keeps them). */
export interface Profile {
  id: string;
  name: string;
  url: string;
  /** Further broker URLs after `url`: the other nodes of a cluster, or standbys, tried in turn. */
  moreUrls: string[];
  /** Empty means: generate a fresh ID for every tab (avoids two tabs kicking each other off). */
  clientId: string;
  username: string;
  password: string;
  rememberPassword: boolean;
  keepalive: number;
  clean: boolean;
  protocolVersion: MqttVersion;
  subscriptions: string[];
  willTopic: string;
  willPayload: string;
  willQos: 0 | 1 | 2;
  willRetain: boolean;
}

/** Where a profile connects: its first URL, then the other nodes (a cluster, or standbys). */
export function profileUrls(p: Pick<Profile, 'url' | 'moreUrls'>): string[] {
  return [p.url, ...(p.moreUrls ?? [])];
}

export interface PublishRequest {
  topic: string;
  payload: Uint8Array;
  qos: 0 | 1 | 2;
  retain: boolean;
  properties?: MessageProperties;
}

/**
 * Messages between the main thread (session.ts) and the MQTT worker (worker.ts).
 * Kept to plain, structured-clone-friendly data.
 */
import type { MessageProperties } from '../core/message';
import type { BrokerCapabilities, ConnectionState, MqttVersion, SubscriptionResult } from '../core/connection';
import type { RecorderCommand, RecorderEvent } from './recorder-protocol';
import type { AlertRulesCommand, AlertsEvent } from './alert-protocol';
import type { DecodeRulesCommand } from './decoders/decode-protocol';
import type { DecodedPayload } from '../core/decoded';
import type { PackedSparkplugBatch } from '../core/sparkplug-pack';
import type { PackedBatchEvent } from './batch-wire';

export type { ConnectionState, MqttVersion, SubscriptionResult };

export interface WillOptions {
  topic: string;
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
}

export interface ConnectRequest {
  /** The profile's (first) broker URL: the session's identity (kept sessions, packet stores). */
  url: string;
  /** Every node to try, `url` first (a cluster, or a primary and standbys); absent: just `url`. */
  urls?: string[];
  clientId: string;
  username?: string;
  password?: string;
  keepalive: number;
  clean: boolean;
  protocolVersion: MqttVersion;
  /** 3.1.1 asked for because the broker refused MQTT 5 lately (version-memory.ts): the status note to show, as after a fallback. */
  versionNote?: string;
  subscriptions: string[];
  will?: WillOptions;
  /** The user typed the client ID (false: generated for this tab, so unique). */
  clientIdChosen?: boolean;
  /** Clean start off: what this client ID's kept session was last subscribed to, if known. */
  sessionSubscriptions?: SubscriptionResult[];
}

export interface StatusEvent {
  type: 'status';
  state: ConnectionState;
  /** Human reason: broker's or browser's wording. */
  reason?: string;
  /** For 'reconnecting': epoch ms of the next attempt. */
  retryAt?: number;
  attempt?: number;
  /** For 'connected': the protocol in use (3.1.1 after a fallback from 5). */
  protocolVersion?: MqttVersion;
  /** For 'connected' on MQTT 5: the broker's Receive Maximum from the CONNACK, when it sent one. */
  receiveMaximum?: number;
  /** The node this status is about: the URL connected to, or being tried. */
  nodeUrl?: string;
  /** For 'connected': what the broker announced in its CONNACK (see capabilities.ts). */
  capabilities?: BrokerCapabilities;
  /** For 'connected': why the protocol differs from the profile's (a 3.1.1 fallback). */
  note?: string;
  /** The broker keeps dropping us right after CONNACK and the profile has Clean start: offer a fresh client ID. */
  freshClientIdHelps?: boolean;
}

/** One message as it crosses the worker boundary; payload bytes live in the batch buffer. */
export interface WireMessage {
  topic: string;
  offset: number;
  length: number;
  size: number;
  qos: 0 | 1 | 2;
  retain: boolean;
  time: number;
  properties?: MessageProperties;
  /** A retained message the broker is (probably) replaying because we just subscribed. */
  replay?: boolean;
  /** The worker's decoding of the payload (MessagePack, CBOR, a refusal), beside the bytes. */
  decoded?: DecodedPayload;
  /** A Sparkplug B decoding: where it starts in the batch's packed `sparkplug` (the session makes it `decoded`). */
  sp?: number;
}

export interface BatchEvent {
  type: 'batch';
  messages: WireMessage[];
  buffer: ArrayBuffer;
  /** Messages received but not carried as objects (coalesced away), per topic. */
  extraCounts?: Record<string, number>;
  /** Bytes of those coalesced messages, and the largest of them, per topic (for the traffic model). */
  extraBytes?: Record<string, number>;
  extraLargest?: Record<string, number>;
  /** The batch's Sparkplug B decodings, packed (core/sparkplug-pack.ts); each message's `sp` says where its own starts. */
  sparkplug?: PackedSparkplugBatch;
}


export interface ResultEvent {
  type: 'result';
  id: number;
  ok: boolean;
  error?: string;
  reasonCode?: number;
  subscriptions?: SubscriptionResult[];
  /** For 'fetch-retained': the retained messages read back in full (see retained-fetch.ts). */
  retained?: FetchedRetained[];
}

/** A retained message as a separate, short-lived client received it: every byte, no truncation. */
export interface FetchedRetained {
  topic: string;
  payload: Uint8Array;
  qos: 0 | 1 | 2;
  properties?: MessageProperties;
}

/** Sent after each (re)subscription round: what the broker granted per filter. */
export interface SubscribedEvent {
  type: 'subscribed';
  results: SubscriptionResult[];
}

/** After every change to what the broker session holds for us: for the main thread to remember. */
export interface SessionSubscriptionsEvent {
  type: 'session-subscriptions';
  url: string;
  clientId: string;
  subscriptions: SubscriptionResult[];
}

/** A BatchEvent is posted packed (PackedBatchEvent, batch-wire.ts); the session takes either. */
export type WorkerEvent = StatusEvent | BatchEvent | PackedBatchEvent | ResultEvent | SubscribedEvent | SessionSubscriptionsEvent | RecorderEvent | AlertsEvent;

export type WorkerCommand =
  | { type: 'connect'; request: ConnectRequest }
  | { type: 'disconnect' }
  | { type: 'subscribe'; id: number; filters: string[] }
  | { type: 'unsubscribe'; id: number; filters: string[] }
  | {
      type: 'publish';
      id: number;
      topic: string;
      payload: Uint8Array;
      qos: 0 | 1 | 2;
      retain: boolean;
      properties?: MessageProperties;
    }
  /**
   * Reads the retained messages of these exact topics in full, over a second short-lived
   * connection; with `filters`, `topics` are topic filters and every retained message under them
   * is read (a snapshot of the broker's retained store, e.g. to compare a recording with).
   */
  | { type: 'fetch-retained'; id: number; topics: string[]; timeoutMs?: number; filters?: boolean }
  /** Recording (recorder-protocol.ts). */
  | RecorderCommand
  /** Alert rules to evaluate in the worker (alert-protocol.ts). */
  | AlertRulesCommand
  /** Topic filters decoded as Sparkplug B / MessagePack / CBOR (decoders/decode-protocol.ts). */
  | DecodeRulesCommand;

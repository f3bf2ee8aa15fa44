/**
 * The Publish view's low-rate state: the draft being edited, the history of
 * what was published (last 50), saved templates (all three persisted,
 * versioned), messages queued while disconnected, and the latest outcome.
 *
 * Other features open the Publish view pre-filled with `openPublishWith(...)`
 * and then navigate to /publish.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { newId } from '../core/ids';
import { persistOptions, type PersistSpec } from './persisted';
import { decodePayload, toHex } from '../core/payload';
import type { PayloadFormat } from '../core/payload-encode';
import type { PublishRequest } from '../core/connection';
import { emptyDraft, emptyProperties, HISTORY_LIMIT } from './publish-draft';
import { STORE_KEYS } from './store-keys';

export { emptyDraft, emptyProperties, HISTORY_LIMIT };

export type Qos = 0 | 1 | 2;

export interface UserPropertyRow {
  key: string;
  value: string;
}

/** MQTT 5 publish properties as typed in the form (strings, so nothing typed is lost). */
export interface DraftProperties {
  contentType: string;
  payloadFormatIndicator: boolean;
  /** Seconds, as typed; '' for none. */
  messageExpiryInterval: string;
  responseTopic: string;
  /** Sent as the UTF-8 bytes of this text; '' for none. */
  correlationData: string;
  userProperties: UserPropertyRow[];
}

export interface PublishDraft {
  topic: string;
  /** The payload as typed, read according to `format`. */
  payload: string;
  format: PayloadFormat;
  qos: Qos;
  retain: boolean;
  properties: DraftProperties;
}

export interface HistoryEntry extends PublishDraft {
  id: string;
  /** When the broker took it (ms since epoch). */
  time: number;
}

export interface PublishTemplate extends PublishDraft {
  id: string;
  name: string;
}

/** A message waiting for the connection; sent in order when it is back, unless cancelled. */
export interface QueuedPublish {
  id: string;
  draft: PublishDraft;
  request: PublishRequest;
  queuedAt: number;
}

export type OutcomeKind = 'sending' | 'ok' | 'error' | 'offline';

export interface PublishOutcome {
  /** Increases with every publish attempt; late answers to older attempts do not overwrite newer ones. */
  seq: number;
  kind: OutcomeKind;
  message: string;
  /** For 'offline' (QoS 1/2): what can be queued if the user chooses to. */
  queueable?: { draft: PublishDraft; request: PublishRequest };
}

export interface PublishState {
  draft: PublishDraft;
  history: HistoryEntry[];
  templates: PublishTemplate[];
  queued: QueuedPublish[];
  /** Queued messages that expired unsent (shown until dismissed). */
  expired?: ExpiredNote;
  /** Publishes sent from the Publish view still waiting for the broker's answer. */
  awaitingAck: number;
  outcome?: PublishOutcome;
}

/** Queued messages older than this are dropped, not sent late (the Queued list says so). */
export const QUEUE_EXPIRY_MS = 10 * 60_000;

export interface ExpiredNote {
  count: number;
  /** The latest few topics that expired. */
  topics: string[];
}

/** History entries with bigger payloads stay for this tab only (localStorage is small). */
const PERSIST_PAYLOAD_LIMIT = 64 * 1024;

/** Number of properties filled in (what the Properties disclosure shows when closed). */
export function countProperties(p: DraftProperties): number {
  return (
    (p.contentType ? 1 : 0) +
    (p.payloadFormatIndicator ? 1 : 0) +
    (p.messageExpiryInterval.trim() ? 1 : 0) +
    (p.responseTopic ? 1 : 0) +
    (p.correlationData ? 1 : 0) +
    p.userProperties.filter((r) => r.key || r.value).length
  );
}

export type PublishPersisted = Pick<PublishState, 'draft' | 'history' | 'templates'>;

export const PUBLISH_PERSIST: PersistSpec<PublishPersisted> = {
  key: STORE_KEYS.publish,
  what: 'publish form, history and templates',
  // Version 1 is the first schema; later versions add steps to `migrations`.
  version: 1,
  migrations: {},
  // Checked by publishLoader (start-schemas.ts), loaded only when something is stored.
  // The draft changes per keystroke: written at most every 300 ms, and on page hide.
  debounceMs: 300,
};

export const usePublishStore = create<PublishState>()(
  persist(() => ({ draft: emptyDraft(), history: [], templates: [], queued: [], awaitingAck: 0 }) as PublishState, {
    ...persistOptions<PublishState, PublishPersisted>(PUBLISH_PERSIST),
    partialize: (s): PublishPersisted => ({
      draft: s.draft,
      history: s.history.filter((h) => h.payload.length <= PERSIST_PAYLOAD_LIMIT),
      templates: s.templates,
    }),
  }),
);

export function setDraft(patch: Partial<PublishDraft>): void {
  usePublishStore.setState((s) => ({ draft: { ...s.draft, ...patch } }));
}

export function setProperties(patch: Partial<DraftProperties>): void {
  usePublishStore.setState((s) => ({ draft: { ...s.draft, properties: { ...s.draft.properties, ...patch } } }));
}

/** Replaces the whole draft (reusing a history entry or a template). */
export function loadDraft(d: PublishDraft): void {
  const { topic, payload, format, qos, retain, properties } = d;
  usePublishStore.setState({
    draft: { topic, payload, format, qos, retain, properties: { ...properties, userProperties: [...properties.userProperties] } },
    outcome: undefined,
  });
}

export interface PublishInit {
  topic: string;
  /**
   * Text is used as typed (format `format` or, by default, 'text'). Bytes (e.g. a
   * received message's payload) are shown as JSON, text or hex, whichever fits.
   * Omitted: the draft's payload and format stay.
   */
  payload?: string | Uint8Array;
  format?: PayloadFormat;
  qos?: Qos;
  retain?: boolean;
  /** Fields given replace the draft's; omitted ones stay. */
  properties?: Partial<DraftProperties>;
}

/**
 * Pre-fills the Publish view (call it, then navigate to /publish). Only what is
 * given changes; the last outcome is cleared since it was about another message.
 */
export function openPublishWith(init: PublishInit): void {
  usePublishStore.setState((s) => {
    const draft: PublishDraft = { ...s.draft, topic: init.topic };
    if (typeof init.payload === 'string') {
      draft.payload = init.payload;
      draft.format = init.format ?? 'text';
    } else if (init.payload) {
      const decoded = decodePayload(init.payload);
      if (decoded.kind === 'binary') Object.assign(draft, { payload: toHex(init.payload), format: 'hex' });
      else Object.assign(draft, { payload: decoded.text ?? '', format: decoded.kind === 'json' ? 'json' : 'text' });
    } else if (init.format) draft.format = init.format;
    if (init.qos !== undefined) draft.qos = init.qos;
    if (init.retain !== undefined) draft.retain = init.retain;
    if (init.properties) draft.properties = { ...s.draft.properties, ...init.properties };
    return { draft, outcome: undefined };
  });
}

export function addHistory(d: PublishDraft, time = Date.now()): void {
  const entry: HistoryEntry = { ...structuredClone(d), id: newId('h'), time };
  usePublishStore.setState((s) => ({ history: [entry, ...s.history].slice(0, HISTORY_LIMIT) }));
}

export function clearHistory(): void {
  usePublishStore.setState({ history: [] });
}

/** Saves the draft under `name`; a template with the same name is replaced. */
export function saveTemplate(name: string, d: PublishDraft): void {
  const t: PublishTemplate = { ...structuredClone(d), id: newId('t'), name };
  usePublishStore.setState((s) => {
    const i = s.templates.findIndex((x) => x.name === name);
    if (i < 0) return { templates: [...s.templates, t] };
    const templates = [...s.templates];
    templates[i] = { ...t, id: s.templates[i].id };
    return { templates };
  });
}

export function deleteTemplate(id: string): void {
  usePublishStore.setState((s) => ({ templates: s.templates.filter((t) => t.id !== id) }));
}

/** Queues a message; `queuedAt` is kept when one goes back in the queue (its expiry does not restart). */
export function enqueue(draft: PublishDraft, request: PublishRequest, queuedAt = Date.now()): void {
  const q: QueuedPublish = { id: newId('q'), draft, request, queuedAt };
  usePublishStore.setState((s) => ({ queued: [...s.queued, q] }));
}

export function cancelQueued(id: string): void {
  usePublishStore.setState((s) => ({ queued: s.queued.filter((q) => q.id !== id) }));
}

/** Removes and returns everything queued, oldest first. */
export function takeQueued(): QueuedPublish[] {
  expireQueued();
  const { queued } = usePublishStore.getState();
  if (queued.length) usePublishStore.setState({ queued: [] });
  return queued;
}

/** Drops queued messages older than QUEUE_EXPIRY_MS, and notes them for the user. */
export function expireQueued(now = Date.now()): void {
  const { queued } = usePublishStore.getState();
  const gone = queued.filter((q) => now - q.queuedAt >= QUEUE_EXPIRY_MS);
  if (gone.length === 0) return;
  usePublishStore.setState((s) => ({
    queued: s.queued.filter((q) => !gone.includes(q)),
    expired: {
      count: (s.expired?.count ?? 0) + gone.length,
      topics: [...(s.expired?.topics ?? []), ...gone.map((q) => q.request.topic)].slice(-3),
    },
  }));
}

export function dismissExpired(): void {
  usePublishStore.setState({ expired: undefined });
}

/** Counts a publish from the Publish view that waits for the broker (+1 when sent, -1 when answered). */
export function trackAwaiting(delta: 1 | -1): void {
  usePublishStore.setState((s) => ({ awaitingAck: Math.max(0, s.awaitingAck + delta) }));
}

/** True while leaving the page would lose something: a queued message or a publish awaiting its answer. */
export function hasUnsentWork(s: Pick<PublishState, 'queued' | 'awaitingAck'> = usePublishStore.getState()): boolean {
  return s.queued.length > 0 || s.awaitingAck > 0;
}

let seq = 0;

/** Sets the outcome of a new attempt; returns its sequence number for updateOutcome. */
export function startOutcome(kind: OutcomeKind, message: string, queueable?: PublishOutcome['queueable']): number {
  seq++;
  usePublishStore.setState({ outcome: { seq, kind, message, queueable } });
  return seq;
}

/** Updates the outcome of attempt `n`, unless a newer attempt has replaced it. */
export function updateOutcome(n: number, kind: OutcomeKind, message: string): void {
  usePublishStore.setState((s) => (s.outcome?.seq === n ? { outcome: { seq: n, kind, message } } : s));
}

export function clearOutcome(): void {
  usePublishStore.setState({ outcome: undefined });
}

/**
 * Main-thread side of the MQTT connection. Owns the worker, turns a profile into a
 * connect request, and applies the worker's batches to the models once per
 * animation frame. Components never see individual messages: they read the
 * models through version counters (hooks/use-model.ts).
 *
 * What reacts to the connection subscribes to three events, all in one place
 * (src/app/live.ts): onBatch (once per applied frame), onConnected and onDisconnected.
 * The connection's status for views is written to useSessionStore here.
 */
import { TopicTrie } from '../core/topic-trie';
import { SeriesStore } from '../core/series-store';
import { TrafficModel, type TrafficExtras } from '../core/traffic';
import { holdLeave } from '../lib/leave-guard';
import type { MqttMessage } from '../core/message';
import { useSessionStore, type SessionState } from '../stores/session-store';
import { validateBrokerUrl } from '../lib/broker-url';
import { mixedContentError } from '../lib/mixed-content';
import { publishRefusal } from './publish-guard';
import { generatedClientId } from './fresh-client-id';
import { startMqttWorker, takeEarlyWorker } from './early-worker';
import { connectedWith, rememberedFallback } from './version-memory';
import { recallSessionSubscriptions, rememberSessionSubscriptions } from './session-memory';
import { profileUrls, type Profile, type PublishRequest } from '../core/connection';
import { sameBytes } from '../core/bytes';
import { PayloadPacker } from '../core/payload-pack';
import { DecodedRetention } from './decoded-retention';
import { unpackSparkplug } from '../core/sparkplug-pack';
import type { DistributiveOmit } from './recorder-events';
import type { RecorderCommand, RecorderEvent } from './recorder-protocol';
import type { ConnectRequest, ResultEvent, WorkerCommand, WorkerEvent } from './protocol';
import { FLAGS, LENGTH, OFFSET, REPLAY, RETAIN, SIZE, SP, STRIDE, TIME, type PackedBatchEvent } from './batch-wire';
import type { AlertRulesCommand, AlertsEvent } from './alert-protocol';
import type { DecodeRulesCommand } from './decoders/decode-protocol';
import type { DecodeRule } from '../core/decoded';

/**
 * Called once per applied frame. `replays` are retained messages the broker replayed
 * unchanged after a resubscription: not new messages (not counted), but a fresh
 * confirmation of the state they carry (a switch leaves "stale" on them).
 */
export type BatchListener = (messages: MqttMessage[], replays: MqttMessage[], coalesced?: TrafficExtras) => void;

/** Called when the connection comes up, and when an up connection goes away (any other state). */
export type ConnectionListener = () => void;

/** What the session needs of a Worker (a fake one in unit tests). */
export interface WorkerLike {
  postMessage(message: WorkerCommand, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<WorkerEvent>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
  onmessageerror: ((ev: MessageEvent) => void) | null;
}

export interface SessionOptions {
  /** Starts the connection worker (default: src/mqtt/worker.ts as a module worker). */
  createWorker?: () => WorkerLike;
}

const startWorker = (): WorkerLike => (takeEarlyWorker() ?? startMqttWorker()) as unknown as WorkerLike;

/** Batches wait at most this long for an animation frame (hidden tabs get none) before they are applied anyway. */
const FRAME_FALLBACK_MS = 250;

/** Client IDs left empty in a profile get one per tab, so two tabs never collide. */
let tabClientId = generatedClientId();

export class Session {
  /** Every topic seen: counts, last message, history, retained state (the Explorer's model). */
  readonly trie = new TopicTrie();
  /**
   * Numeric points per tracked topic/field for charts (10,000 each), backfilled from the trie's
   * history when a chart starts tracking; fed from onBatch (src/app/live.ts).
   */
  readonly series = new SeriesStore({
    history: (topic) => {
      const node = this.trie.get(topic);
      if (!node || !node.isTopic) return [];
      return node.hasHistory ? node.history.toArray() : node.last ? [node.last] : [];
    },
  });
  /** Messages/s, bytes/s, sizes, intervals and silence per topic (Traffic view, alerts); fed from onBatch (app/live.ts). */
  readonly traffic = new TrafficModel();
  /** Every message received since the page opened (coalesced ones included). */
  received = 0;
  /** Messages counted but not kept as objects because a topic flooded one frame. */
  coalesced = 0;
  private worker: WorkerLike | null = null;
  /** Copies kept payloads out of the batch buffers; small ones share 1 KiB chunks (core/payload-pack.ts). */
  private readonly payloads = new PayloadPacker();
  private readonly decodedRetention = new DecodedRetention();
  private queue: PackedBatchEvent[] = [];
  private frameRequested = false;
  private nextId = 1;
  private pendingResults = new Map<number, (r: ResultEvent) => void>();
  private batchListeners = new Set<BatchListener>();
  private connectedListeners = new Set<ConnectionListener>();
  private disconnectedListeners = new Set<ConnectionListener>();
  private alertListeners = new Set<(ev: AlertsEvent) => void>();
  /** The alert rules the worker evaluates (setAlertRules); every new worker gets them first. */
  private alertRules: ((newWorker: boolean) => AlertRulesCommand) | undefined;
  /** Topic filters the worker decodes as Sparkplug B / MessagePack / CBOR (setDecodeRules); every new worker gets them. */
  private decodeRules: DecodeRulesCommand | undefined;
  /** Whether the last status was 'connected' (for the onConnected / onDisconnected edges). */
  private up = false;
  private readonly createWorker: () => WorkerLike;

  constructor(options: SessionOptions = {}) {
    this.createWorker = options.createWorker ?? startWorker;
  }

  private ensureWorker(): WorkerLike {
    if (!this.worker) {
      this.worker = this.createWorker();
      this.worker.onmessage = (ev: MessageEvent<WorkerEvent>) => this.onEvent(ev.data);
      // A worker that throws or sends what cannot be read is an error the user sees, never a silent hang.
      this.worker.onerror = (ev) => {
        ev.preventDefault();
        this.workerFailed(`The connection worker failed: ${ev.message || 'unknown error'}`);
      };
      this.worker.onmessageerror = () => this.workerFailed('The connection worker sent a message that could not be read.');
      if (this.alertRules) this.worker.postMessage(this.alertRules(true), []);
      if (this.decodeRules) this.worker.postMessage(this.decodeRules, []);
    }
    return this.worker;
  }

  /** Shows the failure, answers every pending request with it, and starts a fresh worker on the next connect. */
  private workerFailed(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.onWorkerLost?.(reason);
    this.setStatus({ state: 'error', reason: `${reason}. Connect again from Connections.`, retryAt: undefined });
    const pending = [...this.pendingResults];
    this.pendingResults.clear();
    for (const [id, done] of pending) done({ type: 'result', id, ok: false, error: reason });
  }

  private send(cmd: WorkerCommand, transfer: Transferable[] = []) {
    try {
      this.ensureWorker().postMessage(cmd, transfer);
    } catch (e) {
      // e.g. DataCloneError: answer the request it belonged to instead of leaving it pending.
      const id = 'id' in cmd ? cmd.id : undefined;
      const done = id === undefined ? undefined : this.pendingResults.get(id);
      if (id !== undefined) this.pendingResults.delete(id);
      const error = `Could not hand the request to the connection worker: ${(e as Error)?.message || String(e)}`;
      if (done) done({ type: 'result', id: id!, ok: false, error });
      else if (cmd.type === 'connect') this.setStatus({ state: 'error', reason: error });
    }
  }

  /**
   * The way out when a broker keeps dropping this client ID right after accepting it (a dead
   * cluster node still holds it): connect again with a new generated client ID. Clean start only.
   */
  reconnectWithFreshClientId(): void {
    const p = this.lastProfile;
    if (!p || !p.clean) return;
    tabClientId = generatedClientId();
    this.connect({ ...p, clientId: '' });
  }

  private lastProfile: Profile | null = null;
  /** The current connect asked for 3.1.1 because the broker refused MQTT 5 lately. */
  private versionFromMemory = false;

  connect(profile: Profile): void {
    this.lastProfile = profile;
    const urls = profileUrls(profile);
    const badUrl = urls.map(validateBrokerUrl).find(Boolean);
    if (badUrl) {
      this.setStatus({ state: 'error', reason: `Broker URL of “${profile.name}”: ${badUrl}`, retryAt: undefined, subscriptions: [] });
      return;
    }
    const blocked = mixedContentError(urls, typeof location === 'undefined' ? '' : location.protocol);
    if (blocked) {
      this.setStatus({ state: 'error', reason: blocked, retryAt: undefined, subscriptions: [], brokerUrl: profile.url });
      return;
    }
    // A broker that refused MQTT 5 lately gets 3.1.1 straight away (version-memory.ts).
    const remembered = profile.protocolVersion === 5 ? rememberedFallback(profile.url) : undefined;
    this.versionFromMemory = remembered !== undefined;
    const request: ConnectRequest = {
      url: profile.url,
      urls,
      clientId: profile.clientId.trim() || tabClientId,
      username: profile.username || undefined,
      password: profile.password || undefined,
      keepalive: profile.keepalive,
      clean: profile.clean,
      protocolVersion: remembered ? 4 : profile.protocolVersion,
      ...(remembered ? { versionNote: remembered } : {}),
      subscriptions: profile.subscriptions,
      will: profile.willTopic
        ? { topic: profile.willTopic, payload: profile.willPayload, qos: profile.willQos, retain: profile.willRetain }
        : undefined,
      clientIdChosen: profile.clientId.trim() !== '',
    };
    if (!request.clean) request.sessionSubscriptions = recallSessionSubscriptions(request.url, request.clientId);
    this.setStatus({
      state: 'connecting',
      reason: undefined,
      retryAt: undefined,
      brokerUrl: request.url,
      clientId: request.clientId,
      subscriptions: [],
      nodeUrl: request.url,
      capabilities: undefined,
      note: undefined,
    });
    this.send({ type: 'connect', request });
  }

  disconnect(): void {
    this.send({ type: 'disconnect' });
  }

  /** Resolves with the broker's answer (PUBACK/PUBCOMP for QoS 1/2, "sent" for QoS 0). */
  publish(req: PublishRequest): Promise<ResultEvent> {
    const id = this.nextId++;
    // Whatever the broker announced it would refuse (and drop the connection for) is refused here.
    const refused = publishRefusal(req, useSessionStore.getState().capabilities);
    if (refused) return Promise.resolve({ type: 'result', id, ok: false, error: refused });
    // Until the broker answered, leaving the page asks first (lib/leave-guard.ts).
    const release = holdLeave(`publish to ${req.topic}`);
    return new Promise((resolve) => {
      this.pendingResults.set(id, (r) => {
        release();
        resolve(r);
      });
      this.send({ type: 'publish', id, ...req });
    });
  }

  subscribe(filters: string[]): Promise<ResultEvent> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pendingResults.set(id, resolve);
      this.send({ type: 'subscribe', id, filters });
    });
  }

  unsubscribe(filters: string[]): Promise<ResultEvent> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pendingResults.set(id, resolve);
      this.send({ type: 'unsubscribe', id, filters });
    });
  }

  /** Reads the retained messages of these exact topics (or, with `filters`, under these filters) in full over a second, short-lived connection (retained-fetch.ts). */
  fetchRetained(topics: string[], timeoutMs?: number, filters?: boolean): Promise<ResultEvent> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pendingResults.set(id, resolve);
      this.send({ type: 'fetch-retained', id, topics, timeoutMs, filters });
    });
  }

  /** The recorder's reports (set by recording-actions.ts before it starts one, so none of it is on the first load). */
  onRecorder: ((ev: RecorderEvent) => void) | undefined;
  /** Told when the worker failed and was terminated, taking a recording in it along (recording-actions.ts). */
  onWorkerLost: ((reason: string) => void) | undefined;

  /** Starts or stops the worker's recorder (recording-actions.ts); its progress arrives through onRecorder. */
  record(cmd: DistributiveOmit<RecorderCommand, 'id'>): Promise<ResultEvent> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pendingResults.set(id, resolve);
      this.send({ ...cmd, id });
    });
  }

  /** Called once per applied frame with the messages of that frame (for series, widgets); see BatchListener. */
  onBatch(fn: BatchListener): () => void {
    this.batchListeners.add(fn);
    return () => this.batchListeners.delete(fn);
  }

  /** Called each time the connection comes up (first connect and every reconnect). */
  onConnected(fn: ConnectionListener): () => void {
    this.connectedListeners.add(fn);
    return () => this.connectedListeners.delete(fn);
  }

  /** Called each time an up connection goes away (reconnecting, disconnected, error, idle). */
  onDisconnected(fn: ConnectionListener): () => void {
    this.disconnectedListeners.add(fn);
    return () => this.disconnectedListeners.delete(fn);
  }

  /**
   * Alert rules are evaluated in the worker (alert-worker.ts): `rules(false)` is sent now if a
   * worker runs, and `rules(true)` to every worker started later (after a failure), so none runs
   * without them.
   */
  setAlertRules(rules: (newWorker: boolean) => AlertRulesCommand): void {
    this.alertRules = rules;
    if (this.worker) this.send(rules(false));
  }

  /** Topic filters decoded as Sparkplug B / MessagePack / CBOR in the worker (decoders/); every later worker gets them too. */
  setDecodeRules(rules: DecodeRule[], proto?: DecodeRulesCommand['proto']): void {
    this.decodeRules = { type: 'decode-rules', rules, ...(proto?.length ? { proto } : {}) };
    if (this.worker) this.send(this.decodeRules);
  }

  /** Called with each alert report of the worker (transitions, rule statuses; at most 10 a second). */
  onAlerts(fn: (ev: AlertsEvent) => void): () => void {
    this.alertListeners.add(fn);
    return () => this.alertListeners.delete(fn);
  }

  /** Writes the status for views, then tells the connection listeners if it went up or down. */
  private setStatus(status: Partial<SessionState>): void {
    useSessionStore.setState(status);
    if (status.state === undefined) return;
    const up = status.state === 'connected';
    if (up === this.up) return;
    this.up = up;
    for (const fn of [...(up ? this.connectedListeners : this.disconnectedListeners)]) fn();
  }

  private onEvent(ev: WorkerEvent) {
    switch (ev.type) {
      case 'status':
        if (ev.state === 'connected' && this.lastProfile) connectedWith(this.lastProfile, ev, this.versionFromMemory);
        this.setStatus({
          state: ev.state,
          reason: ev.reason,
          retryAt: ev.retryAt,
          attempt: ev.attempt,
          ...(ev.protocolVersion ? { protocolVersion: ev.protocolVersion } : {}),
          ...(ev.state === 'connected' ? { receiveMaximum: ev.receiveMaximum, capabilities: ev.capabilities, note: ev.note } : {}),
          ...(ev.nodeUrl ? { nodeUrl: ev.nodeUrl } : {}),
          freshClientIdHelps: ev.freshClientIdHelps,
        });
        break;
      case 'subscribed':
        useSessionStore.setState({ subscriptions: ev.results });
        break;
      case 'session-subscriptions':
        rememberSessionSubscriptions(ev.url, ev.clientId, ev.subscriptions);
        break;
      case 'alerts':
        for (const fn of this.alertListeners) fn(ev);
        break;
      case 'recorder':
        this.onRecorder?.(ev);
        break;
      case 'result': {
        const done = this.pendingResults.get(ev.id);
        this.pendingResults.delete(ev.id);
        done?.(ev);
        break;
      }
      case 'packed-batch': // worker.ts posts every batch packed (batch-wire.ts); a test's fake worker packs its own
        this.queue.push(ev);
        this.requestFrame();
        break;
    }
  }

  private requestFrame() {
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.requestedAt = performance.now();
    requestAnimationFrame(this.runFrame);
    // Hidden tabs get no animation frames: still apply, a few times a second, to keep memory flat.
    // One timer at a time serves every frame request (not a timer task per frame, 60 a second).
    this.fallbackTimer ??= setTimeout(this.fallback, FRAME_FALLBACK_MS);
  }

  private requestedAt = 0;
  private fallbackTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly runFrame = () => {
    if (!this.frameRequested) return;
    this.frameRequested = false;
    this.applyQueued();
  };
  /** Applies what has waited FRAME_FALLBACK_MS for a frame; a younger request gets the timer again for the rest. */
  private readonly fallback = () => {
    this.fallbackTimer = undefined;
    if (!this.frameRequested) return;
    const rest = FRAME_FALLBACK_MS - (performance.now() - this.requestedAt);
    if (rest > 1) this.fallbackTimer = setTimeout(this.fallback, rest);
    else this.runFrame();
  };

  /** Applies every queued batch to the models in one go, then notifies once. */
  applyQueued(): void {
    const batches = this.queue;
    if (batches.length === 0) return;
    this.queue = [];
    const messages: MqttMessage[] = [];
    const replays: MqttMessage[] = [];
    let extra: Map<string, number> | undefined;
    let coalesced: Coalesced | undefined;
    for (const b of batches) {
      const bytes = new Uint8Array(b.buffer);
      // The batch in columns (batch-wire.ts): a topic and STRIDE numbers per message, the rare rest in `special`.
      const { topics, nums, special } = b;
      this.received += topics.length;
      let s = 0;
      for (let i = 0, o = 0; i < topics.length; i++, o += STRIDE) {
        const topic = topics[i];
        const flags = nums[o + FLAGS];
        const size = nums[o + SIZE];
        // A new topic's first message shares a chunk; later ones get their own (payload-pack.ts).
        const node = this.trie.get(topic);
        const payload = this.payloads.copy(bytes, nums[o + OFFSET], nums[o + LENGTH], node === undefined);
        // A known topic's message carries the node's own string, not the batch's copy: the copy
        // dies young instead of living in History (old generation) until it is overwritten.
        const m: MqttMessage = { topic: node?.topic ?? topic, payload, size, qos: (flags & 3) as 0 | 1 | 2, retain: (flags & RETAIN) !== 0, time: nums[o + TIME] };
        const e = special !== undefined && s < special.length && special[s].i === i ? special[s++] : undefined;
        if (e?.properties) m.properties = e.properties;
        if (e?.decoded) m.decoded = e.decoded;
        else if (nums[o + SP] >= 0 && b.sparkplug) m.decoded = { format: 'sparkplug', sparkplug: unpackSparkplug(b.sparkplug, nums[o + SP]) }; // packed (core/sparkplug-pack.ts)
        if (flags & REPLAY) {
          // A retained message replayed after a resubscribe is the state we already
          // show: refresh it rather than count it twice.
          const last = node?.last;
          if (last && last.retain && last.size === size && sameBytes(last.payload, payload)) {
            replays.push(m);
            continue;
          }
        }
        messages.push(m);
      }
      if (b.extraCounts) {
        extra ??= new Map();
        for (const [t, n] of Object.entries(b.extraCounts)) {
          extra.set(t, (extra.get(t) ?? 0) + n);
          this.received += n;
          this.coalesced += n;
        }
        addCoalesced((coalesced ??= { bytes: new Map(), largest: new Map() }), b);
      }
    }
    this.decodedRetention.before(this.trie, messages);
    this.trie.apply(messages, extra, replays);
    const floods = extra && coalesced ? { ...coalesced, counts: extra } : undefined;
    for (const fn of this.batchListeners) fn(messages, replays, floods);
    this.decodedRetention.after(this.trie, messages); // decodings only on each topic's newest message
  }
}

/** Bytes and largest payload of a batch's coalesced messages (the counts are `extra` above). */
interface Coalesced {
  bytes: Map<string, number>;
  largest: Map<string, number>;
}
function addCoalesced({ bytes, largest }: Coalesced, b: PackedBatchEvent): void {
  for (const [t, n] of Object.entries(b.extraBytes ?? {})) bytes.set(t, (bytes.get(t) ?? 0) + n);
  for (const [t, n] of Object.entries(b.extraLargest ?? {})) largest.set(t, Math.max(largest.get(t) ?? 0, n));
}

export const session = new Session();

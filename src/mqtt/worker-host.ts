/**
 * The MQTT client and its command handling, off the main thread: worker.ts wires this to
 * `self.onmessage` / `postMessage` (tests drive it in Node against a real broker). It owns the
 * connection lifecycle (own reconnect with backoff, fatal-error and takeover detection) and
 * hands messages to the main thread in per-frame batches (see batcher.ts).
 */
import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { Batcher } from './batcher';
import {
  backoffDelay,
  ConnectionDrops,
  isFatalConnack,
  fatalConnackText,
  reasonText,
  SESSION_TAKEN_OVER,
  takeoverMessage,
} from './connection-policy';
import { Liveness } from './liveness';
import { forgetSessionStores, sessionStores } from './packet-stores';
import { SessionSubscriptions } from './session-subscriptions';
import { toMessageProperties } from './packet-properties';
import { copyUserProps } from '../core/user-properties';
import type { ConnectRequest, StatusEvent, WorkerCommand, WorkerEvent } from './protocol';
import type { MessageProperties } from '../core/message';
import { fetchRetained } from './retained-fetch';
import { NodeRotation } from './node-rotation';
import { versionFallback } from './version-fallback';
import { capabilitiesFromConnack } from './capabilities';
import { clusterHint } from './fresh-client-id';
import { SecureFailures } from './secure-failures';
import { RecordControl } from './record-control';
import { AlertControl } from './alert-control';
import { DecodeControl } from './decoders/decode-control';
import { FastIngress, interceptMessages } from './fast-ingress';

export interface WorkerHostDeps {
  /** Sends an event to the main thread (postMessage), transferring the listed buffers. */
  post: (ev: WorkerEvent, transfer?: Transferable[]) => void;
  /** The app's page protocol ('https:' …), for the wss:// certificate hint (see secure-failures.ts). */
  pageProtocol?: string;
  /** Opens an mqtt.js client (default: mqtt.connect). */
  connect?: (url: string, opts: IClientOptions) => MqttClient;
  /**
   * Opens the connection's WebSocket (worker.ts: the browser's). When given, incoming QoS 0
   * PUBLISH packets are read by fast-ingress.ts instead of mqtt.js; without it (Node tests) mqtt.js
   * reads everything.
   */
  makeWebSocket?: (url: string, protocols: string[]) => WebSocket;
}

/**
 * One connection's worker state; returns the command handler. Whatever a command throws is
 * answered: a failed result for its id, else an error status.
 */
export function createWorkerHost(deps: WorkerHostDeps): (cmd: WorkerCommand) => void {
  const connect = deps.connect ?? ((url: string, opts: IClientOptions) => mqtt.connect(url, opts));

  const post = (ev: WorkerEvent, transfer: Transferable[] = []) => deps.post(ev, transfer);
  /** Quick drops in a row on a clean-start profile: the status offers a fresh client ID (fresh-client-id.ts). */
  let freshIdHelps = false;
  /** Alert rules (alert-control.ts): see every message, decoded, before the batcher may coalesce it; report after each batch. */
  const alerts = new AlertControl(post);
  const status = (ev: Omit<StatusEvent, 'type'>) => {
    alerts.connectionChanged(ev.state === 'connected'); // silence is not judged while down
    post({ type: 'status', ...ev, ...(freshIdHelps ? { freshClientIdHelps: true } : {}) });
  };

  const batcher = new Batcher({
    emit: (batch, transfer) => {
      post(batch, transfer);
      alerts.flushed();
    },
  });
  /** Payload decoders (issue 13): Sparkplug B, MessagePack, CBOR, loaded when first needed; in order before the batcher. */
  // Alert rules see each message after its decoding (a rule's JSON path reads a decoded field or Sparkplug metric).
  const decoders = new DecodeControl((m) => {
    alerts.add(m);
    batcher.add(m);
  });
  /** Recording (issue 12): sees every message before the batcher may coalesce it. */
  const recording = new RecordControl(post);

  let client: MqttClient | null = null;
  let request: ConnectRequest | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let connectedAt = 0;
  /** Set when the current connection must not be retried (bad credentials, takeover). */
  let fatal: string | null = null;
  let lastReason: string | undefined;
  /** Set when an MQTT 5 connect was refused for its protocol version: retry once as 3.1.1. */
  let downgrade = false;
  /** The profile's broker URLs and the one being tried (see node-rotation.ts). */
  const nodes = new NodeRotation();
  /** Why this connect request runs on 3.1.1 although the profile asked for 5. */
  let fallbackNote: string | undefined;
  /** The current attempt, for versionFallback(): when it started, CONNACK code, transport error. */
  let attemptInfo = { startedAt: 0, connackCode: undefined as number | undefined, socketOpened: false, transportError: false };
  const drops = new ConnectionDrops();
  /** wss:// attempts that failed before any response (a certificate the browser refuses?). */
  const secureFailures = new SecureFailures(deps.pageProtocol);
  /** What the broker session holds for us; reconciled with the profile after each CONNACK. */
  const sessionSubs = new SessionSubscriptions((ev) => post(ev));
  /** Watches the current connection for a silent stall (see liveness.ts). */
  let liveness: Liveness | null = null;
  let livenessTimer: ReturnType<typeof setInterval> | null = null;
  let probeFlush: ReturnType<typeof setTimeout> | null = null;
  /** MQTT 5 with Clean start off: how long the broker keeps the session while we are away (1 day). */
  const SESSION_EXPIRY_S = 86_400;

  function stopLiveness() {
    if (livenessTimer) clearInterval(livenessTimer);
    livenessTimer = null;
    liveness?.stop();
    liveness = null;
  }
  /** Publishes waiting for their callback, with the client that sent them. */
  const inflight = new Map<number, MqttClient>();

  /** Answers every publish still waiting on `c` (which is going away), so none is left unanswered. */
  function failInflight(c: MqttClient) {
    for (const [id, owner] of inflight) {
      if (owner !== c) continue;
      inflight.delete(id);
      const kept = request && !request.clean ? ' If the broker kept the session, it is sent again after reconnecting.' : '';
      post({ type: 'result', id, ok: false, error: `Connection lost before the broker answered: the message may or may not have arrived.${kept}` });
    }
  }
  /** When the last subscription round was sent; retained messages soon after are replays. */
  let subscribedAt = 0;
  const REPLAY_WINDOW_MS = 5000;

  function clearRetry() {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  }

  function teardown() {
    clearRetry();
    stopLiveness();
    if (client) {
      const c = client;
      client = null;
      failInflight(c);
      c.removeAllListeners();
      c.on('error', () => {});
      c.end(true);
    }
  }

  /**
   * MQTT 5 subscriptions ask for "retain as published" so that live retained publishes keep
   * their flag (the explorer's retained marker and the retained workbench rely on it).
   */
  function subscribeOptions(): { qos: 2; rap?: boolean } {
    return request?.protocolVersion === 5 ? { qos: 2, rap: true } : { qos: 2 };
  }

  function open(req: ConnectRequest) {
    teardown();
    fatal = null;
    const opts: IClientOptions = {
      clientId: req.clientId,
      username: req.username || undefined,
      password: req.password || undefined,
      keepalive: req.keepalive,
      clean: req.clean,
      protocolVersion: req.protocolVersion,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      resubscribe: false,
      queueQoSZero: false,
      // mqtt-packet would build 65,536 two-byte buffers before writing the first CONNECT (~100-170 ms
      // of the worker on the first load, delaying the WebSocket): write each number as needed instead.
      writeCache: false,
    };
    if (req.will && req.will.topic) {
      opts.will = { topic: req.will.topic, payload: req.will.payload, qos: req.will.qos, retain: req.will.retain };
    }
    // A kept session lives across our reconnects: so must its QoS 1/2 packets in flight.
    const stores = req.clean ? null : sessionStores(req.url, req.clientId);
    if (stores) {
      opts.incomingStore = stores.incomingStore;
      opts.outgoingStore = stores.outgoingStore;
      if (req.protocolVersion === 5) opts.properties = { ...opts.properties, sessionExpiryInterval: SESSION_EXPIRY_S };
    } else forgetSessionStores(req.url, req.clientId);
    const nodeUrl = nodes.current || req.url;
    status({ state: attempt === 0 ? 'connecting' : 'reconnecting', attempt, reason: lastReason, nodeUrl });
    const info = { startedAt: Date.now(), connackCode: undefined as number | undefined, socketOpened: false, transportError: false };
    attemptInfo = info;
    // Incoming QoS 0 PUBLISH packets are read straight from the WebSocket (fast-ingress.ts); the rest goes to mqtt.js.
    const makeWebSocket = deps.makeWebSocket;
    const ingress = makeWebSocket
      ? new FastIngress({
          protocolVersion: req.protocolVersion,
          message: (topic, payload, retain, time) => {
            if (client === c) deliver(topic, payload, 0, retain, undefined, time);
          },
          received: () => {
            if (client === c) liveness?.received('publish');
          },
        })
      : null;
    if (ingress && makeWebSocket) {
      // mqtt.js's browser WebSocket path calls it (the worker is a browser to mqtt.js).
      opts.createWebsocket = (url: string, protocols: string[]) => interceptMessages(makeWebSocket(url, protocols), ingress);
    }
    const c = connect(nodeUrl, opts);
    client = c;
    // mqtt.js does not report a browser WebSocket's failures (they carry no error code): watch them here.
    const stream = c.stream as (typeof c.stream & { socket?: WebSocket }) | undefined;
    stream?.on('error', () => (info.transportError = true));
    stream?.socket?.addEventListener('open', () => (info.socketOpened = true));

    c.on('packetreceive', (packet) => {
      if (client !== c) return;
      // Before mqtt.js acts on it: a session the broker no longer has takes its packets with it.
      if (packet.cmd === 'connack' && !packet.sessionPresent) stores?.clear();
      if (packet.cmd === 'connack') attemptInfo.connackCode = packet.reasonCode ?? packet.returnCode ?? 0;
      liveness?.received(packet.cmd);
      ingress?.handled(); // messages read after this packet may follow it now
    });
    c.on('packetsend', (packet) => {
      if (client === c) liveness?.sent(packet.cmd);
    });

    c.on('connect', (connack) => {
      if (client !== c) return;
      connectedAt = Date.now();
      // The backoff starts over only once this connection proved stable (see 'close').
      lastReason = undefined;
      watch(c, req);
      status({
        state: 'connected',
        protocolVersion: req.protocolVersion,
        receiveMaximum: connack.properties?.receiveMaximum,
        nodeUrl,
        capabilities: capabilitiesFromConnack(req.protocolVersion, connack.properties),
        note: fallbackNote,
      });
      // With a session present the broker kept our subscriptions: subscribing again would
      // replay every retained message, so only the differences go out. Otherwise all, once.
      sessionSubs.reconcile(c, req, !!connack.sessionPresent, subscribeOptions(), () => (subscribedAt = Date.now()));
    });

    /** Every incoming message, from mqtt.js or the fast path (`time`: when it arrived). */
    function deliver(topic: string, payload: Uint8Array, qos: 0 | 1 | 2, retain: boolean, properties: MessageProperties | undefined, time: number) {
      // On 3.1.1 (and MQTT 5 without retain-as-published) only replays carry the retain flag;
      // with retain-as-published a live retained publish does too, so only a short window counts.
      const replay = retain && (req.protocolVersion === 4 || time - subscribedAt < REPLAY_WINDOW_MS);
      const m = { replay, topic, payload, qos, retain, time, properties };
      recording.add(m);
      decoders.add(m); // then the alert rules, then the batcher
    }
    c.on('message', (topic, payload, packet) => {
      // A kept session's QoS 1 message sent again after a drop (DUP) was shown already (qos1-redelivery.ts).
      if (packet.qos === 1 && stores?.qos1.repeat(packet.messageId, topic, payload, !!packet.dup)) return;
      deliver(topic, payload, packet.qos, packet.retain, toMessageProperties(packet.properties), Date.now());
    });

    c.on('error', (err: Error & { code?: number }) => {
      if (client !== c) return;
      const code = typeof err.code === 'number' ? err.code : undefined;
      if (req.protocolVersion === 5 && (code === 1 || code === 132)) {
        // Brokers that only speak 3.1.1 (aedes, older Mosquitto) refuse MQTT 5: fall back.
        downgrade = true;
      } else if (code !== undefined && isFatalConnack(code, req.protocolVersion)) {
        fatal = fatalConnackText(code, req.protocolVersion, !!req.username);
      } else {
        lastReason = err.message || String(err);
      }
    });

    c.on('disconnect', (packet) => {
      if (client !== c) return;
      const code = packet.reasonCode ?? 0;
      if (code === SESSION_TAKEN_OVER) fatal = takeoverMessage(req.clientId);
      else if (code) lastReason = `Broker disconnected: ${reasonText(code, 5)}`;
    });

    c.on('close', () => closed(c, req));
  }

  /** Starts the silent-stall watch on a fresh connection (keep-alive 0 turns it off). */
  function watch(c: MqttClient, req: ConnectRequest) {
    stopLiveness();
    const keepaliveMs = (c.keepalive || req.keepalive) * 1000;
    if (!keepaliveMs) return;
    liveness = new Liveness({
      keepaliveMs,
      ping: () => c.sendPing(),
      // A flood queues the PINGRESP behind it: any packet after a ping is the broker answering (liveness.ts).
      answered: () => c.reschedulePing(true),
      dead: () => {
        if (client !== c) return;
        lastReason = `The broker stopped answering: nothing heard within the keep-alive (${keepaliveMs / 1000} s).`;
        closed(c, req);
      },
    });
    const live = liveness;
    livenessTimer = setInterval(() => live.tick(), Math.min(250, keepaliveMs / 8));
  }

  /** The connection `c` ended (closed by either side, or found dead): retry, or stop for good. */
  function closed(c: MqttClient, req: ConnectRequest) {
    if (client !== c) return;
    stopLiveness();
    const verdict = drops.onClose(connectedAt, Date.now(), !!req.clientIdChosen);
    // Only a profile that lists several nodes is known to be a cluster; with one URL, quick drops
    // are far more often a proxy or an overloaded broker, and the client ID is not blamed.
    const cluster = nodes.size > 1;
    if (!fatal && verdict.takeover) {
      // A typed client ID dropped again and again: another client using it, or, on a cluster, a
      // failed node still holding it (the pattern is the same). Say both; offer the way out.
      fatal = takeoverMessage(req.clientId) + (cluster ? clusterHint(req.clean) : '');
      if (cluster && req.clean) freshIdHelps = true;
    }
    if (verdict.resetBackoff) attempt = 0;
    if (verdict.resetBackoff) freshIdHelps = false;
    if (verdict.reason) lastReason = verdict.reason + (cluster ? clusterHint(req.clean) : '');
    if (verdict.reason && cluster && req.clean) freshIdHelps = true;
    const fellBack = versionFallback({
      protocolVersion: req.protocolVersion,
      connack: attemptInfo.connackCode !== undefined,
      connackCode: attemptInfo.connackCode,
      socketOpened: attemptInfo.socketOpened,
      transportError: attemptInfo.transportError,
      elapsedMs: Date.now() - attemptInfo.startedAt,
    });
    if (fellBack && !fatal) downgrade = true;
    connectedAt = 0;
    if (downgrade && request) {
      downgrade = false;
      fallbackNote = fellBack;
      request = { ...request, protocolVersion: 4 };
      open(request);
      return;
    }
    if (fatal) {
      teardown();
      status({ state: 'error', reason: fatal });
      return;
    }
    const secureHint = secureFailures.attemptEnded(nodes.current || req.url, attemptInfo.socketOpened);
    if (secureHint || secureFailures.gave(lastReason)) lastReason = secureHint;
    // The next try goes to the next node of the profile (the same one when there is just one).
    nodes.next();
    scheduleRetry();
  }

  function scheduleRetry() {
    if (!request) return;
    const delay = backoffDelay(attempt);
    const retryAt = Date.now() + delay;
    attempt++;
    const c = client;
    client = null;
    if (c) {
      failInflight(c);
      c.removeAllListeners();
      c.on('error', () => {});
      c.end(true);
    }
    const next = nodes.size > 1 ? ` Next try: ${nodes.current}.` : '';
    status({ state: 'reconnecting', retryAt, attempt, reason: `${lastReason ?? 'Connection lost'}${next}`, nodeUrl: nodes.current || undefined });
    clearRetry();
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (request) open(request);
    }, delay);
  }

  /**
   * A publish is written only once the broker answered a ping sent after it was asked for, so
   * that one given during a silent stall fails now instead of acting when the broker wakes up.
   */
  function publish(cmd: Extract<WorkerCommand, { type: 'publish' }>) {
    const c = client;
    const live = liveness;
    if (!c || !c.connected || !live) {
      send(cmd);
      return;
    }
    live.whenAlive((ok) => {
      if (client !== c || !c.connected) {
        post({ type: 'result', id: cmd.id, ok: false, error: 'Connection lost before it was sent: nothing was sent.' });
      } else if (!ok) {
        post({ type: 'result', id: cmd.id, ok: false, error: 'The broker is not answering (the connection seems stalled): nothing was sent.' });
      } else send(cmd);
    });
    probeFlush ??= setTimeout(() => {
      probeFlush = null;
      liveness?.flush();
    }, 0);
  }

  function send(cmd: Extract<WorkerCommand, { type: 'publish' }>) {
    const c = client;
    if (!c || !c.connected) {
      post({ type: 'result', id: cmd.id, ok: false, error: 'Not connected: nothing was sent.' });
      return;
    }
    const properties = cmd.properties && request?.protocolVersion === 5 ? { ...cmd.properties } : undefined;
    if (properties?.correlationData) {
      (properties as Record<string, unknown>).correlationData = cmd.properties!.correlationData;
    }
    // A structured clone gave the record Object.prototype back: names like `constructor` stay data.
    if (properties?.userProperties) properties.userProperties = copyUserProps(properties.userProperties);
    inflight.set(cmd.id, c);
    c.publish(
      cmd.topic,
      cmd.payload as unknown as Buffer,
      { qos: cmd.qos, retain: cmd.retain, properties: properties as never },
      (err, packet) => {
        if (!inflight.delete(cmd.id)) return; // already answered (connection lost)
        const reasonCode = (err as { code?: number } | undefined)?.code ?? (packet as { reasonCode?: number } | undefined)?.reasonCode;
        if (err) post({ type: 'result', id: cmd.id, ok: false, error: err.message, reasonCode });
        else post({ type: 'result', id: cmd.id, ok: true, reasonCode });
      },
    );
  }

  function subscribe(cmd: Extract<WorkerCommand, { type: 'subscribe' | 'unsubscribe' }>) {
    const c = client;
    if (!c || !c.connected) {
      post({ type: 'result', id: cmd.id, ok: false, error: 'Not connected.' });
      return;
    }
    if (cmd.type === 'unsubscribe') {
      c.unsubscribe(cmd.filters, (err) => {
        if (!err) sessionSubs.removed(cmd.filters);
        post({ type: 'result', id: cmd.id, ok: !err, error: err?.message });
      });
      return;
    }
    subscribedAt = Date.now();
    c.subscribe(cmd.filters, subscribeOptions(), (err, granted) => {
      sessionSubs.granted((granted ?? []).map((g) => ({ filter: g.topic, code: g.qos })));
      post({
        type: 'result',
        id: cmd.id,
        ok: !err && (granted ?? []).every((g) => g.qos < 128),
        error: err?.message,
        subscriptions: (granted ?? []).map((g) => ({ filter: g.topic, code: g.qos })),
      });
    });
  }

  /** Whatever a command throws is answered: a failed result for its id, else an error status. */
  function onCommand(cmd: WorkerCommand) {
    try {
      handleCommand(cmd);
    } catch (e) {
      const error = `The connection worker failed: ${(e as Error)?.message || String(e)}`;
      if ('id' in cmd && typeof cmd.id === 'number') {
        inflight.delete(cmd.id);
        post({ type: 'result', id: cmd.id, ok: false, error });
      } else status({ state: 'error', reason: error });
    }
  }

  function handleCommand(cmd: WorkerCommand) {
    switch (cmd.type) {
      case 'connect':
        request = cmd.request;
        attempt = 0;
        lastReason = undefined;
        downgrade = false;
        fallbackNote = cmd.request.versionNote;
        freshIdHelps = false;
        nodes.reset(cmd.request.urls?.length ? cmd.request.urls : [cmd.request.url]);
        drops.reset();
        secureFailures.reset();
        recording.connectionChanged(cmd.request.url);
        open(cmd.request);
        break;
      case 'disconnect':
        recording.connectionChanged(null);
        request = null;
        teardown();
        status({ state: 'disconnected' });
        break;
      case 'publish':
        publish(cmd);
        break;
      case 'fetch-retained':
        // Read from the node we are connected to (the profile's first URL may be down).
        fetchRetained(cmd, request && { ...request, url: nodes.current || request.url }, post);
        break;
      case 'subscribe':
      case 'unsubscribe':
        subscribe(cmd);
        break;
      case 'alert-rules':
        alerts.command(cmd);
        break;
      case 'decode-rules':
        decoders.command(cmd);
        break;
      case 'record-start':
      case 'record-stop':
        recording.command(cmd, request && { url: request.url, subscriptions: request.subscriptions });
        break;
    }
  }

  return onCommand;
}

/// <reference lib="webworker" />
/**
 * The MQTT worker's entry point (session.ts loads it): the client and its command handling
 * live in worker-host.ts; this wires them to the worker's messages.
 */
import type { WorkerCommand, WorkerEvent } from './protocol';
import { createWorkerHost } from './worker-host';

declare const self: DedicatedWorkerGlobalScope;

const onCommand = createWorkerHost({
  post: (ev: WorkerEvent, transfer: Transferable[] = []) => self.postMessage(ev, transfer),
  pageProtocol: self.location?.protocol,
  makeWebSocket: (url, protocols) => new WebSocket(url, protocols), // QoS 0 messages skip mqtt.js's streams (fast-ingress.ts)
});

self.onmessage = (ev: MessageEvent<WorkerCommand>) => onCommand(ev.data);

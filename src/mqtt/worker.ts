/// <reference lib="webworker" />
/**
 * The MQTT worker's entry point (session.ts loads it): the client and its command handling
 * live in worker-host.ts; this wires them to the worker's messages.
 */
import type { WorkerCommand, WorkerEvent } from './protocol';
import { createWorkerHost } from './worker-host';
import { packBatch } from './batch-wire';

declare const self: DedicatedWorkerGlobalScope;

const onCommand = createWorkerHost({
  post: (ev: WorkerEvent, transfer: Transferable[] = []) => {
    if (ev.type !== 'batch') return self.postMessage(ev, transfer);
    const packed = packBatch(ev); // in columns: much cheaper to clone than an object per message (batch-wire.ts)
    self.postMessage(packed, [...transfer, packed.nums.buffer]);
  },
  pageProtocol: self.location?.protocol,
  makeWebSocket: (url, protocols) => new WebSocket(url, protocols), // QoS 0 messages skip mqtt.js's streams (fast-ingress.ts)
});

self.onmessage = (ev: MessageEvent<WorkerCommand>) => onCommand(ev.data);

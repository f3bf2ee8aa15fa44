/**
 * The one DynsecModel of the page, wired to the MQTT session: commands are published
 * with QoS 1 (an MQTT 5 broker then says when it refuses them), answers are read from
 * the applied batches. The Access control view subscribes the response topic while open.
 */
import { useSyncExternalStore } from 'react';
import { session } from '../../mqtt/session';
import { DYNSEC_RESPONSE_TOPIC, DYNSEC_TOPIC } from '../../core/dynsec';
import { DynsecModel, type DynsecTransport } from './dynsec-model';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const sessionTransport: DynsecTransport = {
  publish: (payload) => session.publish({ topic: DYNSEC_TOPIC, payload: encoder.encode(payload), qos: 1, retain: false }),
  onResponse: (fn) =>
    session.onBatch((messages) => {
      for (const m of messages) if (m.topic === DYNSEC_RESPONSE_TOPIC) fn(decoder.decode(m.payload));
    }),
};

export const dynsec = new DynsecModel(sessionTransport);

/** Re-renders when the model changed; returns it. */
export function useDynsec(): DynsecModel {
  useSyncExternalStore(dynsec.subscribe, dynsec.getSnapshot);
  return dynsec;
}

/**
 * The one DynsecModel of the page, wired to the MQTT session: commands are published
 * with QoS 1 (an MQTT 5 broker then says when it refuses them), answers come from the
 * applied batches (`routeDynsecResponses`, called from src/app/live.ts). The Access control
 * view subscribes the response topic while open.
 */
import { session } from '../../mqtt/session';
import type { MqttMessage } from '../../core/message';
import { DYNSEC_RESPONSE_TOPIC, DYNSEC_TOPIC } from '../../core/dynsec';
import { useModel } from '../../hooks/use-model';
import { DynsecModel } from './dynsec-model';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The model's handler for response texts, once it asked something (it attaches on first use). */
let onResponse: ((text: string) => void) | undefined;

export const dynsec = new DynsecModel({
  publish: (payload) => session.publish({ topic: DYNSEC_TOPIC, payload: encoder.encode(payload), qos: 1, retain: false }),
  onResponse: (fn) => {
    onResponse = fn;
    return () => {
      if (onResponse === fn) onResponse = undefined;
    };
  },
});

/** One applied batch: hands the dynamic-security answers in it to the model. */
export function routeDynsecResponses(messages: readonly MqttMessage[]): void {
  if (!onResponse) return;
  for (const m of messages) if (m.topic === DYNSEC_RESPONSE_TOPIC) onResponse(decoder.decode(m.payload));
}

/** Re-renders when the model changed; returns it. */
export function useDynsec(): DynsecModel {
  useModel(dynsec);
  return dynsec;
}

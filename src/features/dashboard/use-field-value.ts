import { useState } from 'react';
import type { MqttMessage } from '../../core/message';
import { sparkplugKeepsLast } from '../../core/message-reading';

interface Kept<T> {
  msg: MqttMessage;
  field: string;
  value: T;
}

/**
 * What a widget shows from its topic's newest message (`read`: core/message-reading.ts), and the
 * message it came from (for "Updated 5 s ago"). Sparkplug B reports by exception — a DDATA
 * carries only the metrics that changed — so when the newest Sparkplug message lacks the field,
 * the value read last on this topic stays (with its own time) instead of "no data".
 */
export function useFieldValue<T>(
  msg: MqttMessage | undefined,
  field: string,
  read: (m: MqttMessage, field: string) => T | undefined,
): { value: T | undefined; from: MqttMessage | undefined } {
  const fresh = msg ? read(msg, field) : undefined;
  const [kept, setKept] = useState<Kept<T> | undefined>(undefined);
  // Remembering a value from an earlier render: React's "adjust state while rendering" pattern.
  if (msg && fresh !== undefined && (kept?.msg !== msg || kept.field !== field)) setKept({ msg, field, value: fresh });
  if (fresh !== undefined) return { value: fresh, from: msg };
  if (kept && msg && kept.field === field && kept.msg.topic === msg.topic && sparkplugKeepsLast(msg)) return { value: kept.value, from: kept.msg };
  return { value: undefined, from: msg };
}

/**
 * The standard Sparkplug B rebirth request (issue 13): an NCMD to `spBv1.0/<group>/NCMD/<edge
 * node>` whose one metric is `Node Control/Rebirth` (Boolean true), encoded as the Sparkplug B
 * protobuf with the code generated ahead of time from Eclipse Tahu's sparkplug_b.proto (gen/, no
 * eval: the app's CSP refuses it). Loaded only when someone confirms Request rebirth
 * (mqtt/sparkplug-rebirth.ts).
 */
import { create, toBinary } from '@bufbuild/protobuf';
import { Payload_MetricSchema, PayloadSchema } from './gen/sparkplug_b_pb';

export const REBIRTH_METRIC = 'Node Control/Rebirth';
/** Boolean in Tahu's DataType enum. */
const BOOLEAN = 11;

/** The NCMD payload asking an edge node to send its NBIRTH and DBIRTHs again. */
export function encodeRebirthCommand(now = Date.now()): Uint8Array {
  const metric = create(Payload_MetricSchema, {
    name: REBIRTH_METRIC,
    timestamp: BigInt(now),
    datatype: BOOLEAN,
    value: { case: 'booleanValue', value: true },
  });
  return toBinary(PayloadSchema, create(PayloadSchema, { timestamp: BigInt(now), metrics: [metric] }));
}

/**
 * What the broker said it can do, from the MQTT 5 CONNACK properties (3.1.1 brokers say
 * nothing). An absent property means the MQTT 5 default, which `capabilityRows` spells out.
 */
import type { BrokerCapabilities } from '../core/connection';

export type { BrokerCapabilities };

type ConnackProps = Partial<Record<keyof Omit<BrokerCapabilities, 'protocolVersion'>, unknown>>;

const KEYS = [
  'maximumQoS',
  'retainAvailable',
  'wildcardSubscriptionAvailable',
  'sharedSubscriptionAvailable',
  'subscriptionIdentifiersAvailable',
  'topicAliasMaximum',
  'maximumPacketSize',
  'receiveMaximum',
  'serverKeepAlive',
  'assignedClientIdentifier',
] as const;

/** Copies the capability properties of a CONNACK (only the ones of the right type). */
export function capabilitiesFromConnack(protocolVersion: 4 | 5, props: ConnackProps | undefined): BrokerCapabilities {
  const caps: BrokerCapabilities = { protocolVersion };
  if (protocolVersion !== 5 || !props) return caps;
  const out = caps as unknown as Record<string, unknown>;
  for (const k of KEYS) {
    const v = props[k];
    const want = k.endsWith('Available') ? 'boolean' : k === 'assignedClientIdentifier' ? 'string' : 'number';
    if (typeof v === want) out[k] = v;
  }
  if (caps.maximumQoS !== undefined && caps.maximumQoS !== 0 && caps.maximumQoS !== 1) delete caps.maximumQoS;
  return caps;
}

/** Retain is off only when an MQTT 5 broker said so. */
export function retainUnavailable(caps: BrokerCapabilities | undefined): boolean {
  return caps?.protocolVersion === 5 && caps.retainAvailable === false;
}

/** The highest QoS this broker takes for our publishes (2 when it did not say). */
export function maxPublishQos(caps: BrokerCapabilities | undefined): 0 | 1 | 2 {
  return caps?.protocolVersion === 5 && caps.maximumQoS !== undefined ? caps.maximumQoS : 2;
}

export function qosUnavailableReason(max: 0 | 1 | 2): string {
  return `This broker takes QoS ${max === 0 ? '0 only' : `up to ${max}`} (Maximum QoS in its CONNACK).`;
}

export const RETAIN_UNAVAILABLE_REASON = 'This broker does not keep retained messages (Retain Available: no in its CONNACK).';

export interface CapabilityRow {
  term: string;
  value: string;
}

const yesNo = (v: boolean | undefined) => (v === false ? 'no' : v === true ? 'yes' : 'yes (not announced: the MQTT 5 default)');

/** The rows of the "Broker capabilities" section, in words. */
export function capabilityRows(caps: BrokerCapabilities, requestedKeepalive?: number): CapabilityRow[] {
  if (caps.protocolVersion !== 5) return [];
  const rows: CapabilityRow[] = [
    { term: 'Maximum QoS', value: caps.maximumQoS !== undefined ? String(caps.maximumQoS) : '2 (not announced: the MQTT 5 default)' },
    { term: 'Retain available', value: yesNo(caps.retainAvailable) },
    { term: 'Wildcard subscriptions', value: yesNo(caps.wildcardSubscriptionAvailable) },
    { term: 'Shared subscriptions', value: yesNo(caps.sharedSubscriptionAvailable) },
    { term: 'Subscription identifiers', value: yesNo(caps.subscriptionIdentifiersAvailable) },
    { term: 'Topic alias maximum', value: caps.topicAliasMaximum ? String(caps.topicAliasMaximum) : '0 (no topic aliases)' },
    {
      term: 'Maximum packet size',
      value: caps.maximumPacketSize !== undefined ? `${caps.maximumPacketSize.toLocaleString('en')} bytes` : 'no limit announced',
    },
    {
      term: 'Receive maximum',
      value: caps.receiveMaximum !== undefined ? `${caps.receiveMaximum} messages in flight` : '65535 (not announced: the MQTT 5 default)',
    },
  ];
  if (caps.serverKeepAlive !== undefined) {
    const asked = requestedKeepalive !== undefined && requestedKeepalive !== caps.serverKeepAlive ? ` (we asked for ${requestedKeepalive} s)` : '';
    rows.push({ term: 'Server keep alive', value: `${caps.serverKeepAlive} s${asked}` });
  }
  if (caps.assignedClientIdentifier !== undefined) rows.push({ term: 'Assigned client ID', value: caps.assignedClientIdentifier });
  return rows;
}
